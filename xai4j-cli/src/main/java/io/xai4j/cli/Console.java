package io.xai4j.cli;

import java.util.Locale;

/** What the command prints for people (the library logs through SLF4J instead). */
final class Console {

    private Console() {}

    static void info(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }

    /** Progress bars only when a person is watching (not under CI). */
    static boolean interactive() {
        return System.getenv("CI") == null;
    }
}

package io.xai4j.cli.pipnet;

import java.util.Locale;

/** What the PIP-Net commands print for people (the library logs through SLF4J). */
final class Out {

    private Out() {}

    static void info(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }

    /** Progress bars only when a person is watching (not under CI). */
    static boolean interactive() {
        return System.getenv("CI") == null;
    }
}

package io.xai4j.cli;

import java.util.Locale;

/** What the command prints for people (the library logs through SLF4J instead). */
public final class Console {

    private Console() {}

    public static void info(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }

    /** "1 image", "3 images": a count with its noun in the right number (nouns that take an -s). */
    public static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** Progress bars only when a person is watching (not under CI). */
    public static boolean interactive() {
        return System.getenv("CI") == null;
    }
}

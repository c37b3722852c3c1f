package io.xai4j.cli;

/** Range checks of numeric options, failing in one line that names the option (before any work is done). */
public final class Checks {

    private Checks() {}

    /** Fails unless {@code value >= min}: {@code --batch-size must be >= 1, got 0}. */
    public static void atLeast(String option, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(option + " must be >= " + min + ", got " + value);
        }
    }
}

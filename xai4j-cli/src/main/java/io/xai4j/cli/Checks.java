package io.xai4j.cli;

/** Range checks of numeric options, failing in one line that names the option (before any work is done). */
public final class Checks {

    private Checks() {}

    /**
     * Fails if any of {@code options} was given on the command line, where it would have no effect:
     * {@code --image-size is not used with --dataset partshapes (...)}.
     */
    public static void unused(picocli.CommandLine.Model.CommandSpec spec, String where, String... options) {
        picocli.CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        for (String option : options) {
            if (parsed.hasMatchedOption(option)) {
                throw new IllegalArgumentException(option + " is not used " + where);
            }
        }
    }

    /** Fails unless {@code value >= min}: {@code --batch-size must be >= 1, got 0}. */
    public static void atLeast(String option, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(option + " must be >= " + min + ", got " + value);
        }
    }
}

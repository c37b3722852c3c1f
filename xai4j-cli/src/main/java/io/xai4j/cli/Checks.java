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

    /**
     * Fails on an option of {@code settings} that none of the image {@code methods} reads (it would have no
     * effect), naming the methods that do read it; the methods' own descriptions say what they read.
     */
    public static void unusedSettings(picocli.CommandLine.Model.CommandSpec spec, java.util.List<String> methods,
            io.xai4j.core.explain.MethodOptions.Setting... settings) {
        for (io.xai4j.core.explain.MethodOptions.Setting setting : settings) {
            if (methods.stream().noneMatch(m -> io.xai4j.vision.explain.Explainers.info(m).reads(setting))) {
                java.util.List<String> readers = io.xai4j.vision.explain.Explainers.names().stream()
                        .filter(m -> io.xai4j.vision.explain.Explainers.info(m).reads(setting)).toList();
                unused(spec, "by " + String.join(", ", methods) + " (methods that read it: " + String.join(", ", readers) + ")", setting.option());
            }
        }
    }

    /**
     * Fails unless {@code file} can name an output file: null (not given) or not an existing folder, so that a
     * long run does not end in a write error.
     */
    public static void outputFile(String option, java.nio.file.Path file) {
        if (file != null && java.nio.file.Files.isDirectory(file)) {
            throw new IllegalArgumentException(option + " " + file + " is a folder; give a file in it, e.g. " + file.resolve("model.xai4j"));
        }
    }

    /** Fails if {@code dir} exists as a file: it is to be an output folder. */
    public static void outputFolder(String option, java.nio.file.Path dir) {
        if (dir != null && java.nio.file.Files.exists(dir) && !java.nio.file.Files.isDirectory(dir)) {
            throw new IllegalArgumentException(option + " " + dir + " is a file; give a folder");
        }
    }

    /** The file in a report folder that names the command whose report it holds. */
    static final String OWNER_FILE = ".xai4j-report";

    /**
     * Checks before any work that {@code command} may write its report into {@code dir}: fails if it is a file, or if
     * it holds a {@code report.html} of another command (named in its {@value #OWNER_FILE}) or of no known command (no
     * such file), so that one command never replaces another's report without a word; the same command may run again
     * into the same folder. Nothing is written here (a run refused later for bad input leaves no folder behind); the
     * command calls {@link #ownReport} when it writes the report.
     *
     * @param command the command as a user types it, e.g. {@code xai4j demo --graph}
     */
    public static void reportFolder(String option, java.nio.file.Path dir, String command) {
        outputFolder(option, dir);
        java.nio.file.Path owner = dir.resolve(OWNER_FILE);
        try {
            String claimed = java.nio.file.Files.isRegularFile(owner) ? java.nio.file.Files.readString(owner).strip() : null;
            if (command.equals(claimed)) {
                return;
            }
            if (java.nio.file.Files.exists(dir.resolve("report.html"))) {
                throw new IllegalArgumentException(option + " " + dir + " holds the report of " + (claimed != null ? "'" + claimed + "'"
                        + " (named in " + owner + ")" : "another run (no " + OWNER_FILE + " names its command)")
                        + "; give another " + option + ", or remove the folder to replace it");
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + owner + ": " + e.getMessage(), e);
        }
    }

    /** Names {@code command} as the owner of the report in {@code dir} ({@value #OWNER_FILE}); call it when writing the report. */
    public static void ownReport(java.nio.file.Path dir, String command) {
        io.xai4j.core.io.AtomicFiles.writeString(dir.resolve(OWNER_FILE), command + "\n");
    }

    /** Fails unless {@code value > 0} (and finite): {@code --lr must be > 0, got 0.0}. */
    public static void positive(String option, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(option + " must be > 0, got " + value);
        }
    }

    /** Fails unless {@code value} is one of {@code allowed}: {@code --optimizer must be adamw or sgd, got 'adam'}. */
    public static void oneOf(String option, String value, String... allowed) {
        if (!java.util.List.of(allowed).contains(value)) {
            throw new IllegalArgumentException(option + " must be " + String.join(" or ", allowed) + ", got '" + value + "'");
        }
    }

    /**
     * Fails unless {@code side} can be a square model input: 1..{@value io.xai4j.vision.data.ImageFolderDataset#MAX_SIDE}
     * (a larger side would need more memory than a batch can have, and overflows the image buffers).
     */
    public static void imageSide(String option, long side) {
        if (side < 1 || side > io.xai4j.vision.data.ImageFolderDataset.MAX_SIDE) {
            throw new IllegalArgumentException(option + " must be 1.." + io.xai4j.vision.data.ImageFolderDataset.MAX_SIDE
                    + " (the side of the square model input in pixels), got " + side);
        }
    }

    /** Fails unless {@code 0 <= value <= 1}: {@code --alpha must be in [0, 1], got 1.5}. */
    public static void unitInterval(String option, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(option + " must be in [0, 1], got " + value);
        }
    }

    /** Fails unless {@code value >= min}: {@code --batch-size must be >= 1, got 0}. */
    public static void atLeast(String option, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(option + " must be >= " + min + ", got " + value);
        }
    }
}

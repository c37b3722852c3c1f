package io.xai4j.cli;

import io.xai4j.vision.data.Normalization;
import io.xai4j.vision.model.ImageClassifier;
import io.xai4j.vision.model.TorchScriptClassifier;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The options that load an exported PyTorch classifier instead of an xai4j model file, shared by
 * {@code explain}, {@code evaluate} and {@code bench} (a picocli mixin). A TorchScript file carries no class
 * names, input size or normalisation, so they are options; the defaults are ImageNet's.
 */
public final class TorchScriptOptions {

    @Option(names = "--torchscript", description = "A TorchScript export with forward_features/forward_head, instead of --model (see README).")
    Path file;

    @Option(names = "--classes", split = ",", description = "TorchScript: class names in output order.")
    List<String> classes;

    @Option(names = "--classes-file", paramLabel = "FILE", description = "TorchScript: class names in output order, one per line"
            + " (UTF-8; a name may hold commas; blank lines at the end are ignored), instead of --classes.")
    Path classesFile;

    @Option(names = "--input-size", defaultValue = "224", description = "TorchScript: square input size (default: ${DEFAULT-VALUE}).")
    int inputSize;

    @Option(names = "--mean", split = ",", defaultValue = "0.485,0.456,0.406", description = "TorchScript: normalisation mean (default: ImageNet).")
    float[] mean;

    @Option(names = "--std", split = ",", defaultValue = "0.229,0.224,0.225", description = "TorchScript: normalisation std (default: ImageNet).")
    float[] std;

    /** A loaded TorchScript classifier with the normalisation its inputs need. */
    public record Loaded(ImageClassifier model, Normalization normalization) {}

    /** The TorchScript file, or null. */
    public Path file() {
        return file;
    }

    /** The square input size {@code --input-size}. */
    public int inputSize() {
        return inputSize;
    }

    /** Whether {@code --torchscript} was given. */
    public boolean given() {
        return file != null;
    }

    /**
     * Checks the combination with {@code --model} (exactly one of the two, {@code modelOptional}: at most one) and
     * refuses the TorchScript-only options next to a model file, which has its own classes, size and normalisation.
     */
    public void checkAgainst(CommandSpec spec, Path model, boolean modelOptional) {
        if (model != null && file != null) {
            throw new IllegalArgumentException("give --model or --torchscript, not both");
        }
        if (model == null && file == null && !modelOptional) {
            throw new IllegalArgumentException("give --model (an xai4j model file) or --torchscript (an exported PyTorch model)");
        }
        if (file == null) {
            Checks.unused(spec, model != null ? "with --model (the model file has its classes, input size and normalisation)"
                    : "without --torchscript", "--classes", "--classes-file", "--input-size", "--mean", "--std");
        }
        if (classes != null && classesFile != null) {
            throw new IllegalArgumentException("give --classes or --classes-file, not both");
        }
        if (classes != null) {
            requireDistinct(classes, "--classes", i -> "positions " + (i + 1));
        }
        Checks.imageSide("--input-size", inputSize);
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("--mean and --std take three comma-separated values (R,G,B), got " + mean.length + " and "
                    + std.length);
        }
        for (float s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("--std values must be > 0, got " + s);
            }
        }
    }

    /**
     * Loads the export with {@code --classes}, or with {@code defaultClasses} when that option is not given
     * ({@code null}: the option is required).
     */
    public Loaded load(List<String> defaultClasses) {
        List<String> given = classes != null ? classes : classesFile != null ? readClassesFile(classesFile) : null;
        List<String> names = given != null ? given : defaultClasses;
        if (names == null) {
            throw new IllegalArgumentException("--classes or --classes-file is required with --torchscript (the class names in the model's"
                    + " output order)");
        }
        ImageClassifier model;
        try {
            model = TorchScriptClassifier.load(file, names, new int[] {3, inputSize, inputSize});
        } catch (io.xai4j.vision.model.InputSizeException e) {
            throw new IllegalArgumentException("--input-size " + inputSize + ": " + e.getMessage()
                    + (e.acceptedSides().isEmpty() ? "" : "; give --input-size " + e.acceptedSides().get(0)), e);
        } catch (IllegalArgumentException e) {
            if (given != null) {
                throw e;
            }
            throw new IllegalArgumentException(e.getMessage() + " (the data's classes " + (names.size() <= 6 ? names : names.subList(0, 6)
                    + " …") + "; give --classes or --classes-file, or the --dataset the model was trained on)", e);
        }
        Console.info("%s: %d classes, input 3×%d×%d (--input-size), mean %s, std %s%s", file, names.size(), inputSize, inputSize,
                java.util.Arrays.toString(mean), java.util.Arrays.toString(std), model.layers().isEmpty() ? "; forward() only, no feature layer" : "");
        return new Loaded(model, new Normalization(mean, std));
    }

    /**
     * The class names of a {@code --classes-file}: one per line, trimmed; blank lines at the end ignored, a blank line
     * before the last name and a repeated name refused, naming the line.
     */
    static List<String> readClassesFile(Path file) {
        List<String> lines;
        try {
            lines = java.nio.file.Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("--classes-file " + file + ": file not found");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException("--classes-file " + file + ": not UTF-8 text");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("--classes-file " + file + ": cannot read: " + e.getMessage(), e);
        }
        int n = lines.size();
        while (n > 0 && lines.get(n - 1).isBlank()) {
            n--;
        }
        List<String> names = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = lines.get(i).strip();
            if (i == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1).strip();
            }
            if (name.isEmpty()) {
                throw new IllegalArgumentException("--classes-file " + file + " line " + (i + 1) + ": empty class name (one name per line)");
            }
            names.add(name);
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("--classes-file " + file + ": no class names (one name per line)");
        }
        requireDistinct(names, "--classes-file " + file, i -> "lines " + (i + 1));
        return names;
    }

    /** Refuses a name given twice: the model's outputs would be ambiguous ({@code --target}, the JSON records). */
    private static void requireDistinct(List<String> names, String where, java.util.function.IntFunction<String> position) {
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            Integer earlier = seen.putIfAbsent(names.get(i), i);
            if (earlier != null) {
                throw new IllegalArgumentException(where + ": duplicate class name '" + names.get(i) + "' (" + position.apply(earlier)
                        + " and " + (i + 1) + "); class names must be distinct");
            }
        }
    }
}

package io.xai4j.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import picocli.CommandLine.Option;

/**
 * Which class each image is explained for (a picocli mixin of {@code explain}): the predicted class (the default), one
 * class for the run, each image's class folder ({@code --target label}), or a CSV file of file → class.
 */
public final class TargetOptions {

    /** The {@code --target} value that means each image's class folder. */
    static final String LABEL = "label";

    @Option(names = "--target", paramLabel = "CLASS", description = "Class name or index to explain for every image, or 'label': each"
            + " image's class folder (DIR/<class>/... of a folder given, or an image file's own folder), as torchvision's ImageFolder"
            + " labels it (default: the predicted class).")
    String target;

    @Option(names = "--target-file", paramLabel = "FILE", description = "CSV of file,class lines (class by name or index; a header line"
            + " is optional): the class to explain for each image; a line's file matches the image whose path ends with it"
            + " (name, class/name, or the whole path), and every image needs one.")
    Path targetFile;

    /** Fails when both options are given (before any work). */
    void check() {
        if (target != null && targetFile != null) {
            throw new IllegalArgumentException("give --target or --target-file, not both");
        }
    }

    /** The one class of the run ({@code --target CLASS}), or null (predicted, or per image). */
    Integer runTarget(List<String> classNames) {
        if (target == null || isLabel(classNames)) {
            return null;
        }
        return classIndex(classNames, target, "--target '" + target + "'");
    }

    /**
     * The class of each of {@code files} ({@code --target label} or {@code --target-file}), or null when a run's class or the
     * predicted one applies; fails, naming the image, the file and its line, before any image is explained.
     *
     * @param inputs the files and folders given on the command line, which {@code files} were found in
     */
    int[] perImage(List<Path> files, List<Path> inputs, List<String> classNames) {
        if (targetFile != null) {
            return fromFile(files, classNames);
        }
        if (target == null || !isLabel(classNames)) {
            return null;
        }
        int[] out = new int[files.size()];
        for (int i = 0; i < out.length; i++) {
            String folder = classFolder(files.get(i), inputs);
            if (folder == null) {
                throw new IllegalArgumentException("--target label: " + files.get(i) + " is in no folder to take its class from; give images"
                        + " in class folders (DIR/<class>/image.png) or a --target-file");
            }
            out[i] = classNames.indexOf(folder);
            if (out[i] < 0) {
                throw new IllegalArgumentException("--target label: " + files.get(i) + " is in folder '" + folder + "', which is not a class"
                        + " of the model " + classNames + "; give a folder with class subfolders, or a --target-file");
            }
        }
        return out;
    }

    private boolean isLabel(List<String> classNames) {
        if (!LABEL.equals(target)) {
            return false;
        }
        if (classNames.contains(LABEL)) {
            throw new IllegalArgumentException("--target label is ambiguous: the model has a class named 'label'; give its index "
                    + classNames.indexOf(LABEL) + " for that class");
        }
        return true;
    }

    /**
     * The class folder of {@code file}: below a folder given on the command line, the first folder under it
     * ({@code DIR/cat/a/1.png} → cat), or that folder's own name for an image directly in it; a file given by name, its own
     * folder's name; null when the path names no folder.
     */
    static String classFolder(Path file, List<Path> inputs) {
        for (Path input : inputs) {
            if (Files.isDirectory(input) && file.startsWith(input) && file.getNameCount() > input.getNameCount() + 1) {
                return file.getName(input.getNameCount()).toString();
            }
        }
        Path parent = file.toAbsolutePath().normalize().getParent();
        return parent == null || parent.getFileName() == null ? null : parent.getFileName().toString();
    }

    /** A class given by name or index, or an error that starts with {@code what}. */
    static int classIndex(List<String> names, String value, String what) {
        Integer k = classOrNull(names, value);
        if (k == null) {
            throw new IllegalArgumentException(what + " is neither a class name " + names + " nor an index 0.." + (names.size() - 1));
        }
        return k;
    }

    private static Integer classOrNull(List<String> names, String value) {
        int i = names.indexOf(value);
        if (i >= 0) {
            return i;
        }
        try {
            int k = Integer.parseInt(value);
            return k >= 0 && k < names.size() ? k : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** One line of the targets file. */
    private record Line(long number, String file, String cls) {}

    private int[] fromFile(List<Path> files, List<String> classNames) {
        List<Line> lines = readLines();
        // keys: a relative entry by its normalised path, an absolute one (or one that climbs with ..) by its absolute path
        Map<String, Line> byPath = new HashMap<>();
        Map<Line, Integer> cls = new HashMap<>();
        for (int k = 0; k < lines.size(); k++) {
            Line line = lines.get(k);
            Integer c = classOrNull(classNames, line.cls());
            if (c == null && k == 0 && files.stream().noneMatch(f -> matches(f, line.file()))) {
                continue; // a header: its class field is no class and its file field no image
            }
            if (c == null) {
                throw new IllegalArgumentException(where(line) + ": class '" + line.cls() + "' is neither a class name " + classNames
                        + " nor an index 0.." + (classNames.size() - 1));
            }
            Line before = byPath.putIfAbsent(key(line), line);
            if (before != null) {
                throw new IllegalArgumentException(where(line) + ": " + line.file() + " is listed again (first on line " + before.number() + ")");
            }
            cls.put(line, c);
        }
        int[] out = new int[files.size()];
        Map<Line, Path> used = new HashMap<>();
        List<Path> missing = new ArrayList<>();
        for (int i = 0; i < out.length; i++) {
            Line line = lookUp(files.get(i), byPath);
            if (line == null) {
                missing.add(files.get(i));
                continue;
            }
            Path other = used.putIfAbsent(line, files.get(i));
            if (other != null) {
                throw new IllegalArgumentException(where(line) + ": " + line.file() + " matches both " + other + " and " + files.get(i)
                        + "; write enough of the path to tell them apart");
            }
            out[i] = cls.get(line);
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("--target-file " + targetFile + " has no line for " + missing.get(0)
                    + (missing.size() > 1 ? " (nor for " + (missing.size() - 1) + " more images)" : "") + "; every image needs file,class");
        }
        return out;
    }

    private List<Line> readLines() {
        CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).setTrim(true).build();
        List<Line> lines = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(targetFile, StandardCharsets.UTF_8); CSVParser parser = CSVParser.parse(reader, format)) {
            for (CSVRecord r : parser) {
                long number = r.getRecordNumber();
                if (r.size() == 1 && r.get(0).isEmpty()) {
                    continue;
                }
                if (r.size() != 2) {
                    throw new IllegalArgumentException("--target-file " + targetFile + " line " + number + ": expected file,class, got "
                            + r.size() + (r.size() == 1 ? " field" : " fields"));
                }
                String file = r.get(0).replace("\uFEFF", "");
                if (file.isEmpty()) {
                    throw new IllegalArgumentException("--target-file " + targetFile + " line " + number + ": expected file,class, the file is empty");
                }
                lines.add(new Line(number, file, r.get(1)));
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("--target-file " + targetFile + ": file not found");
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("--target-file " + targetFile + ": not a readable CSV file (" + e.getMessage() + ")");
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("--target-file " + targetFile + " is empty; expected file,class lines");
        }
        return lines;
    }

    private String where(Line line) {
        return "--target-file " + targetFile + " line " + line.number();
    }

    private String key(Line line) {
        try {
            Path p = Path.of(line.file());
            return p.isAbsolute() || p.normalize().startsWith("..") ? p.toAbsolutePath().normalize().toString() : p.normalize().toString();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(where(line) + ": '" + line.file() + "' is not a file path");
        }
    }

    /** The line whose file is the longest ending of {@code image}'s absolute path, or null. */
    private static Line lookUp(Path image, Map<String, Line> byPath) {
        Path abs = image.toAbsolutePath().normalize();
        Line whole = byPath.get(abs.toString());
        if (whole != null) {
            return whole;
        }
        int n = abs.getNameCount();
        for (int k = n; k >= 1; k--) {
            Line line = byPath.get(abs.subpath(n - k, n).toString());
            if (line != null) {
                return line;
            }
        }
        return null;
    }

    private static boolean matches(Path image, String file) {
        try {
            Path p = Path.of(file).normalize();
            return !p.toString().isEmpty() && image.toAbsolutePath().normalize().endsWith(p);
        } catch (InvalidPathException e) {
            return false;
        }
    }
}

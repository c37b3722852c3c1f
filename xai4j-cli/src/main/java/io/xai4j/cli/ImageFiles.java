package io.xai4j.cli;

import io.xai4j.vision.data.ImageFolderDataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The image files named on a command line: files as given, folders walked in name order for the endings
 * {@link ImageFolderDataset} reads (PartShapes masks and names starting with '.' left out); the other files of a
 * walked folder are counted in one line instead of dropped without a word.
 */
public final class ImageFiles {

    private ImageFiles() {}

    /** The images found, and the files of walked folders that are not images xai4j reads (e.g. .webp), in name order. */
    public record Scan(List<Path> images, List<Path> ignored) {}

    /** Expands {@code inputs}, printing one line that counts the files left out; fails as {@link #scan} does. */
    public static List<Path> expand(List<Path> inputs) {
        Scan scan = scan(inputs);
        if (!scan.ignored().isEmpty()) {
            Console.info("%s", ImageFolderDataset.ignoredSummary(scan.ignored()) + " in " + inputs.stream().filter(Files::isDirectory).toList());
        }
        return scan.images();
    }

    /** Expands {@code inputs}; fails naming a missing input, or the inputs when they hold no image. */
    public static Scan scan(List<Path> inputs) {
        List<Path> out = new ArrayList<>();
        List<Path> ignored = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                            .filter(f -> !f.toString().endsWith(".mask.png")).sorted()
                            .forEach(f -> (ImageFolderDataset.isImageName(f.getFileName().toString()) ? out : ignored).add(f));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + p, e);
                }
            } else if (Files.isRegularFile(p)) {
                out.add(p);
            } else {
                throw new IllegalArgumentException("input not found: " + p);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no images (" + String.join(", ", ImageFolderDataset.EXTENSIONS) + ") found in " + inputs
                    + (ignored.isEmpty() ? "" : ": " + ImageFolderDataset.ignoredSummary(ignored)));
        }
        return new Scan(List.copyOf(out), List.copyOf(ignored));
    }
}

package io.xai4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The image files named on a command line: files as given, folders walked in name order (PartShapes masks left out). */
public final class ImageFiles {

    private ImageFiles() {}

    /** Expands {@code inputs}; fails naming a missing input, or the inputs when they hold no image. */
    public static List<Path> expand(List<Path> inputs) {
        List<Path> out = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile).filter(f -> f.toString().matches("(?i).*\\.(png|jpe?g|bmp|gif)$"))
                            .filter(f -> !f.toString().endsWith(".mask.png")).sorted().forEach(out::add);
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
            throw new IllegalArgumentException("no images (png, jpg, bmp, gif) found in " + inputs);
        }
        return out;
    }
}

package io.xai4j.cli;

import io.xai4j.vision.data.PartShapesConfig;
import io.xai4j.vision.data.PartShapesDataset;
import io.xai4j.vision.data.PartShapesGenerator;
import io.xai4j.vision.data.Split;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xai4j export}: the generated PartShapes benchmark as an image folder on disk (docs/methods/partshapes.md#on-disk). */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write the PartShapes benchmark to a folder: split/class/00001.png with its part mask 00001.mask.png, ood/unseen/,"
                + " and metadata.json; --dataset folder reads it (evaluate with the part masks); torchvision's ImageFolder needs"
                + " is_valid_file to skip the *.mask.png files.")
final class ExportCommand implements Callable<Integer> {

    @Option(names = "--dataset", defaultValue = "partshapes", description = "partshapes (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--seed", defaultValue = "0", description = "PartShapes seed: the images and the class definitions, as --seed of"
            + " train (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, description = "The folder to write; it must not exist or be empty.")
    Path out;

    @Override
    public Integer call() {
        if (!dataset.equals("partshapes")) {
            throw new IllegalArgumentException("unknown --dataset '" + dataset + "'; export writes partshapes (graphs: xai4j graph export)");
        }
        if (out.toString().isBlank()) {
            throw new IllegalArgumentException("--out is empty; give a new folder");
        }
        if (Files.exists(out) && !isEmptyFolder(out)) {
            throw new IllegalArgumentException("--out " + out + " exists and is not an empty folder; give a new folder");
        }
        Path parent = out.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new IllegalArgumentException("--out " + out + ": cannot create its parent folder " + parent
                    + (e instanceof java.nio.file.FileAlreadyExistsException ? " (a file of that name is in the way)" : " (" + e.getMessage() + ")"), e);
        }
        PartShapesDataset data = new PartShapesGenerator(PartShapesConfig.defaults().toBuilder().optSeed(seed).build()).generate();
        // written beside the target and renamed into place at the end, so a killed export leaves no half folder under --out
        Path partial = parent.resolve("." + out.getFileName() + ".partial-" + ProcessHandle.current().pid());
        try {
            data.writeImageFolder(partial);
            Files.deleteIfExists(out); // an empty folder
            Files.move(partial, out, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        } finally {
            deleteTree(partial);
        }
        int n = 0;
        for (Split s : Split.values()) {
            n += data.split(s).size();
        }
        Console.info("wrote %d PartShapes images (seed %d: %d train, %d val, %d test, %d ood) with their part masks and metadata.json to %s",
                n, seed, data.train().size(), data.val().size(), data.test().size(), data.ood().size(), out);
        return 0;
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a leftover hidden .partial folder does not affect the export
        }
    }

    private static boolean isEmptyFolder(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}

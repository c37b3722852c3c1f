package io.xai4j.cli.pipnet;

import io.xai4j.cli.Console;
import io.xai4j.vision.data.IdxDataset;
import io.xai4j.vision.data.ImageDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The far-OOD sets of docs/methods/pipnet.md#far-and-near-ood, as in the paper's Table 2 (other data sets, not unseen parts): Fashion-MNIST
 * test images (28 px grey, shown as RGB and resized to S by the test transform) and uniform noise images. Both are
 * scored with the class thresholds fitted for the near-OOD split (docs/methods/pipnet.md#ood-detection).
 */
final class FarOod {

    /** Where {@code apt-get install dataset-fashion-mnist} puts the IDX files (as {@code --dataset fashion-mnist}). */
    static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    /** Number of noise images. */
    static final int NOISE_IMAGES = 1000;

    private FarOod() {}

    /** One far-OOD set. */
    record Set(String name, ImageDataset images) {}

    /**
     * The sets named in {@code spec} ({@code fashion-mnist}, {@code noise}, comma-separated, or {@code none}). A named
     * set that cannot be read fails with one line.
     *
     * @param seed seed of the noise images
     * @param size side of the noise images (the model's S)
     */
    static List<Set> load(String spec, Path fashionMnistDir, long seed, int size) {
        List<Set> out = new ArrayList<>();
        for (String name : checkSpec(spec)) {
            out.add(name.equals("fashion-mnist") ? fashionMnist(fashionMnistDir != null ? fashionMnistDir : FASHION_MNIST)
                    : new Set("uniform noise (" + NOISE_IMAGES + " images)", new UniformNoise(NOISE_IMAGES, size, seed)));
        }
        return out;
    }

    /** The set names of {@code spec}, or a one-line error naming the option and what it takes. */
    static List<String> checkSpec(String spec) {
        List<String> names = new ArrayList<>();
        if (spec.trim().equals("none")) {
            return names;
        }
        for (String name : spec.split(",")) {
            if (!name.trim().equals("fashion-mnist") && !name.trim().equals("noise")) {
                throw new IllegalArgumentException("--far-ood must list fashion-mnist and/or noise (comma-separated) or be none, got '"
                        + name.trim() + "'");
            }
            names.add(name.trim());
        }
        return names;
    }

    /**
     * The far-OOD sets {@code pipnet train} scores after training: for PartShapes, noise, and Fashion-MNIST when its
     * files are installed (otherwise a line says how to add it); none for other data, whose OOD set is their own.
     */
    static List<Set> afterTraining(String dataset, long seed, int size) {
        if (!dataset.equals("partshapes")) {
            return List.of();
        }
        if (!Files.isRegularFile(FASHION_MNIST.resolve("t10k-images-idx3-ubyte.gz"))) {
            Console.info("far OOD: Fashion-MNIST not found in %s (apt-get install dataset-fashion-mnist), so only uniform noise is scored;"
                    + " pipnet evaluate --far-ood fashion-mnist,noise --fashion-mnist-dir DIR adds it", FASHION_MNIST);
            return load("noise", null, seed, size);
        }
        return load("fashion-mnist,noise", null, seed, size);
    }

    private static Set fashionMnist(Path dir) {
        Path images = dir.resolve("t10k-images-idx3-ubyte.gz"), labels = dir.resolve("t10k-labels-idx1-ubyte.gz");
        if (!Files.isRegularFile(images)) {
            throw new IllegalArgumentException("--far-ood fashion-mnist: " + images + " not found; install it (apt-get install dataset-fashion-mnist)"
                    + " or give --fashion-mnist-dir DIR");
        }
        ImageDataset test = IdxDataset.read(images, labels, IdxDataset.FASHION_MNIST_CLASSES).toRgb();
        return new Set("Fashion-MNIST test (" + test.size() + " images, grey as RGB)", test);
    }

    /** Images whose every pixel and channel is drawn uniformly from [0, 1), image i from its own seeded stream; labels −1. */
    record UniformNoise(int size, int side, long seed) implements ImageDataset {

        @Override
        public List<String> classNames() {
            return List.of();
        }

        @Override
        public int channels() {
            return 3;
        }

        @Override
        public int height() {
            return side;
        }

        @Override
        public int width() {
            return side;
        }

        @Override
        public int label(int index) {
            return -1;
        }

        @Override
        public float[] pixels(int index) {
            SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
            float[] out = new float[3 * side * side];
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) rng.nextDouble();
            }
            return out;
        }
    }
}

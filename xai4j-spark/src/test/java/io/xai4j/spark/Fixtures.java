package io.xai4j.spark;

import ai.djl.ndarray.NDManager;
import io.xai4j.graph.chem.MoleculeFeaturizer;
import io.xai4j.graph.model.Gcn;
import io.xai4j.vision.model.CnnClassifier;
import io.xai4j.vision.model.ModelFile;
import io.xai4j.vision.model.SmallResNet;
import io.xai4j.vision.model.SmallResNetConfig;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/** Tiny models and inputs for the Spark tests: a 16-pixel CNN, PNG files, a small GCN, molecules. */
final class Fixtures {

    static final int SIZE = 16;

    /** Readable molecules, then two that CDK refuses. */
    static final List<String> SMILES = List.of("CCO", "c1ccccc1O", "CC(=O)Nc1ccc(O)cc1", "C1CCCCC1N", "OC(=O)CCl");
    static final List<String> BAD_SMILES = List.of("C1CC(", "Xx");
    /** Three more readable molecules (nicotinic acid, ibuprofen, glycerol). */
    static final List<String> MORE_SMILES = List.of("c1ccncc1C(=O)O", "CC(C)Cc1ccc(cc1)C(C)C(=O)O", "OCC(O)CO");

    private Fixtures() {}

    /** A SmallResNet (two stages, BatchNorm) with random weights, saved as an xai4j model file. */
    static Path cnnFile(Path dir) {
        return cnnFile(dir, 3);
    }

    /** The registered image methods the defaults can build on the CNN of {@code file}. */
    static List<String> supportedByTheCnn(Path file) {
        try (NDManager m = NDManager.newBaseManager()) {
            var loaded = ModelFile.load(file, m);
            return io.xai4j.vision.explain.Explainers.supported(io.xai4j.vision.explain.Explainers.names(), loaded.model(),
                    io.xai4j.core.explain.MethodOptions.defaults());
        }
    }

    /** The same architecture with the weights of {@code seed}. */
    static Path cnnFile(Path dir, long seed) {
        Path file = dir.resolve("cnn-" + seed + ".xai4j");
        try (NDManager m = NDManager.newBaseManager()) {
            SmallResNetConfig config = new SmallResNetConfig(3, 4, 8, new int[] {8, 16}, new int[] {1, 2}, 1);
            List<String> classes = List.of("a", "b", "c", "d");
            CnnClassifier cnn = SmallResNet.create(m, config, classes, SIZE, seed);
            ModelFile.save(file, cnn, new ModelFile.Header(config, classes, SIZE, new float[] {0.5f, 0.4f, 0.3f},
                    new float[] {0.25f, 0.2f, 0.3f}, null), null);
        }
        return file;
    }

    /** {@code n} PNGs of seeded random colours, some not at the model's size (resized as explain does); their paths in order. */
    static List<Path> pngs(Path dir, int n) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path f = dir.resolve("img" + i + ".png");
            Files.write(f, png(i % 2 == 0 ? SIZE : SIZE + 7, 100 + i));
            files.add(f);
        }
        return files;
    }

    /** The first half of a valid PNG: a file that ends early. */
    static Path truncatedPng(Path dir) throws IOException {
        byte[] whole = png(SIZE, 7);
        Path f = dir.resolve("truncated.png");
        Files.write(f, Arrays.copyOf(whole, whole.length / 2));
        return f;
    }

    private static byte[] png(int side, long seed) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                img.setRGB(x, y, rng.nextInt(1 << 24));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /**
     * A two-layer GCN whose predictions and fidelity± differ between the molecules of {@link #SMILES} and
     * {@link #MORE_SMILES}: kernels from N(0, 0.5²) (five times {@code Gcn.create}'s, so the features outweigh the biases),
     * biases from N(0, 0.1²), seed 10; saved as a checkpoint.
     */
    static Path sensitiveGcnFile(Path dir) {
        java.util.Random rnd = new java.util.Random(10);
        int[] widths = {8, 8};
        int[] dims = {MoleculeFeaturizer.FEATURES, widths[0], widths[1], 2};
        float[][] w = new float[dims.length - 1][];
        float[][] b = new float[dims.length - 1][];
        for (int l = 0; l < w.length; l++) {
            w[l] = new float[dims[l] * dims[l + 1]];
            b[l] = new float[dims[l + 1]];
            for (int i = 0; i < w[l].length; i++) {
                w[l][i] = (float) (0.5 * rnd.nextGaussian());
            }
            for (int i = 0; i < b[l].length; i++) {
                b[l][i] = (float) (0.1 * rnd.nextGaussian());
            }
        }
        Path file = dir.resolve("sensitive.gcn");
        try (Gcn gcn = Gcn.fromParameters(MoleculeFeaturizer.FEATURES, widths, List.of("permeable", "not"), w, b)) {
            gcn.save(file);
        }
        return file;
    }

    /** A two-layer GCN on the 75 molecule features with random weights, saved as a checkpoint. */
    static Path gcnFile(Path dir) {
        Path file = dir.resolve("tiny.gcn");
        try (Gcn gcn = Gcn.create(MoleculeFeaturizer.FEATURES, new int[] {8, 8}, List.of("permeable", "not"), 11)) {
            gcn.save(file);
        }
        return file;
    }
}

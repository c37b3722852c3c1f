package io.xai4j.vision.scouter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.xai4j.vision.data.Normalization;
import io.xai4j.vision.model.Parameter;
import io.xai4j.vision.train.TrainingData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScouterTrainerTest {

    private static final Normalization IDENTITY = new Normalization(new float[] {0, 0, 0}, new float[] {1, 1, 1});

    /** Class = which third of the image holds the bright square (16 px, three classes). */
    static TrainingData toyData(int n, long seed) {
        int size = 16;
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] images = new float[n][3 * size * size];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(3);
            int x0 = labels[i] * 5 + rng.nextInt(2), y0 = rng.nextInt(size - 4);
            for (int c = 0; c < 3; c++) {
                for (int p = 0; p < size * size; p++) {
                    images[i][c * size * size + p] = (float) (0.2 * rng.nextDouble());
                }
                for (int y = y0; y < y0 + 4; y++) {
                    for (int x = x0; x < x0 + 4; x++) {
                        images[i][(c * size + y) * size + x] = 1f;
                    }
                }
            }
        }
        return new TrainingData() {
            public int size() { return n; }
            public int label(int index) { return labels[index]; }
            public NDArray batch(NDManager m, int[] idx) {
                float[] flat = new float[idx.length * 3 * size * size];
                for (int i = 0; i < idx.length; i++) {
                    System.arraycopy(images[idx[i]], 0, flat, i * 3 * size * size, 3 * size * size);
                }
                return m.create(flat, new Shape(idx.length, 3, size, size));
            }
        };
    }

    private static ScouterTrainingConfig config(int epochs) {
        // the step schedule halves the rate every epoch, so the resumed epochs must continue it
        return new ScouterTrainingConfig(epochs, 8, 3e-3, 0.01, 1, 0.5, 1, 2, 1, 5);
    }

    private static List<float[]> weights(Scouter model) {
        List<float[]> out = new ArrayList<>();
        for (Parameter p : model.state()) {
            out.add(p.array().toFloatArray());
        }
        return out;
    }

    @Test
    void resumingAfterAKillGivesTheWeightsOfAnUninterruptedRun(@TempDir Path dir) {
        TrainingData train = toyData(16, 1);
        try (NDManager root = NDManager.newBaseManager()) {
            List<float[]> straight, again, resumed;
            try (Scouter model = ScouterModelTest.tiny(root, 1, 1, 3)) {
                new ScouterTrainer(config(3), ScouterFile.Header.of(model, IDENTITY, null), null, false).train(model, train, null);
                straight = weights(model);
            }
            try (Scouter model = ScouterModelTest.tiny(root, 1, 1, 3)) {
                new ScouterTrainer(config(3), ScouterFile.Header.of(model, IDENTITY, null), null, false).train(model, train, null);
                again = weights(model);
            }
            Path ckpt = dir.resolve("scouter.ckpt");
            RuntimeException kill = new RuntimeException("killed");
            try (Scouter model = ScouterModelTest.tiny(root, 1, 1, 3)) {
                ScouterTrainer trainer = new ScouterTrainer(config(3), ScouterFile.Header.of(model, IDENTITY, null), ckpt, false);
                RuntimeException thrown = assertThrows(RuntimeException.class, () -> trainer.onEpoch(e -> {
                    if (e.epoch() == 2) {
                        throw kill;
                    }
                }).train(model, train, null));
                assertSame(kill, thrown);
            }
            try (Scouter model = ScouterModelTest.tiny(root, 1, 1, 99)) { // other initial weights: everything comes from the checkpoint
                List<ScouterEpochStats> history =
                        new ScouterTrainer(config(3), ScouterFile.Header.of(model, IDENTITY, null), ckpt, false).train(model, train, null);
                assertEquals(3, history.size());
                resumed = weights(model);
            }
            for (int i = 0; i < straight.size(); i++) {
                assertArrayEquals(straight.get(i), again.get(i), "same seed, array " + i);
                assertArrayEquals(straight.get(i), resumed.get(i), "resumed, array " + i);
            }
            assertThrows(IllegalArgumentException.class, () -> {
                try (Scouter model = ScouterModelTest.tiny(root, 1, 1, 3)) {
                    new ScouterTrainer(config(3).withLambda(3), ScouterFile.Header.of(model, IDENTITY, null), ckpt, false).train(model, train, null);
                }
            });
        }
    }

    @Test
    void lossEqualsHandValue() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(new float[] {1, 2, 0, 0}, new Shape(2, 2));
            NDArray attention = m.create(new float[] {0.2f, 0.4f, 0.2f, 0.4f, 0.2f, 0.4f, 0.2f, 0.4f}, new Shape(2, 2, 2));
            ScouterTrainer.Loss l = ScouterTrainer.loss(logits, attention, new int[] {0, 1}, 2, 2);
            double ce = (Math.log(1 + Math.E) + Math.log(2)) / 2;
            assertEquals(ce, l.crossEntropy().getFloat(), 1e-6);
            assertEquals(0.3, l.area().getFloat(), 1e-6);
            assertEquals(ce + 2 * 0.09, l.total().getFloat(), 1e-6);
        }
    }

    @Test
    void modelFileRoundTripsTheLogits(@TempDir Path dir) {
        Path file = dir.resolve("m.scouter");
        try (NDManager root = NDManager.newBaseManager(); Scouter model = ScouterModelTest.tiny(root, -1, 2, 4)) {
            NDArray x = ScouterModelTest.images(root, 2, 16, 3);
            float[] before = model.logits(x).toFloatArray();
            ScouterFile.save(file, model, ScouterFile.Header.of(model, IDENTITY, null), null);
            assertEquals(true, ScouterFile.isScouterFile(file));
            try (Scouter loaded = ScouterFile.load(file, root).model()) {
                assertArrayEquals(before, loaded.logits(x).toFloatArray(), 0f);
                assertEquals(-1, loaded.config().sign());
                assertEquals(2, loaded.config().slotsPerClass());
            }
            assertEquals(true, Files.exists(file));
        }
    }
}

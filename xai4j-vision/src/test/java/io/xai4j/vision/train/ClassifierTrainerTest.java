package io.xai4j.vision.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.xai4j.vision.model.CnnClassifier;
import io.xai4j.vision.model.ModelFile;
import io.xai4j.vision.model.Parameter;
import io.xai4j.vision.model.SmallResNet;
import io.xai4j.vision.model.SmallResNetConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifierTrainerTest {

    private static final int SIZE = 12;
    private static final SmallResNetConfig CONFIG = new SmallResNetConfig(3, 2, 4, new int[] {4, 8}, new int[] {2, 2}, 1);
    private static final ModelFile.Header HEADER =
            new ModelFile.Header(CONFIG, List.of("left", "right"), SIZE, new float[] {0, 0, 0}, new float[] {1, 1, 1}, null);

    /** Class 1 iff the bright square is in the right half. */
    static TrainingData toyData(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] images = new float[n][3 * SIZE * SIZE];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(2);
            int x0 = labels[i] == 1 ? 6 + rng.nextInt(3) : rng.nextInt(3), y0 = rng.nextInt(SIZE - 3);
            for (int c = 0; c < 3; c++) {
                for (int p = 0; p < SIZE * SIZE; p++) {
                    images[i][c * SIZE * SIZE + p] = (float) (0.2 * rng.nextDouble());
                }
                for (int y = y0; y < y0 + 3; y++) {
                    for (int x = x0; x < x0 + 3; x++) {
                        images[i][(c * SIZE + y) * SIZE + x] = 1f;
                    }
                }
            }
        }
        return new TrainingData() {
            public int size() { return n; }
            public int label(int index) { return labels[index]; }
            public NDArray batch(NDManager m, int[] idx) {
                float[] flat = new float[idx.length * 3 * SIZE * SIZE];
                for (int i = 0; i < idx.length; i++) {
                    System.arraycopy(images[idx[i]], 0, flat, i * 3 * SIZE * SIZE, 3 * SIZE * SIZE);
                }
                return m.create(flat, new Shape(idx.length, 3, SIZE, SIZE));
            }
        };
    }

    /** Flips break the toy task (its label is left vs right), so only the resume test uses them. */
    private static TrainingConfig config(int epochs, boolean flip) {
        return new TrainingConfig(epochs, 16, "adamw", 1e-2, 1e-4, 0.9, 5, 1, flip);
    }

    @Test
    void trainingLearnsToyTaskAndSaveLoadKeepsPredictions(@TempDir Path dir) {
        TrainingData train = toyData(256, 1), val = toyData(128, 2);
        try (NDManager m = NDManager.newBaseManager()) {
            CnnClassifier model = SmallResNet.create(m.newSubManager(), CONFIG, HEADER.classNames(), SIZE, 3);
            List<EpochStats> h = new ClassifierTrainer(config(4, false), HEADER, null, false).train(model, train, val);
            assertEquals(4, h.size());
            assertTrue(h.get(3).valAccuracy() > 0.9, "toy task should be learnt, got " + h.get(3).valAccuracy());
            Path file = dir.resolve("model.xai4j");
            ModelFile.save(file, model, HEADER, null);
            ModelFile.Loaded loaded = ModelFile.load(file, m);
            NDArray x = val.batch(m, new int[] {0, 1, 2, 3, 4});
            assertArrayEquals(model.logits(x).toFloatArray(), loaded.model().logits(x).toFloatArray(), 0f);
        }
    }

    @Test
    void resumedTrainingEqualsUninterruptedTraining(@TempDir Path dir) {
        TrainingData train = toyData(96, 3);
        try (NDManager m = NDManager.newBaseManager()) {
            CnnClassifier straight = SmallResNet.create(m.newSubManager(), CONFIG, HEADER.classNames(), SIZE, 5);
            new ClassifierTrainer(config(3, true), HEADER, null, false).train(straight, train, null);

            Path ckpt = dir.resolve("ckpt.xai4j");
            CnnClassifier killed = SmallResNet.create(m.newSubManager(), CONFIG, HEADER.classNames(), SIZE, 5);
            RuntimeException kill = new RuntimeException("killed");
            RuntimeException thrown = assertThrows(RuntimeException.class, () -> new ClassifierTrainer(config(3, true), HEADER, ckpt, false)
                    .onEpoch(e -> {
                        if (e.epoch() == 2) {
                            throw kill;
                        }
                    })
                    .train(killed, train, null));
            assertSame(kill, thrown, "the run must stop at the simulated kill, not fail earlier");
            assertTrue(Files.exists(ckpt));
            // The checkpoint holds exactly the killed run's weights (separates "saved wrong" from "resumed wrong").
            try (NDManager probe = m.newSubManager()) {
                List<Parameter> saved = ModelFile.load(ckpt, probe).model().parameters(), live = killed.parameters();
                for (int i = 0; i < saved.size(); i++) {
                    assertArrayEquals(live.get(i).array().toFloatArray(), saved.get(i).array().toFloatArray(), 0f,
                            "checkpoint copy of " + live.get(i).name());
                }
            }
            CnnClassifier resumed = SmallResNet.create(m.newSubManager(), CONFIG, HEADER.classNames(), SIZE, 99);
            List<EpochStats> h = new ClassifierTrainer(config(3, true), HEADER, ckpt, false).train(resumed, train, null);
            assertEquals(3, h.size(), "history includes the epochs done before the kill");
            List<Parameter> a = straight.parameters(), b = resumed.parameters();
            String trace = "straight " + straight.parameters().get(0).array().getFloat(0, 0, 0, 0) + ", killed after epoch 2 "
                    + killed.parameters().get(0).array().getFloat(0, 0, 0, 0) + ", history " + h;
            for (int i = 0; i < a.size(); i++) {
                assertArrayEquals(a.get(i).array().toFloatArray(), b.get(i).array().toFloatArray(), 0f, a.get(i).name() + " (" + trace + ")");
            }
        }
    }

    @Test
    void explainingTheModelAfterEachEpochDoesNotChangeTheTraining() {
        TrainingData train = toyData(48, 3);
        try (NDManager m = NDManager.newBaseManager()) {
            CnnClassifier quiet = SmallResNet.create(m.newSubManager(), CONFIG, HEADER.classNames(), SIZE, 5);
            new ClassifierTrainer(config(3, false), HEADER, null, false).train(quiet, train, null);
            CnnClassifier watched = SmallResNet.create(m.newSubManager(), CONFIG, HEADER.classNames(), SIZE, 5);
            new ClassifierTrainer(config(3, false), HEADER, null, false).onEpoch(e -> {
                try (NDManager sub = m.newSubManager()) {
                    NDArray x = train.batch(sub, new int[] {0, 1, 2, 3});
                    io.xai4j.vision.explain.GradCam.builder().setModel(watched).build().explain(x, new int[] {0, 1, 0, 1});
                    io.xai4j.vision.explain.ContrastiveGradient.of(watched).explain(x, new int[] {1, 1, 0, 0});
                }
            }).train(watched, train, null);
            List<Parameter> a = quiet.parameters(), b = watched.parameters();
            for (int i = 0; i < a.size(); i++) {
                assertArrayEquals(a.get(i).array().toFloatArray(), b.get(i).array().toFloatArray(), 1e-6f, a.get(i).name());
            }
        }
    }

    @Test
    void checkpointOfAnotherRunIsRefusedNamingWhatDiffersAndMoreEpochsContinue(@TempDir Path dir) {
        TrainingData train = toyData(48, 3);
        Path ckpt = dir.resolve("run.ckpt");
        try (NDManager m = NDManager.newBaseManager()) {
            new ClassifierTrainer(config(1, false), HEADER, ckpt, false).train(SmallResNet.create(m.newSubManager(), CONFIG, HEADER.classNames(),
                    SIZE, 5), train, null);
            TrainingConfig otherSeed = new TrainingConfig(1, 16, "adamw", 1e-2, 1e-4, 0.9, 5, 2, false);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ClassifierTrainer(otherSeed, HEADER, ckpt, false)
                    .train(SmallResNet.create(m.newSubManager(), CONFIG, HEADER.classNames(), SIZE, 5), train, null));
            assertEquals("checkpoint " + ckpt + " belongs to another run (training.seed: checkpoint 1, this run 2); delete it to start afresh,"
                    + " or write this run elsewhere", e.getMessage());
            IllegalArgumentException d = assertThrows(IllegalArgumentException.class, () -> new ClassifierTrainer(config(1, false), HEADER, ckpt,
                    false).train(SmallResNet.create(m.newSubManager(), CONFIG, HEADER.classNames(), SIZE, 5), toyData(48, 4), null));
            assertTrue(d.getMessage().contains("trainingLabels: checkpoint 48/"), d.getMessage());
            // Only the number of epochs may change: a larger one continues the finished run.
            List<EpochStats> h = new ClassifierTrainer(config(2, false), HEADER, ckpt, false)
                    .train(SmallResNet.create(m.newSubManager(), CONFIG, HEADER.classNames(), SIZE, 5), train, null);
            assertEquals(2, h.size());
            // ... and a smaller one is refused instead of returning the longer-trained model as the shorter run
            IllegalArgumentException fewer = assertThrows(IllegalArgumentException.class, () -> new ClassifierTrainer(config(1, false), HEADER,
                    ckpt, false).train(SmallResNet.create(m.newSubManager(), CONFIG, HEADER.classNames(), SIZE, 5), train, null));
            assertEquals("checkpoint " + ckpt + " holds 2 epochs, more than the 1 asked for; ask for at least 2 or train into another output",
                    fewer.getMessage());
        }
    }

    @Test
    void loadingAFileThatIsNotAModelNamesTheFile(@TempDir Path dir) throws Exception {
        Path bogus = dir.resolve("bogus.bin");
        Files.writeString(bogus, "hello");
        try (NDManager m = NDManager.newBaseManager()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFile.load(bogus, m));
            assertTrue(e.getMessage().contains("bogus.bin"), e.getMessage());
        }
    }
}

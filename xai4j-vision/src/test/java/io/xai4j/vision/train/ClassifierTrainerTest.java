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
        return new TrainingConfig(epochs, 16, "adamw", 1e-2, 1e-4, 0.9, TrainingConfig.DEFAULT_WARMUP, 1, flip);
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
    void aRunWithoutCheckpointNeedsNoHeaderAndTrainsTheSame(@TempDir Path dir) {
        // pipnet baseline trains without a header or checkpoint; it crashed on the header once the fingerprint moved into train
        TrainingData train = toyData(48, 3);
        try (NDManager m = NDManager.newBaseManager()) {
            CnnClassifier withHeader = SmallResNet.create(m.newSubManager(), CONFIG, HEADER.classNames(), SIZE, 5);
            List<EpochStats> a = new ClassifierTrainer(config(2, false), HEADER, null, false).train(withHeader, train, null);
            CnnClassifier without = SmallResNet.create(m.newSubManager(), CONFIG, HEADER.classNames(), SIZE, 5);
            List<EpochStats> b = new ClassifierTrainer(config(2, false), null, null, false).train(without, train, null);
            assertEquals(a.get(1).trainLoss(), b.get(1).trainLoss(), 0.0);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new ClassifierTrainer(config(2, false), null, dir.resolve("c.ckpt"), false));
            assertTrue(e.getMessage().contains("c.ckpt"), e.getMessage());
        }
    }

    @Test
    void checkpointOfAnotherRunIsRefusedNamingWhatDiffersAndMoreEpochsContinue(@TempDir Path dir) {
        TrainingData train = toyData(48, 3);
        Path ckpt = dir.resolve("run.ckpt");
        try (NDManager m = NDManager.newBaseManager()) {
            new ClassifierTrainer(config(1, false), HEADER, ckpt, false).train(SmallResNet.create(m.newSubManager(), CONFIG, HEADER.classNames(),
                    SIZE, 5), train, null);
            TrainingConfig otherSeed = new TrainingConfig(1, 16, "adamw", 1e-2, 1e-4, 0.9, TrainingConfig.DEFAULT_WARMUP, 2, false);
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

    /** Issue 20: with a fixed 100-step warm-up, a run of 12 steps never reached its peak and stopped while still warming up. */
    @Test
    void warmUpIsAShareOfTheStepsThenTheRatePeaksAndAnnealsByTheCosine() {
        // 12 steps, warm-up 0.25 → 3 steps: peak/3, 2·peak/3, peak; then peak·(1 + cos(π·(s − 3)/9))/2.
        TrainingConfig c = new TrainingConfig(6, 16, "adamw", 0.3, 0, 0.9, 0.25, 0, false);
        assertEquals(3, c.warmupSteps(12));
        assertEquals(0.1, ClassifierTrainer.learningRate(c, 0, 12), 1e-15);
        assertEquals(0.2, ClassifierTrainer.learningRate(c, 1, 12), 1e-15);
        assertEquals(0.3, ClassifierTrainer.learningRate(c, 2, 12), 1e-15, "the peak at the last warm-up step");
        assertEquals(0.3, ClassifierTrainer.learningRate(c, 3, 12), 1e-15, "cos(0) = 1");
        assertEquals(0.3 * 0.75, ClassifierTrainer.learningRate(c, 6, 12), 1e-15, "a third of the decay: (1 + cos(π/3))/2 = 3/4");
        assertEquals(0.3 * 0.25, ClassifierTrainer.learningRate(c, 9, 12), 1e-15, "two thirds: (1 + cos(2π/3))/2 = 1/4");
        // The default share: at least one warm-up step in the shortest run, 5 % of a long one, none at 0.
        TrainingConfig d = TrainingConfig.defaults(6, 16, 0);
        assertEquals(1, d.warmupSteps(12));
        assertEquals(50, d.warmupSteps(1000));
        assertEquals(0, new TrainingConfig(6, 16, "adamw", 0.3, 0, 0.9, 0, 0, false).warmupSteps(12));
        double max = 0;
        for (int s = 0; s < 12; s++) {
            max = Math.max(max, ClassifierTrainer.learningRate(d, s, 12));
        }
        assertEquals(d.learningRate(), max, 0, "a 12-step run reaches its peak");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TrainingConfig(6, 16, "adamw", 0.3, 0, 0.9, 1, 0, false));
        assertEquals("warm-up must be a share of the steps in [0, 1), got 1.0", e.getMessage());
    }

    /** Issue 20: on 2 steps per epoch, {@code --epochs 6} and the first 6 epochs of {@code --epochs 8} trained identically. */
    @Test
    void sixEpochsAndTheFirstSixOfEightTrainDifferentlyOnATinySet() {
        TrainingData train = toyData(32, 3);
        try (NDManager m = NDManager.newBaseManager()) {
            CnnClassifier six = SmallResNet.create(m.newSubManager(), CONFIG, HEADER.classNames(), SIZE, 5);
            new ClassifierTrainer(TrainingConfig.defaults(6, 16, 1), HEADER, null, false).train(six, train, null);
            CnnClassifier eight = SmallResNet.create(m.newSubManager(), CONFIG, HEADER.classNames(), SIZE, 5);
            float[][] afterSix = new float[1][];
            new ClassifierTrainer(TrainingConfig.defaults(8, 16, 1), HEADER, null, false).onEpoch(e -> {
                if (e.epoch() == 6) {
                    afterSix[0] = eight.parameters().get(0).array().toFloatArray();
                }
            }).train(eight, train, null);
            float[] a = six.parameters().get(0).array().toFloatArray();
            double diff = 0;
            for (int i = 0; i < a.length; i++) {
                diff = Math.max(diff, Math.abs(a[i] - afterSix[0][i]));
            }
            assertTrue(diff > 1e-4, "the 6-epoch run anneals to 0 by its last step, the 8-epoch run does not: the first layer should differ,"
                    + " max |difference| " + diff);
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

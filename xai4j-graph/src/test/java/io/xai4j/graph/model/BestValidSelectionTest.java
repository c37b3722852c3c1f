package io.xai4j.graph.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xai4j.graph.data.Graph;
import io.xai4j.graph.synth.Ba2Motifs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TrainingConfig#bestValid()} (docs/methods/gcn.md#model-selection, {@code --select best-val}): the run keeps the weights of the epoch
 * with the lowest validation loss. The references are independent of the selection code: the epoch is found by a plain
 * loop over the logged losses, and its weights are those of a separate final-epoch run stopped after that many epochs
 * (selection must not change the training itself).
 */
class BestValidSelectionTest {

    private static final int EPOCHS = 8;
    private static final List<Graph> TRAIN = noisy(16, 1);
    private static final List<Graph> VALID = noisy(16, 2);

    /**
     * Path graphs of 4 nodes whose first feature is a noisy class indicator (mean ±0.5, sd 1), the other nine pure noise: learnable, but a small training
     * set overfits, so the validation loss falls and then rises again.
     */
    static List<Graph> noisy(int n, long seed) {
        java.util.Random rnd = new java.util.Random(seed);
        List<Graph> out = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            int label = i % 2;
            float[][] x = new float[4][10];
            for (float[] row : x) {
                for (int k = 0; k < row.length; k++) {
                    row[k] = (float) (k == 0 ? (label == 0 ? -0.5 : 0.5) + rnd.nextGaussian() : rnd.nextGaussian());
                }
            }
            List<io.xai4j.graph.data.Edge> edges = List.of(io.xai4j.graph.data.Edge.of(0, 1), io.xai4j.graph.data.Edge.of(1, 2),
                    io.xai4j.graph.data.Edge.of(2, 3));
            out.add(new Graph("g" + seed + "-" + i, x, edges, false, label, null, null, null));
        }
        return out;
    }

    /** A learning rate high enough that the validation loss goes up and down within 8 epochs. */
    private static TrainingConfig config(int epochs) {
        return new TrainingConfig(epochs, 6, 5e-2, 2, true, false, true);
    }

    private static Gcn model() {
        return Gcn.create(10, new int[] {8, 8, 8}, Ba2Motifs.CLASSES, 4);
    }

    private static int argminLoss(List<GcnTrainer.EpochLog> logs) {
        int best = 0;
        for (int i = 1; i < logs.size(); i++) {
            if (logs.get(i).validLoss() < logs.get(best).validLoss()) {
                best = i;
            }
        }
        return logs.get(best).epoch();
    }

    @Test
    void validationLossIsTheTrainingLossOnTheValidationLogits() {
        // z = [[2, −1], [−3, 0.5]], labels [0, 1]: the hand value of GcnTest's loss test, 0.2407135
        assertEquals(0.2407135, GcnTrainer.meanLoss(new float[][] {{2, -1}, {-3, 0.5f}}, new int[] {0, 1}), 1e-7);
        assertEquals(Math.log(2), GcnTrainer.meanLoss(new float[][] {{0, 0, 0}}, new int[] {2}), 1e-12);
        assertEquals(100.0 / 2, GcnTrainer.meanLoss(new float[][] {{-100, -100}}, new int[] {0}), 1e-9, "stable for large logits");
    }

    @Test
    void keepsTheWeightsOfTheLowestValidationLossEpoch() {
        float[][] selected;
        GcnTrainer.TrainingResult r;
        try (Gcn m = model()) {
            r = GcnTrainer.train(m, TRAIN, VALID, config(EPOCHS).withBestValid(true));
            selected = m.weightValues();
            try (ai.djl.ndarray.NDManager nd = ai.djl.ndarray.NDManager.newBaseManager()) {
                float[][] y = m.logits(VALID, null, 64, GraphBatch.Batching.AUTO);
                float[] flat = new float[y.length * 2];
                for (int i = 0; i < y.length; i++) {
                    System.arraycopy(y[i], 0, flat, 2 * i, 2);
                }
                double again = GcnTrainer.sigmoidCrossEntropy(nd.create(flat, new ai.djl.ndarray.types.Shape(y.length, 2)),
                        io.xai4j.core.runtime.Tensors.oneHot(nd, GcnTrainer.labels(VALID), 2)).getFloat();
                assertEquals(r.epochs().get(r.selectedEpoch() - 1).validLoss(), again, 1e-5,
                        "the model ends with the selected epoch's validation loss");
            }
        }
        int expected = argminLoss(r.epochs());
        assertEquals(expected, r.selectedEpoch(), "selected epoch; validation losses " + r.epochs().stream().map(l -> l.validLoss()).toList());
        assertTrue(expected < EPOCHS, "the test needs a run whose last epoch is not its best; losses "
                + r.epochs().stream().map(l -> l.validLoss()).toList());
        GcnTrainer.TrainingResult stopped;
        float[][] reference;
        try (Gcn m = model()) {
            stopped = GcnTrainer.train(m, TRAIN, VALID, config(expected));
            reference = m.weightValues();
        }
        assertEquals(expected, stopped.selectedEpoch(), "a final-epoch run selects its last epoch");
        for (int l = 0; l < reference.length; l++) {
            assertArrayEquals(reference[l], selected[l], 0f, "layer " + (l + 1) + " holds the weights after epoch " + expected);
        }
    }

    @Test
    void aKilledRunResumesWithItsBestEpoch(@TempDir Path dir) {
        TrainingConfig best = config(EPOCHS).withBestValid(true);
        float[][] straight;
        int selected;
        try (Gcn m = model()) {
            selected = GcnTrainer.train(m, TRAIN, VALID, best).selectedEpoch();
            straight = m.weightValues();
        }
        Path ckpt = dir.resolve("run.ckpt");
        int killAt = Math.min(EPOCHS - 1, selected + 1); // after the best epoch: its weights must come from the checkpoint
        try (Gcn killed = model()) {
            assertThrows(IllegalStateException.class, () -> GcnTrainer.train(killed, TRAIN, VALID, best, ckpt, log -> {
                if (log.epoch() == killAt) {
                    throw new IllegalStateException("killed");
                }
            }));
        }
        try (Gcn resumed = Gcn.create(10, new int[] {8, 8, 8}, Ba2Motifs.CLASSES, 99)) {
            GcnTrainer.TrainingResult r = GcnTrainer.train(resumed, TRAIN, VALID, best, ckpt, log -> {});
            assertEquals(selected, r.selectedEpoch());
            float[][] got = resumed.weightValues();
            for (int l = 0; l < straight.length; l++) {
                assertArrayEquals(straight[l], got[l], 0f, "layer " + (l + 1));
            }
        }
        try (Gcn other = model()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> GcnTrainer.train(other, TRAIN, VALID, config(EPOCHS), ckpt, log -> {}));
            assertTrue(e.getMessage().contains("belongs to another run"), e.getMessage());
        }
    }

    @Test
    void selectionWithoutValidationGraphsIsRefused() {
        try (Gcn m = model()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> GcnTrainer.train(m, TRAIN, List.of(), config(2).withBestValid(true)));
            assertEquals("selecting the best validation-loss epoch needs validation graphs; none were given", e.getMessage());
        }
    }
}

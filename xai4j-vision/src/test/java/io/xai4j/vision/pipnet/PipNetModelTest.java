package io.xai4j.vision.pipnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.xai4j.vision.data.PartShapesDataset;
import java.util.List;
import org.junit.jupiter.api.Test;
import java.util.stream.IntStream;

/** Architecture, inference, abstention, scoring sheet and read-only evaluation (docs/methods/pipnet.md#model,
 * #inference-and-abstention, #explanations, #deviations-from-the-official-code). */
class PipNetModelTest {

    private static final PartShapesDataset DATA = PipNetFixtures.partShapes();

    @Test
    void softmaxSumsToOneAtEveryCellAndPresencesLieInUnitInterval() {
        try (NDManager root = NDManager.newBaseManager()) {
            PipNet model = PipNetFixtures.model(root, DATA.train().classNames(), 1);
            float[][][][] z = model.latent(PipNetInputs.batch(root, DATA.test(), new int[] {0, 1, 2}, model));
            assertEquals(4, z[0][0].length, "32 px at stride 8 gives a 4×4 grid");
            for (float[][][] image : z) {
                for (int y = 0; y < 4; y++) {
                    for (int x = 0; x < 4; x++) {
                        double sum = 0;
                        for (float[][] map : image) {
                            sum += map[y][x];
                        }
                        assertEquals(1.0, sum, 1e-5, "softmax over D at cell " + y + "," + x);
                    }
                }
            }
            Prediction p = model.predict(PipNetInputs.batch(root, DATA.test(), new int[] {0, 1, 2}, model));
            for (float[] row : p.unclampedPresence()) {
                for (float v : row) {
                    assertTrue(v >= 0 && v <= 1, "presence " + v);
                }
            }
            model.close();
        }
    }

    @Test
    void imagesOfAnotherSizeThanSAreRefused() {
        try (NDManager root = NDManager.newBaseManager()) {
            PipNet model = PipNetFixtures.model(root, List.of("a", "b"), 1);
            NDArray wrong = root.zeros(new Shape(1, 3, PipNetFixtures.S * 2, PipNetFixtures.S * 2));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.predict(wrong));
            assertTrue(e.getMessage().startsWith("expected images [B,3," + PipNetFixtures.S + ","
                    + PipNetFixtures.S + "]"), e.getMessage());
            model.close();
        }
    }

    @Test
    void allZeroPresenceAbstainsWithLabelMinusOne() {
        try (NDManager root = NDManager.newBaseManager()) {
            PipNet model = PipNetFixtures.model(root, DATA.train().classNames(), 1);
            NDArray zeros = root.zeros(new Shape(2, 16));
            float[][] o = io.xai4j.core.runtime.Tensors.toArray2(model.score(zeros));
            Prediction p = Prediction.of(new float[2][16], o, new float[2][16], o);
            assertArrayEquals(new boolean[] {true, true}, p.abstained());
            assertArrayEquals(new int[] {Prediction.ABSTAIN, Prediction.ABSTAIN}, p.predicted());
            // a model without any relevant prototype abstains on every real image, and the metrics count it as wrong
            model.setWeights(new float[DATA.train().numClasses()][16]);
            Prediction all = PipNetMetrics.predictAll(model, DATA.test(), 8);
            for (int i = 0; i < all.size(); i++) {
                assertTrue(all.abstained()[i]);
            }
            PipNetMetrics metrics = PipNetMetrics.compute(model.weights(), all, DATA.test().labels(IntStream.range(0, DATA.test().size()).toArray()));
            assertEquals(0.0, metrics.accuracy());
            assertEquals(DATA.test().size(), metrics.abstained());
            LocalExplanation e = LocalExplanation.explain(model, PipNetInputs.batch(root, DATA.test(), new int[] {0}, model), new int[] {0},
                    PatchGeometry.cells(32, 4, 4, 2)).get(0);
            assertTrue(e.abstained());
            assertTrue(e.classes().isEmpty(), "an abstaining image gets an empty record");
            model.close();
        }
    }

    @Test
    void scoringSheetReproducesTheModelScores() {
        try (NDManager root = NDManager.newBaseManager()) {
            PipNet model = PipNetFixtures.model(root, DATA.train().classNames(), 2);
            float[][] w = model.weights();
            for (int c = 0; c < w.length; c++) {
                for (int d = 0; d < w[c].length; d++) {
                    if ((c + d) % 3 != 0) {
                        w[c][d] = 0f; // sparse, as after training; kept weights are ~N(1, 0.1) > 1e-3
                    }
                }
            }
            model.setWeights(w);
            ScoringSheet sheet = ScoringSheet.of(model);
            Prediction p = model.predict(PipNetInputs.batch(root, DATA.test(), IntStream.range(0, 12).toArray(), model));
            boolean someNonZero = false;
            for (int i = 0; i < p.size(); i++) {
                float[] bySheet = sheet.scores(p.presence()[i]);
                for (int c = 0; c < bySheet.length; c++) {
                    assertEquals(p.scores()[i][c], bySheet[c], 1e-5 * Math.max(1, Math.abs(bySheet[c])), "image " + i + " class " + c);
                    someNonZero |= bySheet[c] > 0;
                }
            }
            assertTrue(someNonZero);
            for (ScoringSheet.ClassRow r : sheet.classes()) {
                for (int j = 1; j < r.entries().size(); j++) {
                    assertTrue(r.entries().get(j - 1).weight() >= r.entries().get(j).weight(), "sorted by weight");
                }
            }
            model.close();
        }
    }

    @Test
    void localExplanationContributionsSumToTheClassScore() {
        try (NDManager root = NDManager.newBaseManager()) {
            PipNet model = PipNetFixtures.model(root, DATA.train().classNames(), 2);
            List<LocalExplanation> local = LocalExplanation.explain(model, PipNetInputs.batch(root, DATA.test(), IntStream.range(0, 6).toArray(), model),
                    IntStream.range(0, 6).toArray(), PatchGeometry.cells(32, 4, 4, 2));
            for (LocalExplanation e : local) {
                assertEquals(3, e.classes().size());
                for (LocalExplanation.ClassEvidence c : e.classes()) {
                    assertEquals(c.score(), c.total(), 1e-4 * Math.max(1, c.score()));
                }
            }
            model.close();
        }
    }

    @Test
    void shrinkStepMatchesTheFormula() {
        try (NDManager root = NDManager.newBaseManager()) {
            PipNet model = PipNetFixtures.model(root, DATA.train().classNames(), 3);
            float[][] w = model.weights();
            w[0][0] = 0.0005f;
            w[0][1] = -0.3f;
            w[1][2] = 0.001f;
            model.setWeights(w);
            model.shrinkClassifier();
            float[][] after = model.weights();
            for (int c = 0; c < w.length; c++) {
                for (int d = 0; d < w[c].length; d++) {
                    assertEquals(Math.max(w[c][d] - 0.001f, 0f), after[c][d], 1e-7, "W[" + c + "," + d + "]");
                }
            }
            assertEquals(0f, after[0][0]);
            assertEquals(0f, after[0][1]);
            model.close();
        }
    }

    @Test
    void evaluationAndExplanationLeaveEveryArrayBitIdentical() {
        try (NDManager root = NDManager.newBaseManager()) {
            PipNet model = PipNetFixtures.model(root, DATA.train().classNames(), 4);
            float[][] before = PipNetFixtures.snapshot(model);
            Prediction p = PipNetMetrics.predictAll(model, DATA.test(), 8);
            PipNetMetrics.compute(model.weights(), p, null);
            OodThresholds t = OodThresholds.fit(p.unclampedScores());
            t.acceptedShare(PipNetMetrics.predictAll(model, DATA.ood(), 8).unclampedScores());
            PresenceTable table = PresenceTable.compute(model, DATA.train(), 16);
            PatchGeometry g = PatchGeometry.cells(32, 4, 4, 2);
            GlobalExplanation.of(model, table, 10, g);
            PrototypePurity.compute(table, DATA.train(), model.relevantPrototypes(), g, PrototypePurity.Rule.CELL_CENTRE_IN_MASK, 10);
            LocalExplanation.explain(model, PipNetInputs.batch(root, DATA.test(), IntStream.range(0, 4).toArray(), model), IntStream.range(0, 4).toArray(), g);
            ScoringSheet.of(model);
            float[][] after = PipNetFixtures.snapshot(model);
            for (int i = 0; i < before.length; i++) {
                assertArrayEquals(before[i], after[i], 0f, "array " + model.state().get(i).name() + " changed during evaluation");
            }
            model.close();
        }
    }

    @Test
    void singleImageAndTheSameImageInABatchAgree() {
        try (NDManager root = NDManager.newBaseManager()) {
            PipNet model = PipNetFixtures.model(root, DATA.train().classNames(), 5);
            PatchGeometry g = PatchGeometry.cells(32, 4, 4, 2);
            LocalExplanation single = LocalExplanation.explain(model, PipNetInputs.batch(root, DATA.test(), new int[] {5}, model), new int[] {5}, g)
                    .get(0);
            LocalExplanation inBatch = LocalExplanation.explain(model, PipNetInputs.batch(root, DATA.test(), new int[] {3, 4, 5, 6}, model),
                    new int[] {3, 4, 5, 6}, g).get(2);
            assertArrayEquals(single.scores(), inBatch.scores(), 1e-5f);
            assertEquals(single.predicted(), inBatch.predicted());
            assertEquals(single.classes().size(), inBatch.classes().size());
            for (int c = 0; c < single.classes().size(); c++) {
                var a = single.classes().get(c).contributions();
                var b = inBatch.classes().get(c).contributions();
                assertEquals(a.size(), b.size());
                for (int k = 0; k < a.size(); k++) {
                    assertEquals(a.get(k).prototype(), b.get(k).prototype());
                    assertEquals(a.get(k).presence(), b.get(k).presence(), 1e-5f);
                    assertEquals(a.get(k).box(), b.get(k).box());
                }
            }
            model.close();
        }
    }

    @Test
    void clampedPresencesAreZeroOrAtLeastTheThreshold() {
        try (NDManager root = NDManager.newBaseManager()) {
            PipNet model = PipNetFixtures.model(root, DATA.train().classNames(), 6);
            Prediction p = model.predict(PipNetInputs.batch(root, DATA.test(), new int[] {0}, model));
            for (float v : p.presence()[0]) {
                assertFalse(v > 0 && v < PipNet.PRESENCE_THRESHOLD, "clamped presences are 0 or >= 0.1, got " + v);
            }
            model.close();
        }
    }
}

package io.xai4j.vision.scouter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.xai4j.vision.train.TrainingData;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScouterEvaluationTest {

    @Test
    void metricsFollowTheExplainedClassesMaps() {
        TrainingData data = ScouterTrainerTest.toyData(3, 2);
        int[] idx = {0, 1, 2};
        try (NDManager root = NDManager.newBaseManager(); Scouter model = ScouterModelTest.tiny(root, -1, 1, 8)) {
            boolean[][] all = new boolean[16][16];
            for (boolean[] row : all) {
                java.util.Arrays.fill(row, true);
            }
            boolean[][] left = new boolean[16][16];
            for (boolean[] row : left) {
                java.util.Arrays.fill(row, 0, 8, true);
            }
            ScouterEvaluation.Summary whole = ScouterEvaluation.run(model, data, idx, i -> all, 2);
            ScouterEvaluation.Summary half = ScouterEvaluation.run(model, data, idx, i -> left, 4);
            List<ClassEvidence> ev = new ScouterExplainer(model).evidence(data.batch(root, idx));
            double area = 0, trueArea = 0, correct = 0, leftShare = 0;
            for (int b = 0; b < 3; b++) {
                ClassEvidence e = ev.get(b);
                int label = data.label(b), c = e.leastSimilar(); // SCOUTER-: why not the least-similar class
                area += e.area(c) / 3;
                trueArea += e.area(label) / 3;
                correct += e.predicted() == label ? 1 : 0;
                float[][] m = e.upsampled(c, 16);
                double in = 0, total = 0;
                for (int y = 0; y < 16; y++) {
                    for (int x = 0; x < 16; x++) {
                        total += m[y][x];
                        in += x < 8 ? m[y][x] : 0;
                    }
                }
                leftShare += in / total / 3;
            }
            assertEquals(area, whole.area(), 1e-6);
            assertEquals(trueArea, whole.trueClassArea(), 1e-6);
            assertEquals(correct / 3, whole.accuracy(), 1e-12);
            assertEquals(1.0, whole.precision(), 1e-9, "the whole image holds all of the map");
            assertEquals(leftShare, half.precision(), 1e-6);
            assertEquals(1.0, whole.chance(), 1e-12, "chance is the region's share of the image");
            assertEquals(0.5, half.chance(), 1e-12);
            boolean[][] corner = new boolean[16][16];
            corner[0][0] = corner[15][15] = corner[3][7] = true;
            assertEquals(3.0 / 256, ScouterEvaluation.run(model, data, idx, i -> corner, 3).chance(), 1e-12);
            assertTrue(whole.insertionAuc() >= 0 && whole.insertionAuc() <= 1 && whole.deletionAuc() >= 0 && whole.deletionAuc() <= 1);
        }
    }
}

package io.xai4j.vision.scouter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.xai4j.core.explain.Attribution;
import io.xai4j.core.explain.Explainer;
import io.xai4j.core.explain.MethodOptions;
import io.xai4j.core.explain.Targets;
import io.xai4j.core.runtime.Tensors;
import io.xai4j.vision.explain.Explainers;
import io.xai4j.vision.model.CnnClassifier;
import io.xai4j.vision.model.SmallResNet;
import io.xai4j.vision.model.SmallResNetConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScouterExplainerTest {

    @Test
    void classMapsSumTheSlotsOfEachClassAndAreNormalisedJointly() {
        try (NDManager root = NDManager.newBaseManager(); Scouter model = ScouterModelTest.tiny(root, -1, 2, 6)) {
            NDArray x = ScouterModelTest.images(root, 2, 16, 4);
            float[] a = model.forward(x).attention().toFloatArray();
            float[][] logits = Tensors.toArray2(model.logits(x));
            List<ClassEvidence> ev = new ScouterExplainer(model).evidence(x);
            int n = 16, m = 6;
            for (int b = 0; b < 2; b++) {
                ClassEvidence e = ev.get(b);
                double min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
                for (int c = 0; c < 3; c++) {
                    double sum = 0;
                    for (int j = 0; j < n; j++) {
                        double v = a[(b * m + 2 * c) * n + j] + a[(b * m + 2 * c + 1) * n + j];
                        assertEquals(v, e.maps()[c][j / 4][j % 4], 1e-6, "map of class " + c);
                        sum += v;
                    }
                    assertEquals(-sum, e.evidence()[c], 1e-4, "SCOUTER- evidence is -Σ A");
                    for (float[] row : e.joint()[c]) {
                        for (float v : row) {
                            min = Math.min(min, v);
                            max = Math.max(max, v);
                        }
                    }
                }
                assertEquals(0, min, 0);
                assertEquals(1, max, 1e-6);
                assertArrayEquals(logits[b], e.logits(), 0f);
                int lowest = 0;
                for (int c = 1; c < 3; c++) {
                    lowest = logits[b][c] < logits[b][lowest] ? c : lowest;
                }
                assertEquals(lowest, e.leastSimilar());
                assertEquals(lowest, e.explainedClass(0), "SCOUTER- explains why not the least-similar class");
            }
        }
    }

    @Test
    void everyClassTargetsEqualExplicitTargetsAndASingleImageItsBatchRow() {
        try (NDManager root = NDManager.newBaseManager(); Scouter model = ScouterModelTest.tiny(root, 1, 1, 7)) {
            NDArray x = ScouterModelTest.images(root, 3, 16, 5);
            Explainer ex = Explainers.create("scouter", model, MethodOptions.defaults());
            Attribution all = ex.explain(x, Targets.allClasses());
            List<ClassEvidence> ev = new ScouterExplainer(model).evidence(x);
            for (int c = 0; c < 3; c++) {
                for (int b = 0; b < 3; b++) {
                    float[][] raw = all.raw()[c * 3 + b];
                    for (int y = 0; y < 4; y++) {
                        assertArrayEquals(ev.get(b).maps()[c][y], raw[y], 1e-6f, "class " + c + " image " + b);
                    }
                }
            }
            Attribution batch = ex.explain(x, (int[]) null);
            for (int b = 0; b < 3; b++) {
                Attribution one = ex.explain(x.get(b + ":" + (b + 1)), (int[]) null);
                assertEquals(batch.targets()[b], one.targets()[0]);
                for (int y = 0; y < 16; y++) {
                    assertArrayEquals(batch.maps()[b][y], one.maps()[0][y], 1e-5f);
                }
            }
        }
    }

    @Test
    void registryOffersScouterToScouterModelsOnly() {
        try (NDManager root = NDManager.newBaseManager(); Scouter model = ScouterModelTest.tiny(root, 1, 1, 7);
                CnnClassifier cnn = SmallResNet.create(root.newSubManager(), SmallResNetConfig.forImageSize(16, 3, 3), List.of("a", "b", "c"), 16, 1)) {
            assertTrue(Explainers.supported(List.of("scouter", "gradcam"), model).containsAll(List.of("scouter", "gradcam")));
            assertFalse(Explainers.supported(List.of("scouter"), cnn).contains("scouter"));
        }
    }
}

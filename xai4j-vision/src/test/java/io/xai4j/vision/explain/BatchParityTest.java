package io.xai4j.vision.explain;

import io.xai4j.core.explain.Targets;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.xai4j.core.explain.Attribution;
import io.xai4j.core.explain.Explainer;
import io.xai4j.vision.model.CnnClassifier;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every explainer gives an image the same map alone as inside a mixed batch with per-image targets. */
class BatchParityTest {

    private static NDManager manager;
    private static CnnClassifier model;

    @BeforeAll
    static void setUp() {
        manager = NDManager.newBaseManager();
        model = TinyNets.create(manager, 9);
    }

    @AfterAll
    static void tearDown() {
        manager.close();
    }

    private static List<Explainer> explainers() {
        return List.of(
                GradCam.builder().setModel(model).build(),
                GradCam.builder().setModel(model).optLayer("res").build(),
                Cam.of(model),
                ContrastiveGradient.of(model),
                ExcitationBackprop.builder().setModel(model).build(),
                ExcitationBackprop.builder().setModel(model).optContrastive(true).optReadoutLayer("res").build(),
                Rise.builder().setModel(model).optNumMasks(96).optBatchSize(40).optSeed(3).build());
    }

    @Test
    void batchOfFourEqualsFourSingles() {
        NDArray x = TinyNets.images(manager, 4, 31);
        int[] targets = {2, 0, 1, 2};
        for (Explainer e : explainers()) {
            Attribution batch = e.explain(x, targets);
            for (int b = 0; b < 4; b++) {
                Attribution single = e.explain(x.get(b).expandDims(0), new int[] {targets[b]});
                assertEquals(targets[b], batch.targets()[b]);
                for (int i = 0; i < single.raw()[0].length; i++) {
                    for (int j = 0; j < single.raw()[0][0].length; j++) {
                        float s = single.raw()[0][i][j];
                        assertEquals(s, batch.raw()[b][i][j], 1e-5 + 1e-4 * Math.abs(s),
                                e.name() + " image " + b + " at (" + i + "," + j + ")");
                    }
                }
            }
        }
    }

    @Test
    void nullTargetsExplainTopClass() {
        NDArray x = TinyNets.images(manager, 3, 32);
        float[] logits = model.logits(x).toFloatArray();
        for (Explainer e : explainers()) {
            int[] t = e.explain(x, Targets.top1()).targets();
            for (int b = 0; b < 3; b++) {
                int best = 0;
                for (int c = 1; c < 3; c++) {
                    if (logits[b * 3 + c] > logits[b * 3 + best]) {
                        best = c;
                    }
                }
                assertEquals(best, t[b], e.name());
            }
        }
    }

    @Test
    void riseIsBitIdenticalForTheSameSeedAndDiffersForAnother() {
        NDArray x = TinyNets.images(manager, 2, 33);
        Rise a = Rise.builder().setModel(model).optNumMasks(64).optSeed(5).build();
        Rise b = Rise.builder().setModel(model).optNumMasks(64).optSeed(5).build();
        Rise c = Rise.builder().setModel(model).optNumMasks(64).optSeed(6).build();
        float[][][] ra = a.explain(x, new int[] {0, 1}).raw();
        float[][][] rb = b.explain(x, new int[] {0, 1}).raw();
        float[][][] rc = c.explain(x, new int[] {0, 1}).raw();
        for (int i = 0; i < ra[0].length; i++) {
            assertArrayEquals(ra[0][i], rb[0][i], 0f);
        }
        assertNotEquals(ra[0][0][0], rc[0][0][0]);
    }
}

package io.xai4j.vision.nnexplainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.xai4j.core.explain.Attribution;
import io.xai4j.core.explain.MethodOptions;
import io.xai4j.core.explain.Targets;
import io.xai4j.vision.explain.Explainers;
import io.xai4j.vision.model.CnnClassifier;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registered explainer: masks in [0,1] equal to σ(S_t), no normalisation, batch-vs-single parity, registry rules. */
class NnExplainerTest {

    private static NDManager m;
    private static CnnClassifier f;
    private static NnExplainer explainer;

    @BeforeAll
    static void setUp() {
        m = NDManager.newBaseManager();
        f = Tiny.classifier(m, 1);
        explainer = new NnExplainer(f, Tiny.network(m, 2), "test");
    }

    @AfterAll
    static void tearDown() {
        m.close();
    }

    @Test
    void attributionIsTheTargetClassMaskUnnormalised() {
        NDArray x = Tiny.images(m, 3, Tiny.SIZE, Tiny.SIZE, 4);
        int[] t = {2, 0, 1};
        Attribution a = explainer.explain(x, t);
        float[][][][] masks = explainer.classMasks(x);
        float min = 1, max = 0;
        for (int b = 0; b < 3; b++) {
            for (int i = 0; i < Tiny.SIZE; i++) {
                for (int j = 0; j < Tiny.SIZE; j++) {
                    float v = a.maps()[b][i][j];
                    assertEquals(masks[b][t[b]][i][j], v, 1e-6);
                    assertEquals(a.raw()[b][i][j], v, 0);
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        assertTrue(min >= 0 && max <= 1, "masks in [0,1]");
        assertTrue(min > 0 || max < 1, "a min-max normalised map would span exactly [0,1]: min " + min + " max " + max);
        assertArrayEquals(t, a.targets());
        assertEquals(Tiny.CLASSES, a.scores()[0].length);
    }

    @Test
    void batchEqualsSinglesAndEveryClassEqualsExplicitTargets() {
        NDArray x = Tiny.images(m, 3, Tiny.SIZE, Tiny.SIZE, 5);
        Attribution batch = explainer.explain(x, Targets.top1());
        Attribution all = explainer.explain(x, Targets.allClasses());
        for (int b = 0; b < 3; b++) {
            Attribution single = explainer.explain(x.get(b).expandDims(0), Targets.top1());
            assertEquals(single.targets()[0], batch.targets()[b]);
            for (int i = 0; i < Tiny.SIZE; i++) {
                assertArrayEquals(single.maps()[0][i], batch.maps()[b][i], 1e-5f, "image " + b + " row " + i);
            }
            for (int c = 0; c < Tiny.CLASSES; c++) {
                Attribution one = explainer.explain(x.get(b).expandDims(0), new int[] {c});
                for (int i = 0; i < Tiny.SIZE; i++) {
                    assertArrayEquals(one.maps()[0][i], all.maps()[c * 3 + b][i], 1e-5f, "class " + c + " image " + b);
                }
            }
        }
    }

    @Test
    void registryBuildsItOnlyFromAFileAndKeepsItOutOfTheDefaultSet(@TempDir Path dir) {
        assertTrue(Explainers.names().contains("nnexplainer"));
        assertTrue(!Explainers.defaults().contains("nnexplainer"), "a method that needs a file is not in the default set");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Explainers.create("nn-explainer", f, MethodOptions.defaults()));
        assertEquals("nnexplainer (NN-Explainer) needs --explainer, which was not given", e.getMessage());
        Path file = dir.resolve("e.xai4j");
        io.xai4j.core.io.AtomicFiles.write(file, NnExplainerFile.writer(explainer.network(),
                new NnExplainerFile.Header(2, 4, f.classNames(), f.inputShape(), "tiny", null), null));
        NDArray x = Tiny.images(m, 2, Tiny.SIZE, Tiny.SIZE, 6);
        Attribution loaded = Explainers.create("nnexplainer", f, MethodOptions.defaults().withExplainerFile(file.toString())).explain(x, new int[] {1, 2});
        Attribution direct = explainer.explain(x, new int[] {1, 2});
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < Tiny.SIZE; i++) {
                assertArrayEquals(direct.maps()[b][i], loaded.maps()[b][i], 0f);
            }
        }
        CnnClassifier other = io.xai4j.vision.model.SmallResNet.create(m, new io.xai4j.vision.model.SmallResNetConfig(3, 3, 4, new int[] {4},
                new int[] {2}, 1), java.util.List.of("x", "y", "z"), Tiny.SIZE, 1);
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> NnExplainer.load(file, other));
        assertTrue(wrong.getMessage().contains("was trained for classes [a, b, c], the model has [x, y, z]"), wrong.getMessage());
    }
}

package io.xai4j.vision.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.xai4j.core.explain.Attribution;
import io.xai4j.core.explain.Explainer;
import io.xai4j.core.explain.MethodOptions;
import io.xai4j.core.explain.Targets;
import io.xai4j.vision.model.CnnClassifier;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every registered image method, created through the registry as the CLI creates it: a mixed batch with per-image
 * targets equals the images alone, every-class targets equal one explicit class at a time, and the registry finds
 * the methods this module ships.
 */
class RegistryParityTest {

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

    /** The methods the defaults can build; a method that needs a trained file (NN-Explainer) has its own parity test. */
    private static List<String> buildableFromDefaults() {
        return Explainers.supported(Explainers.names(), model).stream().filter(n -> Explainers.info(n).required().isEmpty()).toList();
    }

    private static Explainer create(String name) {
        return Explainers.create(name, model, MethodOptions.defaults().withPerturbations(64).withSeed(3).withBatchSize(5));
    }

    @Test
    void registryHoldsTheShippedMethodsInReportOrder() {
        assertTrue(Explainers.names().containsAll(List.of("cam", "gradcam", "gradcam++", "xgradcam", "layercam", "scorecam",
                "cgrad", "eb", "ceb", "rise")), Explainers.names().toString());
        assertEquals("cam", Explainers.names().get(0));
        assertEquals("gradcam++", Explainers.registry().get("Grad-CAM++").info().name());
    }

    @Test
    void batchEqualsSinglesForEveryRegisteredMethod() {
        NDArray x = TinyNets.images(manager, 3, 31);
        int[] targets = {2, 0, 1};
        for (String name : buildableFromDefaults()) { // SCOUTER needs its own model (ScouterExplainerTest)
            Explainer e = create(name);
            Attribution batch = e.explain(x, targets);
            double mass = 0;
            for (int b = 0; b < 3; b++) {
                Attribution single = e.explain(x.get(b).expandDims(0), new int[] {targets[b]});
                assertEquals(targets[b], batch.targets()[b], name);
                mass += assertSame(single.raw()[0], batch.raw()[b], name + " image " + b);
            }
            assertTrue(mass > 0, name + ": every map is zero, the parity check is vacuous");
        }
    }

    @Test
    void everyClassTargetsEqualExplicitTargetsForEveryRegisteredMethod() {
        NDArray x = TinyNets.images(manager, 2, 32);
        for (String name : buildableFromDefaults()) { // SCOUTER needs its own model (ScouterExplainerTest)
            Explainer e = create(name);
            Attribution all = e.explain(x, Targets.allClasses());
            assertEquals(2 * 3, all.size(), name);
            for (int c = 0; c < 3; c++) {
                Attribution one = e.explain(x, Targets.of(c, c));
                for (int b = 0; b < 2; b++) {
                    assertEquals(c, all.targets()[c * 2 + b], name);
                    assertSame(one.raw()[b], all.raw()[c * 2 + b], name + " class " + c + " image " + b);
                }
            }
        }
    }

    private static double assertSame(float[][] expected, float[][] actual, String what) {
        double mass = 0;
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[0].length; j++) {
                assertEquals(expected[i][j], actual[i][j], 1e-5 + 1e-4 * Math.abs(expected[i][j]), what + " at (" + i + "," + j + ")");
                mass += Math.abs(expected[i][j]);
            }
        }
        return mass;
    }
}

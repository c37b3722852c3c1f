package io.xai4j.vision.explain;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.xai4j.core.explain.Explainer;
import io.xai4j.vision.model.CnnClassifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Thousands of explanations in one process keep resident memory flat: no native tensor escapes a call. */
class NativeMemoryTest {

    static long residentKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    @Test
    void threeThousandExplanationsKeepResidentMemoryFlat() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            CnnClassifier model = TinyNets.create(m, 1);
            NDArray x = TinyNets.images(m, 2, 2);
            List<Explainer> explainers = List.of(
                    GradCam.builder().setModel(model).build(), Cam.of(model), ContrastiveGradient.of(model),
                    ExcitationBackprop.builder().setModel(model).build(),
                    ExcitationBackprop.builder().setModel(model).optContrastive(true).build());
            for (int i = 0; i < 100; i++) {
                explainers.get(i % explainers.size()).explain(x, null);
            }
            System.gc();
            long before = residentKb();
            for (int i = 0; i < 1500; i++) {
                explainers.get(i % explainers.size()).explain(x, null);
            }
            System.gc();
            long after = residentKb();
            // 1,500 calls × 2 images = 3,000 explanations; a leak of even one small tensor per call shows up.
            assertTrue(after - before < 40_000, "resident memory grew by " + (after - before) + " kB over 3,000 explanations");
        }
    }
}

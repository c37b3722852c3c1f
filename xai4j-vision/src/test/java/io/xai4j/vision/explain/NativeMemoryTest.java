package io.xai4j.vision.explain;

import io.xai4j.core.explain.Targets;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.xai4j.core.explain.Explainer;
import io.xai4j.core.runtime.ProcessMemory;
import io.xai4j.vision.model.CnnClassifier;
import io.xai4j.vision.model.SmallResNet;
import io.xai4j.vision.model.SmallResNetConfig;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Ten thousand explanations in one process keep resident memory flat: no native tensor escapes a call. */
class NativeMemoryTest {

    private static final int CALLS = 1000;
    private static final int BATCH = 10;

    @Test
    @org.junit.jupiter.api.condition.EnabledOnOs(value = org.junit.jupiter.api.condition.OS.LINUX,
            disabledReason = "reads the resident set from /proc/self/status")
    void tenThousandExplanationsKeepResidentMemoryFlat() {
        try (NDManager m = NDManager.newBaseManager()) {
            // 32 px: one leaked stem activation per call (10×8×32×32 floats = 320 kB) would add > 300 MB.
            CnnClassifier model = SmallResNet.create(m, new SmallResNetConfig(3, 3, 8, new int[] {8, 16}, new int[] {1, 2}, 1),
                    List.of("a", "b", "c"), 32, 1);
            NDArray x = m.create(TinyNets.normal(new SplittableRandom(2), BATCH * 3 * 32 * 32, 1.0), new Shape(BATCH, 3, 32, 32));
            List<Explainer> explainers = List.of(
                    GradCam.builder().setModel(model).build(), Cam.of(model), ContrastiveGradient.of(model),
                    ExcitationBackprop.builder().setModel(model).build(),
                    ExcitationBackprop.builder().setModel(model).optContrastive(true).build());
            // Warm-up: JIT, the Java heap and the native allocator's arenas reach their working size.
            for (int i = 0; i < 200; i++) {
                explainers.get(i % explainers.size()).explain(x, Targets.top1());
            }
            // RSS after every 100 calls (1,000 explanations).
            long[] rss = new long[CALLS / 100 + 1];
            System.gc();
            rss[0] = ProcessMemory.residentKb();
            for (int i = 0; i < CALLS; i++) {
                explainers.get(i % explainers.size()).explain(x, Targets.top1());
                if ((i + 1) % 100 == 0) {
                    System.gc();
                    rss[(i + 1) / 100] = ProcessMemory.residentKb();
                }
            }
            // Trend = lowest of the last three samples minus highest of samples 1..5, so that the garbage
            // collector's ±20 MB swings do not count but a steady leak (one stem activation per call:
            // ~100 MB between those windows) does.
            long lastLow = Math.min(rss[8], Math.min(rss[9], rss[10]));
            long firstHigh = java.util.Arrays.stream(rss, 1, 6).max().orElseThrow();
            long trend = lastLow - firstHigh;
            assertTrue(trend < 30_000, "resident memory grew by " + trend + " kB between explanations 1,000–5,000 and 8,000–10,000;"
                    + " RSS (kB) every 1,000 explanations: " + java.util.Arrays.toString(rss));
        }
    }
}

package io.xai4j.core.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Map post-processing (docs/methods/image-explainers.md#raw-maps-and-normalised-maps) against PyTorch and hand-computed values. */
class MapOpsTest {

    /**
     * {@code F.interpolate(src[None, None], size=(5, 7), mode="bilinear", align_corners=False)} with PyTorch 1.13
     * ({@code /usr/bin/python3}, 2026-11-24) for src = [[0, 1, 4], [2, −1, 3]].
     */
    private static final double[][] TORCH_5X7 = {
        {0.0, 0.14285719394683838, 0.5714285969734192, 1.0, 2.2857143878936768, 3.5714282989501953, 4.0},
        {0.20000000298023224, 0.2857142984867096, 0.5428572297096252, 0.800000011920929, 2.1285715103149414, 3.4571428298950195, 3.9000000953674316},
        {1.0, 0.8571429252624512, 0.4285714030265808, 1.0000000116860974e-07, 1.5000001192092896, 3.0, 3.5},
        {1.7999999523162842, 1.4285714626312256, 0.3142856955528259, -0.800000011920929, 0.8714286088943481, 2.5428571701049805, 3.0999999046325684},
        {2.0, 1.571428656578064, 0.28571420907974243, -0.9999998807907104, 0.7142857909202576, 2.4285714626312256, 3.0}};

    @Test
    void bilinearUpsamplingMatchesPyTorchWithoutAlignCorners() {
        float[][] out = MapOps.upsampleBilinear(new float[][] {{0, 1, 4}, {2, -1, 3}}, 5, 7);
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 7; x++) {
                assertEquals(TORCH_5X7[y][x], out[y][x], 1e-6, "(" + y + "," + x + ")");
            }
        }
        // by hand: 1×2 → 1×4, source coordinates −0.25 (clamped to 0), 0.25, 0.75, 1.25 (neighbour clamped)
        assertArrayEquals(new float[] {0f, 0.25f, 0.75f, 1f}, MapOps.upsampleBilinear(new float[][] {{0, 1}}, 1, 4)[0], 1e-7f);
    }

    @Test
    void minMaxNormalisationAndFlatMaps() {
        float[][] m = {{2, 4}, {6, 10}};
        assertFalse(MapOps.minMaxNormaliseInPlace(m));
        assertArrayEquals(new float[] {0f, 0.25f}, m[0], 1e-7f);
        assertArrayEquals(new float[] {0.5f, 1f}, m[1], 1e-7f);
        float[][] flat = {{3, 3}, {3, 3 + 1e-13f}};
        assertTrue(MapOps.minMaxNormaliseInPlace(flat), "range below 1e-12 is flat");
        assertArrayEquals(new float[] {0f, 0f}, flat[1]);
    }

    @Test
    void attributionFlagsZeroAndNonFiniteMapsAndNormalisesTheRest() {
        float[][][] raw = {{{0, 0}, {0, 0}}, {{Float.NaN, 1}, {2, 3}}, {{0, 1}, {2, 4}}};
        Attribution a = Attribution.of("m", raw, 2, 2, new float[3], new int[3], "l", Map.of());
        assertArrayEquals(new boolean[] {true, true, false}, a.degenerate());
        assertArrayEquals(new float[] {0f, 0f}, a.maps()[0][0], "an all-zero map stays zero");
        assertArrayEquals(new float[] {0f, 1f / 3}, a.maps()[1][0], 1e-7f, "NaN becomes 0, the rest is min–max normalised");
        assertArrayEquals(new float[] {2f / 3, 1f}, a.maps()[1][1], 1e-7f);
        assertArrayEquals(new float[] {0.5f, 1f}, a.maps()[2][1], 1e-7f);
    }
}

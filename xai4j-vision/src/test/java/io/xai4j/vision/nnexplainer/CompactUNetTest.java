package io.xai4j.vision.nnexplainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.xai4j.core.explain.MapOps;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Output shapes (odd sizes included), the bilinear upsampling against an independent resize, seeded initialisation. */
class CompactUNetTest {

    private static NDManager m;

    @BeforeAll
    static void setUp() {
        m = NDManager.newBaseManager();
    }

    @AfterAll
    static void tearDown() {
        m.close();
    }

    @Test
    void outputIsOneLogitMapPerClassAtInputResolutionForOddSizes() {
        CompactUNet net = new CompactUNet(m, 3, 5, 3, 2, 1);
        for (int[] hw : new int[][] {{8, 8}, {9, 11}, {7, 5}, {13, 6}}) {
            NDArray s = net.forward(Tiny.images(m, 2, hw[0], hw[1], 3), false);
            assertEquals(new Shape(2, 5, hw[0], hw[1]), s.getShape(), hw[0] + "x" + hw[1]);
        }
        assertThrows(IllegalArgumentException.class, () -> net.forward(Tiny.images(m, 1, 1, 8, 3), false));
    }

    @Test
    void upsamplingEqualsPyTorchBilinearWithoutAlignedCorners() {
        int h = 3, w = 4;
        float[] v = Tiny.gaussian(9, 2 * h * w);
        NDArray up = CompactUNet.upsample2(m.create(v, new Shape(1, 2, h, w)));
        assertEquals(new Shape(1, 2, 2 * h, 2 * w), up.getShape());
        float[] got = up.toFloatArray();
        for (int c = 0; c < 2; c++) {
            float[][] src = new float[h][w];
            for (int i = 0; i < h; i++) {
                System.arraycopy(v, (c * h + i) * w, src[i], 0, w);
            }
            float[][] ref = MapOps.upsampleBilinear(src, 2 * h, 2 * w);
            for (int i = 0; i < 2 * h; i++) {
                for (int j = 0; j < 2 * w; j++) {
                    assertEquals(ref[i][j], got[(c * 2 * h + i) * 2 * w + j], 1e-6, "channel " + c + " (" + i + "," + j + ")");
                }
            }
        }
    }

    @Test
    void sameSeedSameWeights() {
        float[] a = new CompactUNet(m, 3, 2, 2, 3, 7).parameters().get(0).array().toFloatArray();
        float[] b = new CompactUNet(m, 3, 2, 2, 3, 7).parameters().get(0).array().toFloatArray();
        float[] c = new CompactUNet(m, 3, 2, 2, 3, 8).parameters().get(0).array().toFloatArray();
        org.junit.jupiter.api.Assertions.assertArrayEquals(a, b);
        org.junit.jupiter.api.Assertions.assertFalse(java.util.Arrays.equals(a, c));
    }
}

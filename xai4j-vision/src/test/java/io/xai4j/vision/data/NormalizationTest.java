package io.xai4j.vision.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class NormalizationTest {

    /** Two 1×2×2 RGB images with hand-picked values: image i, channel c, pixel p = (i + c + p) / 8. */
    private static final ImageDataset TOY = new ImageDataset() {
        @Override
        public int size() {
            return 2;
        }

        @Override
        public List<String> classNames() {
            return List.of("a", "b");
        }

        @Override
        public int channels() {
            return 3;
        }

        @Override
        public int height() {
            return 1;
        }

        @Override
        public int width() {
            return 2;
        }

        @Override
        public float[] pixels(int index) {
            float[] x = new float[6];
            for (int c = 0; c < 3; c++) {
                for (int p = 0; p < 2; p++) {
                    x[c * 2 + p] = (index + c + p) / 8f;
                }
            }
            return x;
        }

        @Override
        public int label(int index) {
            return index;
        }
    };

    @Test
    void batchIsBchwFloat32InModelInputSpace() {
        Normalization n = new Normalization(new float[] {0.5f, 0.25f, 0f}, new float[] {0.5f, 0.25f, 2f});
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray b = ImageDataset.batch(m, TOY, new int[] {1, 0}, n);
            assertEquals(new Shape(2, 3, 1, 2), b.getShape());
            assertEquals(DataType.FLOAT32, b.getDataType());
            // image 1: channel 0 = (1/8, 2/8), channel 1 = (2/8, 3/8), channel 2 = (3/8, 4/8).
            float[] expected = {
                (0.125f - 0.5f) / 0.5f, (0.25f - 0.5f) / 0.5f,
                0f, 0.5f,
                0.1875f, 0.25f,
                -1f, -0.75f,
                -0.5f, 0f,
                0.125f, 0.1875f};
            assertArrayEquals(expected, b.toFloatArray(), 1e-6f);
            NDArray back = n.invert(b);
            float[] original = new float[12];
            System.arraycopy(TOY.pixels(1), 0, original, 0, 6);
            System.arraycopy(TOY.pixels(0), 0, original, 6, 6);
            assertArrayEquals(original, back.toFloatArray(), 1e-6f);
        }
    }

    @Test
    void invertUndoesApplyOnJavaArrays() {
        Normalization n = Normalization.imageNet();
        float[] x = TOY.pixels(1);
        assertArrayEquals(x, n.invert(n.apply(x)), 1e-6f);
        assertEquals(3, n.channels());
    }

    @Test
    void fitGivesPerChannelMeanAndPopulationStd() {
        Normalization n = Normalization.fit(TOY);
        // Channel c holds (c, c+1, c+1, c+2)/8: mean (c+1)/8, variance (1+0+0+1)/4/64 = 1/128.
        float sd = (float) Math.sqrt(1.0 / 128);
        assertArrayEquals(new float[] {1 / 8f, 2 / 8f, 3 / 8f}, n.mean(), 1e-7f);
        assertArrayEquals(new float[] {sd, sd, sd}, n.std(), 1e-7f);
    }

    @Test
    void channelMismatchAndBadStatisticsAreRefused() {
        try (NDManager m = NDManager.newBaseManager()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ImageDataset.batch(m, TOY, new int[] {0}, Normalization.identity(1)));
            assertTrue(e.getMessage().contains("normalisation has 1 channels but the data set has 3"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new Normalization(new float[] {0}, new float[] {0}));
        assertThrows(IllegalArgumentException.class, () -> new Normalization(new float[] {0, 0}, new float[] {1}));
    }

    @Test
    void recordEqualityComparesValues() {
        assertEquals(Normalization.identity(3), new Normalization(new float[3], new float[] {1, 1, 1}));
        float[] mean = {0.1f};
        Normalization n = new Normalization(mean, new float[] {1});
        mean[0] = 9;
        assertEquals(0.1f, n.mean()[0]);
    }
}

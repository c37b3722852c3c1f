package io.xai4j.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class ComplexityMetricsTest {

    @Test
    void giniOfOneHotMapIsNearThreeQuartersAndOfUniformOrZeroMapIsZero() {
        float[][] oneHot = {{1, 0}, {0, 0}};
        float[][] uniform = {{0.3f, 0.3f}, {-0.3f, 0.3f}};
        MetricResult r = new GiniSparseness().evaluate(new float[][][] {oneHot, uniform, new float[2][2]});
        // a = (1e-7, 1e-7, 1e-7, 1 + 1e-7): Σ(2i−n−1)a_(i) = 3, n·Σa = 4(1 + 4e-7)
        assertArrayEquals(new double[] {3 / (4 * (1 + 4e-7)), 0, 0}, r.values(), 1e-12,
                "Quantus formula on |map| + 1e-7");
    }

    @Test
    void entropyOfAbsoluteMassWithZeroMapUndefined() {
        float[][] halves = {{1, 1}, {0, 0}};
        float[][] mixed = {{1, -1}, {2, 0}};
        MetricResult r = new EntropyComplexity().evaluate(new float[][][] {halves, mixed, new float[2][2]});
        assertArrayEquals(new double[] {Math.log(2), 1.5 * Math.log(2), Double.NaN}, r.values(), 1e-12,
                "ln 2; P = (¼,¼,½,0) → 1.5 ln 2; Σ|a| = 0 → NaN");
    }
}

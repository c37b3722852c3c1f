package io.xai4j.core.metrics;

import java.util.Map;

/**
 * Entropy complexity (Bhatt, Weller and Moura, <i>Evaluating and Aggregating Feature-based Model
 * Explanations</i>, IJCAI 2020, arXiv 2005.00631), docs/methods/image-metrics.md#entropy-complexity: P_i = |a_i| / Σ|a|,
 * C = −Σ P_i ln P_i with 0·ln 0 = 0; Σ|a| = 0 → NaN. Ranges over [0, ln(H·W)]; lower = simpler.
 */
public final class EntropyComplexity implements MapMetric {

    private static final Metric.Descriptor METRIC = Metric.of("entropy_complexity", Direction.LOWER, Category.COMPLEXITY);

    @Override
    public Metric.Descriptor describe() {
        return METRIC;
    }

    @Override
    public MetricResult evaluate(float[][][] maps) {
        MetricInputs.checkMaps("maps", maps);
        double[] values = new double[maps.length];
        for (int i = 0; i < maps.length; i++) {
            values[i] = entropy(maps[i]);
        }
        return MetricResult.of(this, values, Map.of());
    }

    static double entropy(float[][] map) {
        double sum = 0;
        for (float[] row : map) {
            for (float v : row) {
                sum += Math.abs(v);
            }
        }
        if (sum == 0) {
            return Double.NaN;
        }
        double entropy = 0;
        for (float[] row : map) {
            for (float v : row) {
                double p = Math.abs(v) / sum;
                if (p > 0) {
                    entropy -= p * Math.log(p);
                }
            }
        }
        return entropy;
    }
}

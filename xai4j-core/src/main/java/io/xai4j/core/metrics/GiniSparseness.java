package io.xai4j.core.metrics;

import java.util.Arrays;
import java.util.Map;

/**
 * Gini sparseness (Chalasani et al., <i>Concise Explanations of Neural Networks using Adversarial
 * Training</i>, ICML 2020, arXiv 1810.06583; as Quantus {@code Sparseness}), docs/methods/image-metrics.md#gini-sparseness:
 * a = |map| + 1e-7 flattened and sorted ascending, G = Σ_{i=1}^{n} (2i − n − 1)·a_(i) / (n·Σ a).
 * Range [0,1): 0 for a uniform map (an all-zero map included), near 1 when the mass sits on one
 * pixel. Higher = more concentrated.
 */
public final class GiniSparseness implements MapMetric {

    private static final double OFFSET = 1e-7;

    private static final Metric.Descriptor METRIC = Metric.of("gini_sparseness", Direction.HIGHER, Category.COMPLEXITY);

    @Override
    public Metric.Descriptor describe() {
        return METRIC;
    }

    @Override
    public MetricResult evaluate(float[][][] maps) {
        MetricInputs.checkMaps("maps", maps);
        double[] values = new double[maps.length];
        for (int i = 0; i < maps.length; i++) {
            values[i] = gini(Ranks.flatten(maps[i]));
        }
        return MetricResult.of(this, values, Map.of());
    }

    static double gini(float[] map) {
        int n = map.length;
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = Math.abs(map[i]) + OFFSET;
        }
        Arrays.sort(a);
        double weighted = 0, sum = 0;
        for (int i = 0; i < n; i++) {
            weighted += (2.0 * (i + 1) - n - 1) * a[i];
            sum += a[i];
        }
        return weighted / (n * sum);
    }
}

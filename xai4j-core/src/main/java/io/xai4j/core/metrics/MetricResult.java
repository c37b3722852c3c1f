package io.xai4j.core.metrics;

import java.util.Map;

/**
 * A metric evaluated on a batch (docs/methods/image-metrics.md#conventions): per-sample values (NaN = undefined), their mean over
 * defined values, how many were undefined, which direction is better, and the parameters used.
 */
public record MetricResult(
        String metric,
        double[] values,
        double mean,
        int nUndefined,
        Direction direction,
        Category category,
        Map<String, Object> params) {

    /** Builds a result, computing mean and undefined count from the per-sample values. */
    public static MetricResult of(
            String metric, double[] values, Direction direction, Category category, Map<String, Object> params) {
        double sum = 0;
        int defined = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sum += v;
                defined++;
            }
        }
        double mean = defined == 0 ? Double.NaN : sum / defined;
        return new MetricResult(metric, values, mean, values.length - defined, direction, category, Map.copyOf(params));
    }

    /** Concatenates results of the same metric computed on consecutive batches. */
    public static MetricResult concat(MetricResult a, MetricResult b) {
        if (!a.metric.equals(b.metric)) {
            throw new IllegalArgumentException("cannot merge " + a.metric + " with " + b.metric);
        }
        if (!a.params.equals(b.params)) {
            throw new IllegalArgumentException("cannot merge " + a.metric + " computed with " + a.params + " and with " + b.params);
        }
        double[] v = new double[a.values.length + b.values.length];
        System.arraycopy(a.values, 0, v, 0, a.values.length);
        System.arraycopy(b.values, 0, v, a.values.length, b.values.length);
        return of(a.metric, v, a.direction, a.category, a.params);
    }
}

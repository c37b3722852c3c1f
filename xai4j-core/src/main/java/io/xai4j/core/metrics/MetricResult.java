package io.xai4j.core.metrics;

import java.util.Map;

/**
 * A {@link Metric} evaluated on a batch (docs/methods/image-metrics.md#conventions): per-sample values (NaN = undefined), their mean over
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

    /** Builds a result, computing mean and undefined count from the per-sample values ({@link Aggregate}). */
    public static MetricResult of(
            String metric, double[] values, Direction direction, Category category, Map<String, Object> params) {
        Aggregate a = Aggregate.of(values);
        return new MetricResult(metric, values, a.mean(), a.nUndefined(), direction, category, Map.copyOf(params));
    }

    /** Builds a result of {@code metric}, which names it and says its direction and category. */
    public static MetricResult of(Metric metric, double[] values, Map<String, Object> params) {
        return of(metric.name(), values, metric.direction(), metric.category(), params);
    }

    /** The per-sample values' mean, sample standard deviation and counts. */
    public Aggregate aggregate() {
        return Aggregate.of(values);
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

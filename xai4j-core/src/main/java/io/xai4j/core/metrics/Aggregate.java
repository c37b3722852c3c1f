package io.xai4j.core.metrics;

import java.util.Collection;
import java.util.function.ToDoubleFunction;

/**
 * The one aggregation of metric values, over images (or graphs) and over seeds alike: the mean of the defined values
 * (NaN = undefined, docs/methods/image-metrics.md#conventions), their sample standard deviation (n − 1; NaN for fewer than two), how many were
 * defined and how many were not.
 */
public record Aggregate(double mean, double std, int n, int nUndefined) {

    /** Aggregates {@code values}; NaN entries are counted as undefined and left out. */
    public static Aggregate of(double[] values) {
        double sum = 0;
        int defined = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sum += v;
                defined++;
            }
        }
        double mean = defined == 0 ? Double.NaN : sum / defined;
        double std = Double.NaN;
        if (defined >= 2) {
            double s = 0;
            for (double v : values) {
                if (!Double.isNaN(v)) {
                    s += (v - mean) * (v - mean);
                }
            }
            std = Math.sqrt(s / (defined - 1));
        }
        return new Aggregate(mean, std, defined, values.length - defined);
    }

    /** Aggregates one figure of each item (e.g. one method's score over the seeds' results). */
    public static <T> Aggregate of(Collection<T> items, ToDoubleFunction<T> figure) {
        return of(items.stream().mapToDouble(figure).toArray());
    }
}

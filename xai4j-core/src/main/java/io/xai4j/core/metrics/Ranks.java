package io.xai4j.core.metrics;

import java.util.Arrays;

/**
 * Orderings and rank statistics shared by every rank-based metric (docs/methods/image-metrics.md#conventions): a stable
 * descending pixel order (ties by ascending row-major index), average ranks for ties, and Spearman
 * rank correlation.
 */
public final class Ranks {

    private Ranks() {}

    /**
     * Indices of {@code values} ordered by value descending, ties by ascending index; NaN sorts last.
     * Runs in O(n log n) on primitive keys, so it is cheap on 224² maps.
     */
    public static int[] argsortDescending(float[] values) {
        int n = values.length;
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = ((long) descendingKey(values[i]) << 32) | i;
        }
        Arrays.sort(keys);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = (int) keys[i];
        }
        return order;
    }

    /** Row-major pixel order of a map by value descending, ties by ascending pixel index. */
    public static int[] argsortDescending(float[][] map) {
        return argsortDescending(flatten(map));
    }

    /** An int whose signed ascending order is the descending order of floats; −0 equals +0, NaN last. */
    private static int descendingKey(float v) {
        if (Float.isNaN(v)) {
            return Integer.MAX_VALUE;
        }
        int bits = Float.floatToIntBits(v == 0f ? 0f : v);
        // monotone float→int map; its range (−inf..+inf) never reaches Integer.MIN_VALUE, so negation is safe
        return -(bits ^ ((bits >> 31) & 0x7fffffff));
    }

    /**
     * Ranks 1..n of {@code values} ascending; tied values share the average of the ranks they span
     * (scipy {@code rankdata(method="average")}).
     */
    public static double[] averageRanks(double[] values) {
        int n = values.length;
        Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (a, b) -> Double.compare(values[a], values[b]));
        double[] ranks = new double[n];
        int start = 0;
        while (start < n) {
            int end = start + 1;
            while (end < n && values[boxed[end]] == values[boxed[start]]) {
                end++;
            }
            double average = (start + 1 + end) / 2.0;
            for (int k = start; k < end; k++) {
                ranks[boxed[k]] = average;
            }
            start = end;
        }
        return ranks;
    }

    /**
     * Spearman rank correlation: Pearson correlation of the average ranks. NaN if either input is
     * constant (its ranks have zero variance) or the lengths are below 2.
     */
    public static double spearman(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("spearman needs equal lengths, got " + a.length + " and " + b.length);
        }
        if (a.length < 2) {
            return Double.NaN;
        }
        return pearson(averageRanks(a), averageRanks(b));
    }

    /** Pearson correlation; NaN if either input has zero variance. */
    static double pearson(double[] a, double[] b) {
        int n = a.length;
        double meanA = 0, meanB = 0;
        for (int i = 0; i < n; i++) {
            meanA += a[i];
            meanB += b[i];
        }
        meanA /= n;
        meanB /= n;
        double cov = 0, varA = 0, varB = 0;
        for (int i = 0; i < n; i++) {
            double da = a[i] - meanA, db = b[i] - meanB;
            cov += da * db;
            varA += da * da;
            varB += db * db;
        }
        if (varA == 0 || varB == 0) {
            return Double.NaN;
        }
        return cov / Math.sqrt(varA * varB);
    }

    /** Row-major copy of a map. */
    static float[] flatten(float[][] map) {
        int h = map.length, w = map[0].length;
        float[] flat = new float[h * w];
        for (int y = 0; y < h; y++) {
            System.arraycopy(map[y], 0, flat, y * w, w);
        }
        return flat;
    }
}

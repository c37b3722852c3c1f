package io.xai4j.core.metrics;

/**
 * The four contrastivity / sparsity variants of Pope et al. (docs/methods/image-metrics.md#contrastivity-and-sparsity) on one batch.
 *
 * @param contrastivityUnion H/U (headline)
 * @param contrastivityNodes H/N
 * @param sparsityUnion 1 − U/N (headline)
 * @param sparsityClassAverage 1 − (n₀ + n₁)/(2N)
 * @param classPairs the class pair of each sample, or null when the caller supplied the maps
 */
public record ContrastivityResult(
        MetricResult contrastivityUnion,
        MetricResult contrastivityNodes,
        MetricResult sparsityUnion,
        MetricResult sparsityClassAverage,
        int[][] classPairs) {}

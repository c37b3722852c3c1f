package io.xai4j.core.metrics;

import java.util.Map;

/**
 * The pointing game on a batch (docs/methods/image-metrics.md#pointing-game).
 *
 * @param result per sample 1 (hit), 0 (miss) or NaN (skipped); its mean is the micro average
 * @param accuracy class-averaged accuracy (TorchRay's headline number)
 * @param microAccuracy hits over all evaluated samples (= {@code result.mean()})
 * @param classAccuracy hits/(hits + misses) per target class
 * @param points {row, column} pointed at per sample
 * @param flat per sample: the map was flat, so the point is (0,0) by convention
 */
public record PointingGameResult(
        MetricResult result,
        double accuracy,
        double microAccuracy,
        Map<Integer, Double> classAccuracy,
        int[][] points,
        boolean[] flat) {}

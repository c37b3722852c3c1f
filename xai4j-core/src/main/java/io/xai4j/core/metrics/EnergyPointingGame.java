package io.xai4j.core.metrics;

import java.util.Map;

/**
 * Energy-based pointing game (Wang et al., <i>Score-CAM: Score-Weighted Visual Explanations for
 * Convolutional Neural Networks</i>, CVPR Workshops 2020, arXiv 1910.01279), docs/methods/image-metrics.md#energy-based-pointing-game:
 * E = Σ_{p∈G} m_p / Σ_p m_p with m = max(map, 0) and G the target's boxes or mask. No positive mass,
 * no ground truth (empty or null mask) → NaN. Higher is better.
 */
public final class EnergyPointingGame implements GroundTruthMetric {

    private static final Metric.Descriptor METRIC = Metric.of("energy_pointing_game", Direction.HIGHER, Category.LOCALISATION);

    @Override
    public Metric.Descriptor describe() {
        return METRIC;
    }

    @Override
    public MetricResult evaluate(float[][][] maps, boolean[][][] masks) {
        double[] values = PositiveMass.inGroundTruth(maps, masks);
        return MetricResult.of(this, values, Map.of());
    }
}

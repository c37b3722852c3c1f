package io.xai4j.core.metrics;

import java.util.Map;

/**
 * Relevance mass accuracy (Arras, Osman and Samek, <i>CLEVR-XAI: A benchmark dataset for the ground
 * truth evaluation of neural network explanations</i>, Information Fusion 2022, arXiv 2003.07258),
 * docs/methods/image-metrics.md#relevance-mass-and-rank-accuracy: RMA = Σ_{p∈G} R_p / Σ_p R_p with R = max(map, 0). 0/0 → NaN; a sample without ground
 * truth (empty or null mask) → NaN, as for every localisation metric here. Higher is better.
 */
public final class RelevanceMassAccuracy implements GroundTruthMetric {

    private static final Metric.Descriptor METRIC = Metric.of("relevance_mass_accuracy", Direction.HIGHER, Category.LOCALISATION);

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

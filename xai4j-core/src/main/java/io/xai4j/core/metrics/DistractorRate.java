package io.xai4j.core.metrics;

import java.util.Map;

/**
 * Distractor rate on PartShapes (docs/methods/image-metrics.md#distractor-rate): the share of the non-negative map mass
 * Σ_{p∈D} m_p / Σ_p m_p, m = max(map, 0), that falls on D, the union of the distractor-part masks.
 * 0/0 → NaN; no distractor pixels (empty D) → 0. Lower is better. The measure is the mass ratio of
 * relevance mass accuracy (Arras et al., Information Fusion 2022, arXiv 2003.07258) taken on the parts
 * that must not matter.
 */
public final class DistractorRate implements GroundTruthMetric {

    /**
     * @param masks [B][H][W] union of each image's distractor parts; a null entry → NaN
     */
    private static final Metric.Descriptor METRIC = Metric.of("distractor_rate", Direction.LOWER, Category.LOCALISATION);

    @Override
    public Metric.Descriptor describe() {
        return METRIC;
    }

    @Override
    public MetricResult evaluate(float[][][] maps, boolean[][][] masks) {
        int[] hw = MetricInputs.checkMaps("maps", maps);
        MetricInputs.checkMasks("distractor masks", masks, maps.length, hw[0], hw[1]);
        double[] values = new double[maps.length];
        for (int i = 0; i < maps.length; i++) {
            values[i] = masks[i] == null ? Double.NaN : PositiveMass.fraction(maps[i], masks[i]);
        }
        return MetricResult.of(this, values, Map.of());
    }
}

package io.xai4j.core.metrics;

import java.util.Map;

/**
 * Relevance rank accuracy (Arras, Osman and Samek, <i>CLEVR-XAI</i>, Information Fusion 2022, arXiv
 * 2003.07258), docs/methods/image-metrics.md#relevance-mass-and-rank-accuracy: with K = |G|, RRA = |top-K pixels ∩ G| / K, pixels ranked by the map
 * descending, ties by ascending row-major index. K = 0 or a null mask → NaN. Higher is better.
 */
public final class RelevanceRankAccuracy implements GroundTruthMetric {

    private static final Metric.Descriptor METRIC = Metric.of("relevance_rank_accuracy", Direction.HIGHER, Category.LOCALISATION);

    @Override
    public Metric.Descriptor describe() {
        return METRIC;
    }

    @Override
    public MetricResult evaluate(float[][][] maps, boolean[][][] masks) {
        int[] hw = MetricInputs.checkMaps("maps", maps);
        MetricInputs.checkMasks("masks", masks, maps.length, hw[0], hw[1]);
        int w = hw[1];
        double[] values = new double[maps.length];
        for (int i = 0; i < maps.length; i++) {
            int k = masks[i] == null ? 0 : PositiveMass.count(masks[i]);
            if (k == 0) {
                values[i] = Double.NaN;
                continue;
            }
            int[] order = Ranks.argsortDescending(maps[i]);
            int hits = 0;
            for (int r = 0; r < k; r++) {
                if (masks[i][order[r] / w][order[r] % w]) {
                    hits++;
                }
            }
            values[i] = (double) hits / k;
        }
        return MetricResult.of(this, values, Map.of());
    }
}

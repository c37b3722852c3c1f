package io.xai4j.core.metrics;

import java.util.Map;

/**
 * SCOUTER precision (Li et al., <i>SCOUTER: Slot Attention-based Classifier for Explainable Image
 * Recognition</i>, ICCV 2021; as {@code kayatb/reproduce_SCOUTER} {@code metrics/precision.py}), docs/methods/image-metrics.md#scouter-precision:
 * the share of the map's mass inside the ground truth, Σ_{p∈G} M / Σ_p M, with the map M as given (not
 * clamped: SCOUTER's maps are non-negative); with boxes the largest share over the image's boxes. Σ M = 0 or
 * no ground truth → NaN. Higher is better. Maps are expected at image resolution ({@code Attribution.maps()}).
 */
public final class ScouterPrecision implements GroundTruthMetric {

    private static final Metric.Descriptor METRIC = Metric.of("scouter_precision", Direction.HIGHER, Category.LOCALISATION);

    @Override
    public Metric.Descriptor describe() {
        return METRIC;
    }

    @Override
    public MetricResult evaluate(float[][][] maps, boolean[][][] masks) {
        int[] hw = MetricInputs.checkMaps("maps", maps);
        MetricInputs.checkMasks("masks", masks, maps.length, hw[0], hw[1]);
        double[] values = new double[maps.length];
        for (int i = 0; i < maps.length; i++) {
            values[i] = masks[i] == null || PositiveMass.count(masks[i]) == 0 ? Double.NaN : PositiveMass.fraction(maps[i], masks[i], false);
        }
        return MetricResult.of(this, values, Map.of("groundTruth", "mask"));
    }

    /**
     * The box variant: per image the largest Σ_{p∈b} M / Σ_p M over its boxes.
     *
     * @param boxes per image an array of boxes {x0, y0, x1, y1} in pixels, x1 and y1 exclusive, clipped to the
     *     map; null or empty → NaN
     */
    public MetricResult evaluateBoxes(float[][][] maps, int[][][] boxes) {
        int[] hw = MetricInputs.checkMaps("maps", maps);
        if (boxes == null || boxes.length != maps.length) {
            throw new IllegalArgumentException("boxes: expected one entry per map (" + maps.length + "), got "
                    + (boxes == null ? "null" : boxes.length));
        }
        double[] values = new double[maps.length];
        for (int i = 0; i < maps.length; i++) {
            double total = 0;
            for (float[] row : maps[i]) {
                for (float v : row) {
                    total += v;
                }
            }
            if (boxes[i] == null || boxes[i].length == 0 || total == 0) {
                values[i] = Double.NaN;
                continue;
            }
            double best = Double.NEGATIVE_INFINITY;
            for (int[] b : boxes[i]) {
                if (b.length != 4) {
                    throw new IllegalArgumentException("boxes[" + i + "]: a box is {x0, y0, x1, y1}, got " + b.length + " numbers");
                }
                double inside = 0;
                for (int y = Math.max(0, b[1]); y < Math.min(hw[0], b[3]); y++) {
                    for (int x = Math.max(0, b[0]); x < Math.min(hw[1], b[2]); x++) {
                        inside += maps[i][y][x];
                    }
                }
                best = Math.max(best, inside / total);
            }
            values[i] = best;
        }
        return MetricResult.of(this, values, Map.of("groundTruth", "boxes"));
    }
}

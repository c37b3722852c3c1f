package io.xai4j.core.metrics;

import java.util.Map;

/**
 * Intersection over union of a binarised map with the ground truth, docs/methods/image-metrics.md#iou: IoU = |B ∧ G| /
 * |B ∨ G|, G empty or null → NaN. Higher is better. The map is binarised in one of three ways:
 * <ul>
 *   <li>{@link #topK(double)}: B = the top ⌈k·H·W⌉ pixels (exact count; ties by ascending row-major
 *       index), k = 0.2 by default;</li>
 *   <li>{@link #threshold(double)}: B = {map &gt; τ}, τ = 0.5 by default — the value threshold with
 *       which CAM (Zhou et al., CVPR 2016, arXiv 1512.04150, 20% of the maximum) and Grad-CAM
 *       (Selvaraju et al., ICCV 2017, arXiv 1610.02391, 15%) localised, on maps normalised to [0,1];</li>
 *   <li>{@link #gtArea()}: B = the top |G| pixels.</li>
 * </ul>
 */
public final class LocalisationIoU implements GroundTruthMetric {

    /** How the map is binarised. */
    public enum Mode {
        TOP_K,
        THRESHOLD,
        GT_AREA
    }

    private final Mode mode;
    private final double parameter;

    private LocalisationIoU(Mode mode, double parameter) {
        this.mode = mode;
        this.parameter = parameter;
    }

    /** Top-k% mode with the default k = 0.2. */
    public LocalisationIoU() {
        this(Mode.TOP_K, 0.2);
    }

    /** B = the top ⌈k·H·W⌉ pixels, k ∈ [0,1]. */
    public static LocalisationIoU topK(double k) {
        MetricInputs.checkUnitInterval("k", k);
        return new LocalisationIoU(Mode.TOP_K, k);
    }

    /** B = {map &gt; τ}. */
    public static LocalisationIoU threshold(double tau) {
        if (!Double.isFinite(tau)) {
            throw new IllegalArgumentException("threshold τ must be finite, got " + tau);
        }
        return new LocalisationIoU(Mode.THRESHOLD, tau);
    }

    /** B = the top |G| pixels. */
    public static LocalisationIoU gtArea() {
        return new LocalisationIoU(Mode.GT_AREA, Double.NaN);
    }

    /** ⌈k·n⌉, robust to k·n landing a rounding error above an integer (0.2·25 = 5.000000000000001). */
    static int topCount(double k, int n) {
        return (int) Math.min(n, Math.ceil(k * n - 1e-9));
    }

    @Override
    public Metric.Descriptor describe() {
        return Metric.of("iou_" + mode.name().toLowerCase(java.util.Locale.ROOT), Direction.HIGHER, Category.LOCALISATION);
    }

    @Override
    public MetricResult evaluate(float[][][] maps, boolean[][][] masks) {
        int[] hw = MetricInputs.checkMaps("maps", maps);
        MetricInputs.checkMasks("masks", masks, maps.length, hw[0], hw[1]);
        int h = hw[0], w = hw[1];
        double[] values = new double[maps.length];
        for (int i = 0; i < maps.length; i++) {
            int area = masks[i] == null ? 0 : PositiveMass.count(masks[i]);
            if (area == 0) {
                values[i] = Double.NaN;
                continue;
            }
            boolean[][] b = binarise(maps[i], area, h, w);
            int intersection = 0, union = 0;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    intersection += b[y][x] && masks[i][y][x] ? 1 : 0;
                    union += b[y][x] || masks[i][y][x] ? 1 : 0;
                }
            }
            values[i] = (double) intersection / union;
        }
        Map<String, Object> params = switch (mode) {
            case TOP_K -> Map.of("mode", "top_k", "k", parameter);
            case THRESHOLD -> Map.of("mode", "threshold", "tau", parameter);
            case GT_AREA -> Map.of("mode", "gt_area");
        };
        return MetricResult.of(this, values, params);
    }

    private boolean[][] binarise(float[][] map, int gtArea, int h, int w) {
        boolean[][] b = new boolean[h][w];
        if (mode == Mode.THRESHOLD) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    b[y][x] = map[y][x] > parameter;
                }
            }
            return b;
        }
        int count = mode == Mode.TOP_K ? topCount(parameter, h * w) : gtArea;
        int[] order = Ranks.argsortDescending(map);
        for (int r = 0; r < count; r++) {
            b[order[r] / w][order[r] % w] = true;
        }
        return b;
    }
}

package io.xai4j.core.metrics;

/** Shares of the non-negative mass max(map, 0) (docs/methods/image-metrics.md#conventions). */
final class PositiveMass {

    private PositiveMass() {}

    /** Σ_{p∈S} max(m_p, 0) / Σ_p max(m_p, 0); NaN when the map has no positive mass. */
    static double fraction(float[][] map, boolean[][] region) {
        return fraction(map, region, true);
    }

    /**
     * The share of the map's mass inside {@code region}: of max(m, 0) with {@code clamp} (NaN without positive
     * mass), of the map as given without it (NaN when its sum is 0).
     */
    static double fraction(float[][] map, boolean[][] region, boolean clamp) {
        double inside = 0, total = 0;
        for (int y = 0; y < map.length; y++) {
            for (int x = 0; x < map[y].length; x++) {
                double m = clamp ? Math.max(map[y][x], 0f) : map[y][x];
                total += m;
                if (region[y][x]) {
                    inside += m;
                }
            }
        }
        boolean defined = clamp ? total > 0 : total != 0;
        return defined ? inside / total : Double.NaN;
    }

    /**
     * Per sample, the share of positive mass inside the ground truth (the energy pointing game and
     * relevance mass accuracy are this same quantity under two names); NaN without ground truth.
     */
    static double[] inGroundTruth(float[][][] maps, boolean[][][] masks) {
        int[] hw = MetricInputs.checkMaps("maps", maps);
        MetricInputs.checkMasks("masks", masks, maps.length, hw[0], hw[1]);
        double[] values = new double[maps.length];
        for (int i = 0; i < maps.length; i++) {
            values[i] = masks[i] == null || count(masks[i]) == 0 ? Double.NaN : fraction(maps[i], masks[i]);
        }
        return values;
    }

    /** Number of true pixels. */
    static int count(boolean[][] mask) {
        int n = 0;
        for (boolean[] row : mask) {
            for (boolean v : row) {
                if (v) {
                    n++;
                }
            }
        }
        return n;
    }
}

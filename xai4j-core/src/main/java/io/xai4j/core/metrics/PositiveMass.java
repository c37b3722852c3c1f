package io.xai4j.core.metrics;

/** Shares of the non-negative mass max(map, 0) (metrics.md §1 "Map preparation"). */
final class PositiveMass {

    private PositiveMass() {}

    /** Σ_{p∈S} max(m_p, 0) / Σ_p max(m_p, 0); NaN when the map has no positive mass. */
    static double fraction(float[][] map, boolean[][] region) {
        double inside = 0, total = 0;
        for (int y = 0; y < map.length; y++) {
            for (int x = 0; x < map[y].length; x++) {
                double m = Math.max(map[y][x], 0f);
                total += m;
                if (region[y][x]) {
                    inside += m;
                }
            }
        }
        return total > 0 ? inside / total : Double.NaN;
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

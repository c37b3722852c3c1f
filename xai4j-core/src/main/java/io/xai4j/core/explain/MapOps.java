package io.xai4j.core.explain;

/**
 * Map post-processing shared by every explainer (docs/methods/image-explainers.md#raw-maps-and-normalised-maps): bilinear upsampling with
 * half-pixel centres (align_corners = false) and edge clamping, then per-map min–max normalisation.
 */
public final class MapOps {

    private static final double FLAT = 1e-12;

    private MapOps() {}

    /**
     * Replaces NaN and ±Inf by 0 in place.
     *
     * @return true if any value was replaced
     */
    public static boolean sanitise(float[][] map) {
        boolean replaced = false;
        for (float[] row : map) {
            for (int x = 0; x < row.length; x++) {
                if (!Float.isFinite(row[x])) {
                    row[x] = 0f;
                    replaced = true;
                }
            }
        }
        return replaced;
    }

    /**
     * Bilinear resize, PyTorch {@code interpolate(mode="bilinear", align_corners=False)} semantics:
     * source coordinate = (dst + 0.5)·scale − 0.5, clamped below at 0, neighbours clamped to the edge.
     */
    public static float[][] upsampleBilinear(float[][] src, int height, int width) {
        int h = src.length, w = src[0].length;
        float[][] out = new float[height][width];
        if (h == height && w == width) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(src[y], 0, out[y], 0, w);
            }
            return out;
        }
        double sy = (double) h / height, sx = (double) w / width;
        int[] x0 = new int[width], x1 = new int[width];
        double[] fx = new double[width];
        for (int x = 0; x < width; x++) {
            double c = Math.max((x + 0.5) * sx - 0.5, 0);
            x0[x] = Math.min((int) Math.floor(c), w - 1);
            x1[x] = Math.min(x0[x] + 1, w - 1);
            fx[x] = c - x0[x];
        }
        for (int y = 0; y < height; y++) {
            double c = Math.max((y + 0.5) * sy - 0.5, 0);
            int y0 = Math.min((int) Math.floor(c), h - 1);
            int y1 = Math.min(y0 + 1, h - 1);
            double fy = c - y0;
            float[] r0 = src[y0], r1 = src[y1];
            for (int x = 0; x < width; x++) {
                double top = r0[x0[x]] * (1 - fx[x]) + r0[x1[x]] * fx[x];
                double bottom = r1[x0[x]] * (1 - fx[x]) + r1[x1[x]] * fx[x];
                out[y][x] = (float) (top * (1 - fy) + bottom * fy);
            }
        }
        return out;
    }

    /**
     * m' = (m − min)/(max − min) in place; a flat map (max − min &lt; 1e-12) becomes all zeros.
     *
     * @return true if the map was flat (degenerate)
     */
    public static boolean minMaxNormaliseInPlace(float[][] map) {
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (float[] row : map) {
            for (float v : row) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        double range = max - min;
        boolean flat = !(range >= FLAT);
        for (float[] row : map) {
            for (int x = 0; x < row.length; x++) {
                row[x] = flat ? 0f : (float) ((row[x] - min) / range);
            }
        }
        return flat;
    }
}

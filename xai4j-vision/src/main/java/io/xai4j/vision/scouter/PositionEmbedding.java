package io.xai4j.vision.scouter;

/**
 * The normalised sine position embedding of DETR (Carion et al., ECCV 2020) that SCOUTER adds to its keys, for any
 * grid h×w (docs/methods/scouter.md#position-embedding): with F = d/2 and ω_m = 10000^(−2m/F),
 * y_i = (i+1)/(h + 10⁻⁶)·2π and x_j = (j+1)/(w + 10⁻⁶)·2π, channel 2m of the first F is sin(y·ω_m), channel 2m+1
 * cos(y·ω_m); the last F channels are the same in x. A constant without parameters.
 */
public final class PositionEmbedding {

    private static final double EPS = 1e-6;
    private static final double TEMPERATURE = 10000;

    private PositionEmbedding() {}

    /** The embedding as [d][h][w]. */
    public static float[][][] of(int h, int w, int d) {
        if (d % 4 != 0) {
            throw new IllegalArgumentException("the embedding dimension must be a multiple of 4, got " + d);
        }
        int f = d / 2;
        float[][][] pe = new float[d][h][w];
        for (int m = 0; m < f / 2; m++) {
            double omega = Math.pow(TEMPERATURE, -2.0 * m / f);
            for (int i = 0; i < h; i++) {
                double y = (i + 1) / (h + EPS) * 2 * Math.PI * omega;
                for (int j = 0; j < w; j++) {
                    double x = (j + 1) / (w + EPS) * 2 * Math.PI * omega;
                    pe[2 * m][i][j] = (float) Math.sin(y);
                    pe[2 * m + 1][i][j] = (float) Math.cos(y);
                    pe[f + 2 * m][i][j] = (float) Math.sin(x);
                    pe[f + 2 * m + 1][i][j] = (float) Math.cos(x);
                }
            }
        }
        return pe;
    }

    /** The embedding flattened channel-major, [d·h·w]. */
    static float[] flat(int h, int w, int d) {
        float[][][] pe = of(h, w, d);
        float[] out = new float[d * h * w];
        int k = 0;
        for (float[][] c : pe) {
            for (float[] row : c) {
                System.arraycopy(row, 0, out, k, w);
                k += w;
            }
        }
        return out;
    }
}

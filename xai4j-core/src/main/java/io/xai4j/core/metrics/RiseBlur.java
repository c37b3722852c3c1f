package io.xai4j.core.metrics;

/**
 * The blur that starts the insertion curve (docs/methods/image-metrics.md#deletion-and-insertion-auc), as in {@code eclique/RISE}
 * {@code evaluation.py}: {@code gkern(11, 5)} is scipy {@code gaussian_filter} (σ = 5, truncate 4,
 * mode {@code reflect}) applied to an 11×11 unit impulse, which factorises as K = k₁ ⊗ k₁; the image
 * is convolved per channel with K and zero padding 5 ({@code conv2d(x, kern, padding=5)}).
 */
final class RiseBlur {

    static final int TAPS = 11;
    static final double SIGMA = 5;

    private static final double[] K1 = gaussianFilteredImpulse(TAPS, SIGMA);

    private RiseBlur() {}

    /** The 1-D kernel k₁ (11 taps); a fresh copy. */
    static double[] k1() {
        return K1.clone();
    }

    /**
     * scipy {@code gaussian_filter1d(e_{n/2}, sigma)} with {@code truncate = 4} and half-sample
     * reflection: the impulse is extended periodically with period 2n as d c b a | a b c d | d c b a.
     */
    static double[] gaussianFilteredImpulse(int n, double sigma) {
        int radius = (int) (4.0 * sigma + 0.5);
        double[] weights = new double[2 * radius + 1];
        double sum = 0;
        for (int x = -radius; x <= radius; x++) {
            weights[x + radius] = Math.exp(-0.5 * x * x / (sigma * sigma));
            sum += weights[x + radius];
        }
        int centre = n / 2;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            for (int x = -radius; x <= radius; x++) {
                if (reflect(i + x, n) == centre) {
                    out[i] += weights[x + radius] / sum;
                }
            }
        }
        return out;
    }

    private static int reflect(int p, int n) {
        int q = Math.floorMod(p, 2 * n);
        return q < n ? q : 2 * n - 1 - q;
    }

    /**
     * Blurs one image [C,H,W] (row-major, starting at {@code offset}) into {@code out} at the same
     * layout: separable k₁ along rows then columns, zero padding.
     */
    static void blur(float[] image, int offset, int channels, int height, int width, float[] out, int outOffset) {
        int half = TAPS / 2;
        double[] rows = new double[height * width];
        for (int c = 0; c < channels; c++) {
            int base = offset + c * height * width;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double acc = 0;
                    for (int t = 0; t < TAPS; t++) {
                        int xx = x + t - half;
                        if (xx >= 0 && xx < width) {
                            acc += K1[t] * image[base + y * width + xx];
                        }
                    }
                    rows[y * width + x] = acc;
                }
            }
            int outBase = outOffset + c * height * width;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double acc = 0;
                    for (int t = 0; t < TAPS; t++) {
                        int yy = y + t - half;
                        if (yy >= 0 && yy < height) {
                            acc += K1[t] * rows[yy * width + x];
                        }
                    }
                    out[outBase + y * width + x] = (float) acc;
                }
            }
        }
    }
}

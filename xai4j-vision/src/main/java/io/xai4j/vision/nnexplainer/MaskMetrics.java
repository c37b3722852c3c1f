package io.xai4j.vision.nnexplainer;

/**
 * The per-image mask metrics of Stalder et al. (docs/methods/nn-explainer.md#evaluation-nnexplainer-evaluate): a method's mask m in [0,1] against a
 * ground-truth mask s in {0,1} of the same size. Masks are compared as they are, without min–max normalisation.
 */
public final class MaskMetrics {

    /**
     * The binarisation thresholds of the discrete IoU and of the class-specific table: 0.1, 0.2, …, 0.9. Masks are compared
     * with them in single precision ({@code m > (float) t}), as PyTorch compares a float32 mask with a Python scalar: a
     * mask value of 0.2f is not above the threshold 0.2.
     */
    public static final double[] THRESHOLDS = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};

    private static final double EPS = 1e-15;

    private MaskMetrics() {}

    /** Σ min(m, s) / (Σ max(m, s) + 1e-15); higher is better. */
    public static double continuousIou(float[][] m, boolean[][] s) {
        requireSameSize(m, s);
        double inter = 0, union = 0;
        for (int y = 0; y < m.length; y++) {
            for (int x = 0; x < m[y].length; x++) {
                double a = m[y][x], b = s[y][x] ? 1 : 0;
                inter += Math.min(a, b);
                union += Math.max(a, b);
            }
        }
        return inter / (union + EPS);
    }

    /**
     * Mean over the thresholds t of |(m &gt; t) ∧ (s &gt; t)| / (|(m &gt; t) ∨ (s &gt; t)| + 1e-15); an empty
     * ground truth with an empty mask scores 0 at that threshold, as in the official code. Higher is better.
     */
    public static double discreteIou(float[][] m, boolean[][] s) {
        requireSameSize(m, s);
        double sum = 0;
        for (double threshold : THRESHOLDS) {
            float t = (float) threshold;
            long inter = 0, union = 0;
            for (int y = 0; y < m.length; y++) {
                for (int x = 0; x < m[y].length; x++) {
                    boolean a = m[y][x] > t, b = s[y][x];
                    inter += a && b ? 1 : 0;
                    union += a || b ? 1 : 0;
                }
            }
            sum += inter / (union + EPS);
        }
        return sum / THRESHOLDS.length;
    }

    /** (tp + tn) / (tp + tn + fp + fn) with tp = Σ m·s, tn = Σ (1−m)(1−s), fp = Σ m(1−s), fn = Σ (1−m)s; higher is better. */
    public static double softAccuracy(float[][] m, boolean[][] s) {
        requireSameSize(m, s);
        double tp = 0, tn = 0, fp = 0, fn = 0;
        for (int y = 0; y < m.length; y++) {
            for (int x = 0; x < m[y].length; x++) {
                double a = m[y][x], b = s[y][x] ? 1 : 0;
                tp += a * b;
                tn += (1 - a) * (1 - b);
                fp += a * (1 - b);
                fn += (1 - a) * b;
            }
        }
        return (tp + tn) / (tp + tn + fp + fn);
    }

    /** Mean of |m − s|; lower is better. */
    public static double mae(float[][] m, boolean[][] s) {
        requireSameSize(m, s);
        double sum = 0;
        long n = 0;
        for (int y = 0; y < m.length; y++) {
            for (int x = 0; x < m[y].length; x++) {
                sum += Math.abs(m[y][x] - (s[y][x] ? 1 : 0));
                n++;
            }
        }
        return sum / n;
    }

    /**
     * The saliency metric of Dabkowski &amp; Gal: log(max(mean m, 0.05)) − log(max(p, 1e-12)), p the classifier's softmax
     * probability of the target classes on the masked image m ⊙ x; lower is better (a small mask that keeps the class).
     */
    public static double saliency(double meanMask, double targetProbability) {
        return Math.log(Math.max(meanMask, 0.05)) - Math.log(Math.max(targetProbability, 1e-12));
    }

    /** The mean of a mask. */
    public static double mean(float[][] m) {
        double sum = 0;
        long n = 0;
        for (float[] row : m) {
            for (float v : row) {
                sum += v;
                n++;
            }
        }
        return sum / n;
    }

    private static void requireSameSize(float[][] m, boolean[][] s) {
        if (m.length != s.length || m.length == 0 || m[0].length != s[0].length) {
            throw new IllegalArgumentException("mask and ground truth differ in size: " + m.length + "x" + (m.length == 0 ? 0 : m[0].length)
                    + " vs " + s.length + "x" + (s.length == 0 ? 0 : s[0].length));
        }
    }
}

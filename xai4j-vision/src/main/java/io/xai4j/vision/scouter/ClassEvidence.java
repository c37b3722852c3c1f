package io.xai4j.vision.scouter;

import io.xai4j.core.explain.MapOps;

/**
 * What SCOUTER says about one image (docs/methods/scouter.md#explanations): every class's attention map (the spc
 * slot rows of the class summed, h×w), the same maps normalised jointly over all classes, the logits and the
 * evidence sums e·Σ_j A_cj.
 *
 * @param sign e, +1 for SCOUTER+, −1 for SCOUTER−
 * @param maps [K][h][w] the class maps of the last iteration
 * @param joint [K][h][w] (A − min)/(max − min) over all K·h·w values, all 0 when max = min
 * @param logits o [K]
 * @param evidence e·Σ_j A_cj [K]
 */
public record ClassEvidence(int sign, float[][][] maps, float[][][] joint, float[] logits, float[] evidence) {

    /** From the last-iteration attention of one image, [M][N] row-major over the h×w grid. */
    static ClassEvidence of(SlotConfig config, float[] attention, int h, int w, float[] logits) {
        int k = config.numClasses(), spc = config.slotsPerClass(), n = h * w;
        float[][][] maps = new float[k][h][w];
        float[] evidence = new float[k];
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            double sum = 0;
            for (int j = 0; j < n; j++) {
                double v = 0;
                for (int s = 0; s < spc; s++) {
                    v += attention[(c * spc + s) * n + j];
                }
                float stored = (float) v;
                maps[c][j / w][j % w] = stored;
                sum += v;
                min = Math.min(min, stored);
                max = Math.max(max, stored);
            }
            evidence[c] = (float) (config.sign() * sum);
        }
        float[][][] joint = new float[k][h][w];
        double range = max - min;
        for (int c = 0; c < k; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    joint[c][y][x] = range > 0 ? (float) ((maps[c][y][x] - min) / range) : 0f;
                }
            }
        }
        return new ClassEvidence(config.sign(), maps, joint, logits, evidence);
    }

    /** The top-1 class (ties to the lower index). */
    public int predicted() {
        return argmax(logits, true);
    }

    /** The least-similar class: the lowest logit (ties to the lower index). */
    public int leastSimilar() {
        return argmax(logits, false);
    }

    /**
     * The class whose map explains the image: the true class (the predicted one when unlabelled, {@code label} &lt; 0)
     * for SCOUTER+, "why", and the least-similar class for SCOUTER−, "why not".
     */
    public int explainedClass(int label) {
        return sign > 0 ? (label >= 0 ? label : predicted()) : leastSimilar();
    }

    /** Class {@code c}'s jointly normalised map upsampled bilinearly (align-corners false) to {@code size}×{@code size}. */
    public float[][] upsampled(int c, int size) {
        return MapOps.upsampleBilinear(joint[c], size, size);
    }

    /** The area size of class {@code c}: the mean of its jointly normalised map on the grid. */
    public double area(int c) {
        double s = 0;
        int n = 0;
        for (float[] row : joint[c]) {
            for (float v : row) {
                s += v;
                n++;
            }
        }
        return s / n;
    }

    private static int argmax(float[] v, boolean max) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (max ? v[i] > v[best] : v[i] < v[best]) {
                best = i;
            }
        }
        return best;
    }
}

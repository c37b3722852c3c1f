package io.xai4j.vision.pipnet;

import java.util.Arrays;

/**
 * Class-specific score thresholds for out-of-distribution detection and FPR95 (docs/methods/pipnet.md#ood-detection, the
 * official {@code pipnet/test.py} procedure), on scores computed without the 0.1 clamp:
 * t_c = 5th percentile (linear interpolation, position (n−1)·0.05) of max o over ID images predicted c
 * (never-predicted classes get the mean of the others); then, while fewer than 95% of ID images have
 * s ≥ t_ŷ, every t_c is multiplied by 0.999 (at most 100,000 rounds). An image is accepted as ID when
 * its max score reaches the threshold of its predicted class.
 *
 * @param thresholds t_c per class
 * @param rounds how many 0.999 rounds were needed
 * @param tpr accepted share of the calibration (ID) set
 */
public record OodThresholds(double[] thresholds, int rounds, double tpr) {

    static final double PERCENTILE = 0.05;
    static final double TARGET_TPR = 0.95;
    static final int MAX_ROUNDS = 100_000;

    /** Calibrates on ID scores [N][K] (unclamped). */
    public static OodThresholds fit(float[][] idScores) {
        int k = idScores[0].length;
        double[][] byClass = new double[k][];
        int[] counts = new int[k];
        int[] pred = new int[idScores.length];
        double[] s = new double[idScores.length];
        for (int i = 0; i < idScores.length; i++) {
            pred[i] = argmax(idScores[i]);
            s[i] = idScores[i][pred[i]];
            counts[pred[i]]++;
        }
        for (int c = 0; c < k; c++) {
            byClass[c] = new double[counts[c]];
        }
        int[] fill = new int[k];
        for (int i = 0; i < s.length; i++) {
            byClass[pred[i]][fill[pred[i]]++] = s[i];
        }
        double[] t = new double[k];
        double sum = 0;
        int seen = 0;
        for (int c = 0; c < k; c++) {
            if (counts[c] > 0) {
                t[c] = percentile(byClass[c], PERCENTILE);
                sum += t[c];
                seen++;
            }
        }
        for (int c = 0; c < k; c++) {
            if (counts[c] == 0) {
                t[c] = seen == 0 ? 0 : sum / seen;
            }
        }
        int rounds = 0;
        double tpr = acceptedShare(pred, s, t);
        while (tpr < TARGET_TPR && rounds < MAX_ROUNDS) {
            for (int c = 0; c < k; c++) {
                t[c] *= 0.999;
            }
            rounds++;
            tpr = acceptedShare(pred, s, t);
        }
        return new OodThresholds(t, rounds, tpr);
    }

    /** Whether each image is accepted as in-distribution. */
    public boolean[] accept(float[][] scores) {
        boolean[] out = new boolean[scores.length];
        for (int i = 0; i < scores.length; i++) {
            int c = argmax(scores[i]);
            out[i] = scores[i][c] >= thresholds[c];
        }
        return out;
    }

    /** Accepted share of a set: the FPR95 when the set is out-of-distribution. */
    public double acceptedShare(float[][] scores) {
        boolean[] a = accept(scores);
        int n = 0;
        for (boolean b : a) {
            n += b ? 1 : 0;
        }
        return (double) n / a.length;
    }

    /** numpy's default (linear) percentile: position (n−1)·q of the ascending values. */
    static double percentile(double[] values, double q) {
        double[] v = values.clone();
        Arrays.sort(v);
        double pos = (v.length - 1) * q;
        int lo = (int) Math.floor(pos), hi = (int) Math.ceil(pos);
        return v[lo] + (v[hi] - v[lo]) * (pos - lo);
    }

    private static double acceptedShare(int[] pred, double[] s, double[] t) {
        int n = 0;
        for (int i = 0; i < s.length; i++) {
            n += s[i] >= t[pred[i]] ? 1 : 0;
        }
        return (double) n / s.length;
    }

    private static int argmax(float[] row) {
        int best = 0;
        for (int c = 1; c < row.length; c++) {
            if (row[c] > row[best]) {
                best = c;
            }
        }
        return best;
    }
}

package io.xai4j.vision.ppn;

/**
 * The exact-sum closing of docs/methods/posthoc-ppn.md#exact-sum: the first k − 1 prototypes are cast to float32, and the last is
 * v − Σ_{i&lt;k} p̃_i computed in float64 from those float32 values, so the float32 rows sum to v up to one rounding
 * of the last row.
 */
final class ExactSum {

    private ExactSum() {}

    static float[][] close(double[][] rows, double[] v) {
        int k = rows.length, dim = v.length;
        float[][] out = new float[k][dim];
        double[] rest = v.clone();
        for (int i = 0; i < k - 1; i++) {
            for (int d = 0; d < dim; d++) {
                out[i][d] = (float) rows[i][d];
                rest[d] -= out[i][d];
            }
        }
        double worst = 0, vmax = 0;
        for (int d = 0; d < dim; d++) {
            out[k - 1][d] = (float) rest[d];
            double s = 0;
            for (int i = 0; i < k; i++) {
                s += out[i][d];
            }
            worst = Math.max(worst, Math.abs(s - v[d]));
            vmax = Math.max(vmax, Math.abs(v[d]));
        }
        if (worst > 1e-6 * Math.max(1, vmax)) {
            throw new IllegalStateException("the prototypes sum to v_c only within " + worst + " after the float32 cast (> 1e-6·max(1, "
                    + vmax + "))");
        }
        return out;
    }
}

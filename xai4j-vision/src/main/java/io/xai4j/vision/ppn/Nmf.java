package io.xai4j.vision.ppn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Non-negative matrix factorisation V ≈ E·P by the Lee–Seung multiplicative updates for the Frobenius
 * loss (D. Lee, H. S. Seung, "Algorithms for Non-negative Matrix Factorization", NIPS 2000), with the
 * initialisation and stopping rule of Deep Feature Factorization (Collins et al., ECCV 2018, {@code nmf.py})
 * as docs/methods/posthoc-ppn.md#nmf fixes them. Written by hand: Commons Math has no NMF. Float64 throughout.
 *
 * <p>V is n×D row-major (one row per feature-map cell), E is n×k, P is k×D. After fitting, every row of P has
 * unit L2 norm and the matching column of E carries the scale, so E·P is unchanged.
 */
public final class Nmf {

    private static final Logger LOG = LoggerFactory.getLogger(Nmf.class);
    private static final double FLOOR = 1e-7;
    private static final double DEGENERATE = 1e-12;
    private static final int ATTEMPTS = 3;

    /**
     * A factorisation.
     *
     * @param e n×k row-major activations (column i restricted to an image's cells is its part map i)
     * @param p k×D components, unit rows
     * @param relativeError ||V − EP||_F / ||V||_F
     * @param iterations update steps of the kept attempt
     * @param attempts attempts made (a degenerate component triggers a restart)
     * @param degenerate the kept result still has a degenerate component
     * @param errors ||V − EP||_F at initialisation and at every check, in order
     */
    public record Result(double[] e, double[][] p, double relativeError, int iterations, int attempts, boolean degenerate, double[] errors) {}

    private Nmf() {}

    /** The defaults of docs/methods/posthoc-ppn.md#nmf: check every 10 iterations, stop on a relative gain below {@code tolerance}. */
    public static Result fit(double[] v, int rows, int cols, int k, long seed, int maxIterations, double tolerance) {
        return fit(v, rows, cols, k, seed, maxIterations, tolerance, 10);
    }

    static Result fit(double[] v, int rows, int cols, int k, long seed, int maxIterations, double tolerance, int checkEvery) {
        if (v.length != (long) rows * cols) {
            throw new IllegalArgumentException("V has " + v.length + " values, expected " + rows + "×" + cols);
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be ≥ 1, got " + k);
        }
        double norm2 = 0;
        for (double x : v) {
            if (x < 0 || Double.isNaN(x)) {
                throw new IllegalArgumentException("NMF needs non-negative values, got " + x);
            }
            norm2 += x * x;
        }
        Result r = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            r = attempt(v, rows, cols, k, seed + 1000L * attempt, maxIterations, tolerance, checkEvery, norm2, attempt + 1);
            if (!r.degenerate()) {
                return r;
            }
        }
        LOG.warn("NMF kept a degenerate component after {} attempts (k = {}, {} rows)", ATTEMPTS, k, rows);
        return r;
    }

    private static Result attempt(double[] v, int n, int d, int k, long seed, int maxIterations, double tol, int checkEvery, double norm2,
            int attemptNo) {
        SplittableRandom rng = new SplittableRandom(seed);
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        double scale = Math.sqrt(mean / k);
        double[] e = new double[n * k];
        double[] p = new double[k * d];
        for (int i = 0; i < e.length; i++) {
            e[i] = Math.abs(rng.nextGaussian()) * scale;
        }
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.abs(rng.nextGaussian()) * scale;
        }
        List<Double> errors = new ArrayList<>();
        double[] etv = new double[k * d];
        double err0 = error(v, n, d, k, e, p, etv, norm2);
        errors.add(err0);
        double prev = err0;
        int it = 0;
        while (it < maxIterations) {
            step(v, n, d, k, e, p, etv);
            it++;
            if (it % checkEvery == 0) {
                double err = error(v, n, d, k, e, p, etv, norm2);
                errors.add(err);
                boolean stop = err0 == 0 || (prev - err) / err0 < tol;
                prev = err;
                if (stop) {
                    break;
                }
            }
        }
        double err = error(v, n, d, k, e, p, etv, norm2);
        if (it % checkEvery != 0) {
            errors.add(err);
        }
        boolean degenerate = false;
        double[][] rowsP = new double[k][d];
        for (int i = 0; i < k; i++) {
            double rn = 0, emax = 0, pmax = 0;
            for (int j = 0; j < d; j++) {
                rn += p[i * d + j] * p[i * d + j];
                pmax = Math.max(pmax, p[i * d + j]);
            }
            for (int r = 0; r < n; r++) {
                emax = Math.max(emax, e[r * k + i]);
            }
            degenerate |= pmax < DEGENERATE || emax < DEGENERATE;
            rn = Math.sqrt(rn);
            double inv = rn > 0 ? 1 / rn : 0;
            for (int j = 0; j < d; j++) {
                rowsP[i][j] = p[i * d + j] * inv;
            }
            for (int r = 0; r < n; r++) {
                e[r * k + i] *= rn;
            }
        }
        double[] trace = errors.stream().mapToDouble(Double::doubleValue).toArray();
        return new Result(e, rowsP, norm2 == 0 ? 0 : err / Math.sqrt(norm2), it, attemptNo, degenerate, trace);
    }

    /** One multiplicative update of E then of P (docs/methods/posthoc-ppn.md#nmf); leaves EᵀV of the new E in {@code etv}. */
    static void step(double[] v, int n, int d, int k, double[] e, double[] p, double[] etv) {
        // E ← E ⊙ (V Pᵀ) ⊘ (E P Pᵀ)
        double[] ppt = gram(p, k, d);
        double[] vpt = new double[k];
        double[] dens = new double[k];
        for (int r = 0; r < n; r++) {
            int vo = r * d;
            for (int i = 0; i < k; i++) {
                double s = 0;
                int po = i * d;
                for (int j = 0; j < d; j++) {
                    s += v[vo + j] * p[po + j];
                }
                vpt[i] = s;
            }
            int eo = r * k;
            for (int i = 0; i < k; i++) {
                double den = 0;
                for (int l = 0; l < k; l++) {
                    den += e[eo + l] * ppt[l * k + i];
                }
                dens[i] = den;
            }
            for (int i = 0; i < k; i++) { // the row's old values above, so the update is simultaneous
                e[eo + i] *= vpt[i] / (dens[i] == 0 ? FLOOR : dens[i]);
            }
        }
        // P ← P ⊙ (Eᵀ V) ⊘ (Eᵀ E P)
        transposeTimes(v, n, d, k, e, etv);
        double[] ete = new double[k * k];
        for (int r = 0; r < n; r++) {
            int eo = r * k;
            for (int i = 0; i < k; i++) {
                for (int l = 0; l < k; l++) {
                    ete[i * k + l] += e[eo + i] * e[eo + l];
                }
            }
        }
        double[] np = new double[k * d];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < d; j++) {
                double den = 0;
                for (int l = 0; l < k; l++) {
                    den += ete[i * k + l] * p[l * d + j];
                }
                np[i * d + j] = p[i * d + j] * etv[i * d + j] / (den == 0 ? FLOOR : den);
            }
        }
        System.arraycopy(np, 0, p, 0, np.length);
    }

    /** ||V − EP||_F = sqrt(max(0, ||V||² − 2⟨EᵀV, P⟩ + ⟨EᵀE, P Pᵀ⟩)); fills {@code etv} with EᵀV. */
    static double error(double[] v, int n, int d, int k, double[] e, double[] p, double[] etv, double norm2) {
        transposeTimes(v, n, d, k, e, etv);
        double cross = 0;
        for (int i = 0; i < k * d; i++) {
            cross += etv[i] * p[i];
        }
        double[] ete = new double[k * k];
        for (int r = 0; r < n; r++) {
            int eo = r * k;
            for (int i = 0; i < k; i++) {
                for (int l = 0; l < k; l++) {
                    ete[i * k + l] += e[eo + i] * e[eo + l];
                }
            }
        }
        double[] ppt = gram(p, k, d);
        double quad = 0;
        for (int i = 0; i < k * k; i++) {
            quad += ete[i] * ppt[i];
        }
        return Math.sqrt(Math.max(0, norm2 - 2 * cross + quad));
    }

    private static void transposeTimes(double[] v, int n, int d, int k, double[] e, double[] out) {
        java.util.Arrays.fill(out, 0);
        for (int r = 0; r < n; r++) {
            int vo = r * d, eo = r * k;
            for (int i = 0; i < k; i++) {
                double w = e[eo + i];
                if (w == 0) {
                    continue;
                }
                int oo = i * d;
                for (int j = 0; j < d; j++) {
                    out[oo + j] += w * v[vo + j];
                }
            }
        }
    }

    private static double[] gram(double[] p, int k, int d) {
        double[] g = new double[k * k];
        for (int i = 0; i < k; i++) {
            for (int l = i; l < k; l++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += p[i * d + j] * p[l * d + j];
                }
                g[i * k + l] = s;
                g[l * k + i] = s;
            }
        }
        return g;
    }
}

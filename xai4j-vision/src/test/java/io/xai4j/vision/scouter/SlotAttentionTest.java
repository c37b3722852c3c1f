package io.xai4j.vision.scouter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.xai4j.core.runtime.Autograd;
import io.xai4j.core.runtime.Tensors;
import io.xai4j.vision.model.Parameter;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** xSlot against hand values and slow explicit loops (docs/methods/scouter.md). */
class SlotAttentionTest {

    @Test
    void positionEmbeddingOfANonSquareGridEqualsHandValues() {
        float[][][] pe = PositionEmbedding.of(2, 3, 8);
        // F = 4: channels 0..3 are y, 4..7 are x; ω_0 = 1, ω_1 = 10000^(-1/2) = 0.01
        // y of row 0 = 1/2.000001·2π ≈ π, row 1 ≈ 2π; x of columns 0, 1, 2 ≈ 2π/3, 4π/3, 2π
        assertEquals(0.0, pe[0][0][1], 1e-5); // sin π
        assertEquals(-1.0, pe[1][0][2], 1e-5); // cos π
        assertEquals(1.0, pe[1][1][0], 1e-5); // cos 2π
        assertEquals(0.0314108, pe[2][0][0], 1e-5); // sin 0.01π
        assertEquals(0.9995066, pe[3][0][0], 1e-5); // cos 0.01π
        assertEquals(0.0627905, pe[2][1][2], 1e-5); // sin 0.02π
        assertEquals(0.8660254, pe[4][1][0], 1e-5); // sin 2π/3
        assertEquals(-0.8660254, pe[4][0][1], 1e-5); // sin 4π/3
        assertEquals(-0.5, pe[5][0][1], 1e-5); // cos 4π/3
        assertEquals(0.0209424, pe[6][0][0], 1e-5); // sin 0.02π/3
        assertEquals(0.9980267, pe[7][1][2], 1e-5); // cos 0.02π
    }

    @Test
    void gruEqualsAScalarLoopInPyTorchGateOrder() {
        int d = 4, rows = 3;
        try (NDManager m = NDManager.newBaseManager()) {
            SlotGru gru = SlotGru.create(m, "gru", d, new SplittableRandom(5));
            float[][] x = random(rows, d, 11), h = random(rows, d, 12);
            float[][] got = Tensors.toArray2(gru.forward(Tensors.fromArray2(m, x), Tensors.fromArray2(m, h)));
            List<Parameter> p = gru.parameters();
            float[][] wih = Tensors.toArray2(p.get(0).array()), whh = Tensors.toArray2(p.get(1).array());
            float[] bih = p.get(2).array().toFloatArray(), bhh = p.get(3).array().toFloatArray();
            for (int b = 0; b < rows; b++) {
                for (int k = 0; k < d; k++) {
                    double[] gi = new double[3], gh = new double[3];
                    for (int gate = 0; gate < 3; gate++) {
                        int row = gate * d + k;
                        gi[gate] = bih[row];
                        gh[gate] = bhh[row];
                        for (int j = 0; j < d; j++) {
                            gi[gate] += wih[row][j] * x[b][j];
                            gh[gate] += whh[row][j] * h[b][j];
                        }
                    }
                    double r = sigmoid(gi[0] + gh[0]), z = sigmoid(gi[1] + gh[1]), n = Math.tanh(gi[2] + r * gh[2]);
                    double expected = (1 - z) * n + z * h[b][k];
                    assertEquals(expected, got[b][k], 1e-6, "h'[" + b + "][" + k + "]");
                }
            }
        }
    }

    @Test
    void rowRescaleEqualsHandValuesAndStaysFiniteOnAZeroRow() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] got = SlotAttention.rowRescale(m.create(new float[] {1, 2, 3, -1}, new Shape(1, 2, 2))).toFloatArray();
            // rows sum to 3 and 2, the image to 5
            float[] expected = {5f / 3, 10f / 3, 7.5f, -2.5f};
            for (int i = 0; i < 4; i++) {
                assertEquals(expected[i], got[i], 1e-5);
            }
            float[] zero = SlotAttention.rowRescale(m.create(new float[] {1, -1, 2, 3}, new Shape(1, 2, 2))).toFloatArray();
            for (float v : zero) {
                assertTrue(Float.isFinite(v), "a zero row sum must give finite values, got " + v);
            }
            // the zero row is divided by +1e-8 and multiplied by the total 5
            assertEquals(5e8, zero[0], 5e8 * 1e-5);
            assertEquals(2f / 5 * 5, zero[2], 1e-5);
        }
    }

    @Test
    void tinyCaseEqualsExplicitLoopsForBothSigns() {
        for (int sign : new int[] {1, -1}) {
            // d = 4, N = 2×2 = 4, K = 2, spc = 2, C = 3, T = 3, L_k = 2
            SlotConfig config = new SlotConfig(2, 3, 4, 2, 3, 2, sign);
            try (NDManager m = NDManager.newBaseManager()) {
                SlotAttention head = SlotAttention.create(m, config, 7);
                float[] f = new float[2 * 3 * 4];
                SplittableRandom rng = new SplittableRandom(3);
                for (int i = 0; i < f.length; i++) {
                    f[i] = (float) (rng.nextDouble() * 2 - 1);
                }
                SlotAttention.Output out = head.forward(m.create(f, new Shape(2, 3, 2, 2)));
                float[][] logits = Tensors.toArray2(out.logits());
                float[] attention = out.attention().toFloatArray();
                for (int b = 0; b < 2; b++) {
                    Reference ref = new Reference(head, config, f, b, 2, 2);
                    for (int c = 0; c < 2; c++) {
                        assertEquals(ref.logits[c], logits[b][c], 1e-5, "logit of class " + c + ", image " + b + ", sign " + sign);
                    }
                    for (int i = 0; i < config.slots(); i++) {
                        for (int j = 0; j < 4; j++) {
                            assertEquals(ref.attention[i][j], attention[(b * config.slots() + i) * 4 + j], 1e-5, "A[" + i + "][" + j + "]");
                        }
                    }
                    // the logit identity: e·Σ over the class's slots of Σ_j Σ_k A_ij V_jk / d, from the head's own A
                    for (int c = 0; c < 2; c++) {
                        double s = 0;
                        for (int i = c * 2; i < c * 2 + 2; i++) {
                            for (int j = 0; j < 4; j++) {
                                for (int k = 0; k < 4; k++) {
                                    s += attention[(b * config.slots() + i) * 4 + j] * ref.values[j][k] / 4;
                                }
                            }
                        }
                        assertEquals(sign * s, logits[b][c], 1e-5, "signed sum of class " + c);
                    }
                }
            }
        }
    }

    @Test
    void gradientsEqualFiniteDifferences() {
        SlotConfig config = new SlotConfig(2, 3, 4, 1, 3, 2, 1);
        try (NDManager m = NDManager.newBaseManager()) {
            SlotAttention head = SlotAttention.create(m, config, 9);
            float[] f = new float[3 * 6];
            SplittableRandom rng = new SplittableRandom(4);
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) (rng.nextDouble() * 2);
            }
            NDArray features = m.create(f, new Shape(1, 3, 2, 3));
            for (Parameter p : head.parameters()) {
                p.array().setRequiresGradient(true);
            }
            Autograd.run(c -> {
                c.backward(objective(head, features));
                return null;
            });
            for (String name : new String[] {"slot.slots", "slot.project.weight", "slot.key.0.weight", "slot.gru.weight_hh", "slot.gru.bias_ih"}) {
                NDArray w = head.parameters().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow().array();
                float[] grad = w.getGradient().toFloatArray();
                for (int idx : new int[] {0, 3}) {
                    double eps = 1e-2;
                    double plus = perturbed(head, features, w, idx, eps), minus = perturbed(head, features, w, idx, -eps);
                    double numeric = (plus - minus) / (2 * eps);
                    assertEquals(numeric, grad[idx], 2e-3 + 2e-2 * Math.abs(numeric), name + "[" + idx + "]");
                }
            }
            for (Parameter p : head.parameters()) {
                p.array().setRequiresGradient(false);
            }
        }
    }

    /** A scalar that depends on the logits and on the attention: o_0 − 2·o_1 + 3·mean(A). */
    private static NDArray objective(SlotAttention head, NDArray features) {
        SlotAttention.Output out = head.forward(features);
        NDArray weights = features.getManager().create(new float[] {1, -2}).reshape(1, 2);
        return out.logits().mul(weights).sum().add(SlotAttention.area(out.attention()).mul(Tensors.constant(features, 3)));
    }

    private static double perturbed(SlotAttention head, NDArray features, NDArray w, int idx, double eps) {
        float[] v = w.toFloatArray();
        float old = v[idx];
        v[idx] = (float) (old + eps);
        try (NDArray changed = w.getManager().create(v, w.getShape())) {
            Tensors.copyInto(changed, w);
        }
        double out;
        try (ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope()) {
            scope.suppressNotUsedWarning();
            out = objective(head, features).getFloat();
        }
        v[idx] = old;
        try (NDArray back = w.getManager().create(v, w.getShape())) {
            Tensors.copyInto(back, w);
        }
        return out;
    }

    /** The forward pass of one image written as explicit loops in double precision. */
    private static final class Reference {
        final double[][] values;
        final double[][] attention;
        final double[] logits;

        Reference(SlotAttention head, SlotConfig cfg, float[] features, int image, int h, int w) {
            int c = cfg.channels(), d = cfg.dim(), n = h * w, mSlots = cfg.slots();
            List<Parameter> p = head.parameters();
            float[] conv = param(p, "slot.project.weight"), convBias = param(p, "slot.project.bias");
            values = new double[n][d];
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < d; k++) {
                    double s = convBias[k];
                    for (int ch = 0; ch < c; ch++) {
                        s += conv[k * c + ch] * features[(image * c + ch) * n + j];
                    }
                    values[j][k] = Math.max(0, s);
                }
            }
            float[][][] pe = PositionEmbedding.of(h, w, d);
            double[][] keys = new double[n][d];
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < d; k++) {
                    keys[j][k] = values[j][k] + pe[k][j / w][j % w];
                }
            }
            for (int l = 0; l < cfg.keyLayers(); l++) {
                float[] wl = param(p, "slot.key." + l + ".weight"), bl = param(p, "slot.key." + l + ".bias");
                double[][] next = new double[n][d];
                for (int j = 0; j < n; j++) {
                    for (int o = 0; o < d; o++) {
                        double s = bl[o];
                        for (int k = 0; k < d; k++) {
                            s += wl[o * d + k] * (l > 0 ? Math.max(0, keys[j][k]) : keys[j][k]);
                        }
                        next[j][o] = s;
                    }
                }
                keys = next;
            }
            float[] slotInit = param(p, "slot.slots");
            double[][] slots = new double[mSlots][d];
            for (int i = 0; i < mSlots; i++) {
                for (int k = 0; k < d; k++) {
                    slots[i][k] = slotInit[i * d + k];
                }
            }
            float[] wih = param(p, "slot.gru.weight_ih"), whh = param(p, "slot.gru.weight_hh");
            float[] bih = param(p, "slot.gru.bias_ih"), bhh = param(p, "slot.gru.bias_hh");
            double[][] a = null, u = null;
            for (int t = 1; t <= cfg.iterations(); t++) {
                double[][] dots = new double[mSlots][n];
                double total = 0;
                double[] rows = new double[mSlots];
                for (int i = 0; i < mSlots; i++) {
                    for (int j = 0; j < n; j++) {
                        double s = 0;
                        for (int k = 0; k < d; k++) {
                            s += slots[i][k] * keys[j][k];
                        }
                        dots[i][j] = s / Math.sqrt(d);
                        rows[i] += dots[i][j];
                        total += dots[i][j];
                    }
                }
                a = new double[mSlots][n];
                u = new double[mSlots][d];
                for (int i = 0; i < mSlots; i++) {
                    double den = Math.abs(rows[i]) >= 1e-8 ? rows[i] : (rows[i] >= 0 ? 1e-8 : -1e-8);
                    for (int j = 0; j < n; j++) {
                        a[i][j] = sigmoid(dots[i][j] / den * total);
                    }
                    for (int k = 0; k < d; k++) {
                        double s = 0;
                        for (int j = 0; j < n; j++) {
                            s += a[i][j] * values[j][k];
                        }
                        u[i][k] = s / d;
                    }
                }
                if (t < cfg.iterations()) {
                    double[][] next = new double[mSlots][d];
                    for (int i = 0; i < mSlots; i++) {
                        for (int k = 0; k < d; k++) {
                            double[] gi = new double[3], gh = new double[3];
                            for (int g = 0; g < 3; g++) {
                                gi[g] = bih[g * d + k];
                                gh[g] = bhh[g * d + k];
                                for (int q = 0; q < d; q++) {
                                    gi[g] += wih[(g * d + k) * d + q] * u[i][q];
                                    gh[g] += whh[(g * d + k) * d + q] * slots[i][q];
                                }
                            }
                            double r = sigmoid(gi[0] + gh[0]), z = sigmoid(gi[1] + gh[1]), nn = Math.tanh(gi[2] + r * gh[2]);
                            next[i][k] = (1 - z) * nn + z * slots[i][k];
                        }
                    }
                    slots = next;
                }
            }
            attention = a;
            logits = new double[cfg.numClasses()];
            for (int i = 0; i < mSlots; i++) {
                for (int k = 0; k < d; k++) {
                    logits[i / cfg.slotsPerClass()] += cfg.sign() * u[i][k];
                }
            }
        }

        private static float[] param(List<Parameter> p, String name) {
            return p.stream().filter(q -> q.name().equals(name)).findFirst().orElseThrow().array().toFloatArray();
        }
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static float[][] random(int rows, int cols, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] out = new float[rows][cols];
        for (float[] r : out) {
            for (int j = 0; j < cols; j++) {
                r[j] = (float) (rng.nextDouble() * 2 - 1);
            }
        }
        return out;
    }
}

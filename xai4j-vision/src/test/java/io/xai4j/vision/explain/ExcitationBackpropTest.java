package io.xai4j.vision.explain;

import io.xai4j.core.explain.Targets;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.xai4j.core.explain.Attribution;
import io.xai4j.core.runtime.Tensors;
import io.xai4j.vision.model.BatchNorm2d;
import io.xai4j.vision.model.CnnClassifier;
import io.xai4j.vision.model.Conv2d;
import io.xai4j.vision.model.Linear;
import io.xai4j.vision.model.Residual;
import io.xai4j.vision.model.Sequential;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Excitation Backprop against a slow per-connection reference (explicit loops in double precision,
 * Zennit-style) on a tiny net with a strided padded convolution, overlapping max-pooling, a residual
 * sum, average pooling, global pooling and a linear layer; plus the mass invariants.
 */
class ExcitationBackpropTest {

    private static NDManager manager;
    private static CnnClassifier model;

    @BeforeAll
    static void setUp() {
        manager = NDManager.newBaseManager();
        model = TinyNets.create(manager, 3);
    }

    @AfterAll
    static void tearDown() {
        manager.close();
    }

    @Test
    void fastPassEqualsPerConnectionReference() {
        NDArray x = TinyNets.images(manager, 2, 21);
        int nonTrivial = 0;
        for (int target = 0; target < 3; target++) {
            int[] t = {target, target};
            Attribution eb = ExcitationBackprop.builder().setModel(model).optReadoutLayer("c1").build().explain(x, t);
            for (int b = 0; b < 2; b++) {
                double[][][] ref = new Reference(model).excitation(GradientExplainersTest.toChw(x.get(b).expandDims(0)), t[b]);
                double total = 0;
                for (int i = 0; i < ref[0].length; i++) {
                    for (int j = 0; j < ref[0][0].length; j++) {
                        double expected = 0;
                        for (double[][] channel : ref) {
                            expected += channel[i][j];
                        }
                        total += expected;
                        assertEquals(expected, eb.raw()[b][i][j], 1e-5 + 1e-4 * expected,
                                "EB read-out at (" + i + "," + j + "), image " + b + ", class " + target);
                    }
                }
                nonTrivial += total > 0.5 ? 1 : 0;
            }
        }
        assertTrue(nonTrivial >= 3, "test is vacuous: only " + nonTrivial + " of 6 cases carry EB mass");
    }

    @Test
    void massIsConservedUpToDroppedMassAndNonNegative() {
        NDArray x = TinyNets.images(manager, 4, 22);
        for (String readout : List.of("c1", "p1", "res", "c2")) {
            Attribution eb = ExcitationBackprop.builder().setModel(model).optReadoutLayer(readout).build().explain(x, Targets.top1());
            double[] dropped = (double[]) eb.params().get("droppedMass");
            for (int b = 0; b < 4; b++) {
                double sum = 0;
                for (float[] row : eb.raw()[b]) {
                    for (float v : row) {
                        assertTrue(v >= -1e-7, "EB signal must be non-negative, got " + v);
                        sum += v;
                    }
                }
                assertEquals(1.0, sum + dropped[b], 1e-4, "Σ P + dropped at read-out " + readout);
            }
        }
    }

    @Test
    void contrastiveSignalSumsToZeroBelowContrastLayer() {
        NDArray x = TinyNets.images(manager, 3, 23);
        Attribution ceb = ExcitationBackprop.builder().setModel(model).optContrastive(true).optReadoutLayer("res").build()
                .explain(x, new int[] {0, 1, 2});
        double[] total = (double[]) ceb.params().get("signalTotal");
        double[] dropped = (double[]) ceb.params().get("droppedMass");
        for (int b = 0; b < 3; b++) {
            assertEquals(0.0, total[b] + dropped[b], 1e-5, "Σ D below the contrast layer, image " + b);
            for (float[] row : ceb.raw()[b]) {
                for (float v : row) {
                    assertTrue(v >= 0, "c-EB map must be non-negative");
                }
            }
        }
    }

    @Test
    void contrastiveEqualsPlainWhenClassifierRowIsNonNegative() {
        try (NDManager m = NDManager.newBaseManager()) {
            CnnClassifier net = TinyNets.create(m, 5);
            Linear fc = (Linear) net.net().children().get(6);
            Tensors.copyInto(fc.weight().abs(), fc.weight());
            NDArray x = TinyNets.images(m, 2, 24);
            Attribution eb = ExcitationBackprop.builder().setModel(net).optReadoutLayer("res").build().explain(x, new int[] {1, 2});
            Attribution ceb = ExcitationBackprop.builder().setModel(net).optReadoutLayer("res").optContrastive(true).build()
                    .explain(x, new int[] {1, 2});
            for (int b = 0; b < 2; b++) {
                for (int i = 0; i < eb.raw()[b].length; i++) {
                    for (int j = 0; j < eb.raw()[b][0].length; j++) {
                        assertEquals(eb.raw()[b][i][j], ceb.raw()[b][i][j], 1e-6);
                    }
                }
            }
        }
    }

    @Test
    void contrastiveDroppedMassBalancesTheSignalWhenTheDualLosesItsMass() {
        // With W ≥ 0 the dual unit's weights −W are all ≤ 0: the dual's whole mass is dropped at the classifier,
        // so D = P − 0 carries mass 1 and droppedMass must be −1 (+ what D itself drops): Σ D + dropped = 0.
        try (NDManager m = NDManager.newBaseManager()) {
            CnnClassifier net = TinyNets.create(m, 5);
            Linear fc = (Linear) net.net().children().get(6);
            Tensors.copyInto(fc.weight().abs(), fc.weight());
            Attribution ceb = ExcitationBackprop.builder().setModel(net).optReadoutLayer("res").optContrastive(true).build()
                    .explain(TinyNets.images(m, 2, 24), new int[] {1, 2});
            double[] total = (double[]) ceb.params().get("signalTotal");
            double[] dropped = (double[]) ceb.params().get("droppedMass");
            for (int b = 0; b < 2; b++) {
                assertEquals(0.0, total[b] + dropped[b], 1e-5, "image " + b);
                assertTrue(total[b] > 0.5, "the target's mass reaches the read-out: " + total[b]);
            }
        }
    }

    @Test
    void massDroppedByAStandAloneBatchNormIsCounted() {
        // conv → ReLU → BatchNorm (γ of both signs, β > 0 so every channel's output is positive) → GAP → fc (W > 0):
        // mass reaches the negative-γ channel and the stand-alone BatchNorm rule drops it; Σ P + dropped = 1.
        try (NDManager m = NDManager.newBaseManager()) {
            java.util.SplittableRandom rng = new java.util.SplittableRandom(9);
            Conv2d conv = new Conv2d("c", m.create(TinyNets.normal(rng, 3 * TinyNets.IN * 9, 0.5),
                    new ai.djl.ndarray.types.Shape(3, TinyNets.IN, 3, 3)), null, 1, 1, 1, 1);
            ai.djl.ndarray.types.Shape c3 = new ai.djl.ndarray.types.Shape(3);
            BatchNorm2d bn = new BatchNorm2d("bn", m.create(new float[] {1.2f, -0.8f, 0.6f}, c3), m.create(new float[] {0.5f, 3f, 0.4f}, c3),
                    m.create(new float[] {0.1f, 0.2f, 0f}, c3), m.create(new float[] {1f, 0.5f, 2f}, c3));
            Linear fc = new Linear("fc", m.create(new float[] {1f, 2f, 0.5f, 0.3f, 1f, 1f}, new ai.djl.ndarray.types.Shape(2, 3)),
                    m.create(new float[2], new ai.djl.ndarray.types.Shape(2)));
            Sequential seq = new Sequential(List.of("c", "r", "bn", "pool", "fc"),
                    List.of(conv, new io.xai4j.vision.model.Relu(), bn, new io.xai4j.vision.model.GlobalAvgPool(), fc));
            CnnClassifier net = new CnnClassifier(m, seq, "bn", List.of("a", "b"), new int[] {TinyNets.IN, TinyNets.SIZE, TinyNets.SIZE});
            Attribution eb = ExcitationBackprop.builder().setModel(net).optReadoutLayer("r").build()
                    .explain(TinyNets.images(m, 2, 31), new int[] {0, 1});
            double[] total = (double[]) eb.params().get("signalTotal");
            double[] dropped = (double[]) eb.params().get("droppedMass");
            for (int b = 0; b < 2; b++) {
                assertEquals(1.0, total[b] + dropped[b], 1e-4, "image " + b);
                assertTrue(dropped[b] > 0.05, "the negative-γ channel's mass is dropped: " + dropped[b]);
            }
        }
    }

    private static float[][][] raw(CnnClassifier net, NDArray x, boolean contrastive, ExcitationBackprop.BatchNormMode mode) {
        return ExcitationBackprop.builder().setModel(net).optReadoutLayer("res").optContrastive(contrastive).optBatchNormMode(mode).build()
                .explain(x, new int[] {0, 2}).raw();
    }

    @Test
    void batchNormPassthroughEqualsFoldingForPositiveScalesAndDiffersForANegativeOne() {
        try (NDManager m = NDManager.newBaseManager()) {
            CnnClassifier net = TinyNets.create(m, 8);
            NDArray x = TinyNets.images(m, 2, 41);
            // TinyNets' γ are all positive: a positive per-channel scale cancels in P / N, so the modes agree
            for (boolean contrastive : new boolean[] {false, true}) {
                float[][][] fold = raw(net, x, contrastive, ExcitationBackprop.BatchNormMode.FOLD);
                float[][][] pass = raw(net, x, contrastive, ExcitationBackprop.BatchNormMode.PASSTHROUGH);
                for (int b = 0; b < 2; b++) {
                    for (int i = 0; i < fold[b].length; i++) {
                        assertArrayEquals(fold[b][i], pass[b][i], 1e-5f, "contrastive " + contrastive);
                    }
                }
            }
            // a negative γ in c2's BatchNorm (β large, so channel 0 stays active, and the classifier's weights on it
            // positive, so signal reaches it): folding flips that channel's weights (W⁺ changes), passthrough does not
            BatchNorm2d bn = (BatchNorm2d) ((Sequential) net.net().children().get(3)).children().get(1);
            NDArray gamma = bn.parameters().get(0).array(), beta = bn.parameters().get(1).array();
            float[] g = gamma.toFloatArray(), be = beta.toFloatArray();
            g[0] = -g[0];
            be[0] = 3f;
            Tensors.copyInto(m.create(g), gamma);
            Tensors.copyInto(m.create(be), beta);
            Linear fc = (Linear) net.net().children().get(6);
            float[] w = fc.weight().toFloatArray();
            for (int c = 0; c < 3; c++) {
                w[c * 4] = Math.abs(w[c * 4]) + 0.5f;
            }
            Tensors.copyInto(m.create(w, fc.weight().getShape()), fc.weight());
            float[][][] fold = raw(net, x, false, ExcitationBackprop.BatchNormMode.FOLD);
            Attribution pass = ExcitationBackprop.builder().setModel(net).optReadoutLayer("res")
                    .optBatchNormMode(ExcitationBackprop.BatchNormMode.PASSTHROUGH).build().explain(x, new int[] {0, 2});
            double diff = 0;
            for (int b = 0; b < 2; b++) {
                for (int i = 0; i < fold[b].length; i++) {
                    for (int j = 0; j < fold[b][i].length; j++) {
                        diff = Math.max(diff, Math.abs(fold[b][i][j] - pass.raw()[b][i][j]));
                    }
                }
                double total = ((double[]) pass.params().get("signalTotal"))[b], dropped = ((double[]) pass.params().get("droppedMass"))[b];
                assertEquals(1.0, total + dropped, 1e-5, "passthrough conserves mass, image " + b);
            }
            assertTrue(diff > 1e-3, "a negative scale makes the modes differ: " + diff);
            assertEquals("passthrough", pass.params().get("batchNorm"));
        }
    }

    @Test
    void readOutLayerMustBeAFeatureLayer() {
        for (String head : List.of("pool", "fc", "nope")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ExcitationBackprop.builder().setModel(model).optReadoutLayer(head).build());
            assertTrue(e.getMessage().startsWith("no layer '" + head + "'") && e.getMessage().contains(model.layers().toString()), e.getMessage());
        }
    }

    @Test
    void opaqueModelIsRefusedWithDocumentedError() {
        var opaque = new OpaqueView(model);
        UnsupportedModelException e = assertThrows(UnsupportedModelException.class,
                () -> ExcitationBackprop.builder().setModel(opaque).build());
        assertTrue(e.getMessage().contains("needs the layer structure"), e.getMessage());
    }

    /** Slow reference: explicit forward and per-connection MWP in double precision for one image. */
    static final class Reference {
        private final CnnClassifier net;

        Reference(CnnClassifier net) {
            this.net = net;
        }

        /** Signal at the output of "c1" for class t. */
        double[][][] excitation(float[][][] image, int t) {
            List<io.xai4j.vision.model.Layer> ch = net.net().children();
            Sequential c1 = (Sequential) ch.get(0);
            Sequential res = (Sequential) ch.get(2);
            Residual block = (Residual) res.children().get(0);
            Sequential c2 = (Sequential) ch.get(3);
            Linear fc = (Linear) ch.get(6);
            double[][][] x0 = toDouble(image);
            double[][][] a1 = relu(convBn(x0, c1, 0));
            double[][][] a2 = maxPool(a1, 3, 2, 1);
            double[][][] m1 = relu(convBn(a2, block.main(), 0));
            double[][][] m2 = convBn(m1, block.main(), 3);
            double[][][] a3 = relu(add(m2, a2));
            double[][][] a4 = relu(convBn(a3, c2, 0));
            double[][][] a5 = avgPool(a4, 2, 1);
            double[] e = new double[a5.length];
            for (int k = 0; k < e.length; k++) {
                e[k] = sum(a5[k]) / (a5[k].length * a5[k][0].length);
            }
            float[][] w = Tensors.toArray2(fc.weight());
            // linear: P_in[k] = e_k W⁺[t,k] / Σ_j e_j W⁺[t,j]
            double z = 0;
            for (int k = 0; k < e.length; k++) {
                z += e[k] * Math.max(0, w[t][k]);
            }
            double[] pe = new double[e.length];
            for (int k = 0; k < e.length; k++) {
                pe[k] = z > 0 ? e[k] * Math.max(0, w[t][k]) / z : 0;
            }
            double[][][] p5 = new double[a5.length][a5[0].length][a5[0][0].length];
            for (int k = 0; k < a5.length; k++) {
                double s = sum(a5[k]);
                for (int i = 0; i < a5[k].length; i++) {
                    for (int j = 0; j < a5[k][0].length; j++) {
                        p5[k][i][j] = s > 0 ? a5[k][i][j] * pe[k] / s : 0;
                    }
                }
            }
            double[][][] p4 = ebAvgPool(a4, p5, 2, 1);
            double[][][] p3 = ebConv(a3, p4, foldedPositive(c2, 0), 2, 1);
            // residual split by positive parts (both branches are ≥ 0 after ReLU of their inputs? not m2)
            double[][][] pm = new double[p3.length][p3[0].length][p3[0][0].length];
            double[][][] ps = new double[p3.length][p3[0].length][p3[0][0].length];
            for (int c = 0; c < p3.length; c++) {
                for (int i = 0; i < p3[0].length; i++) {
                    for (int j = 0; j < p3[0][0].length; j++) {
                        double am = Math.max(0, m2[c][i][j]), as = Math.max(0, a2[c][i][j]);
                        double d = am + as;
                        pm[c][i][j] = d > 0 ? p3[c][i][j] * am / d : 0;
                        ps[c][i][j] = d > 0 ? p3[c][i][j] * as / d : 0;
                    }
                }
            }
            double[][][] pm1 = ebConv(m1, pm, foldedPositive(block.main(), 3), 1, 1);
            double[][][] pa2 = add(ebConv(a2, pm1, foldedPositive(block.main(), 0), 1, 1), ps);
            return ebMaxPool(a1, pa2, 3, 2, 1);
        }

        private double[][][][] foldedPositive(Sequential seq, int convIndex) {
            Conv2d conv = (Conv2d) seq.children().get(convIndex);
            BatchNorm2d bn = (BatchNorm2d) seq.children().get(convIndex + 1);
            double[] s = fold(bn)[0];
            double[][][][] w = weights(conv);
            for (int o = 0; o < w.length; o++) {
                for (double[][] plane : w[o]) {
                    for (double[] row : plane) {
                        for (int v = 0; v < row.length; v++) {
                            row[v] = Math.max(0, row[v] * s[o]);
                        }
                    }
                }
            }
            return w;
        }

        private double[][][] convBn(double[][][] x, Sequential seq, int convIndex) {
            Conv2d conv = (Conv2d) seq.children().get(convIndex);
            BatchNorm2d bn = (BatchNorm2d) seq.children().get(convIndex + 1);
            double[][][] y = conv(x, weights(conv), conv.stride(), conv.padding());
            double[][] sb = fold(bn);
            double[] s = sb[0], b = sb[1];
            for (int o = 0; o < y.length; o++) {
                for (double[] row : y[o]) {
                    for (int j = 0; j < row.length; j++) {
                        row[j] = row[j] * s[o] + b[o];
                    }
                }
            }
            return y;
        }

        /**
         * Eval-mode BatchNorm as y = s·x + b, from γ, β and the running statistics with PyTorch's ε = 1e-5, written out
         * here rather than taken from {@link BatchNorm2d#scale()} / {@link BatchNorm2d#shift()}, which it checks.
         */
        private static double[][] fold(BatchNorm2d bn) {
            java.util.Map<String, float[]> p = new java.util.HashMap<>();
            for (io.xai4j.vision.model.Parameter q : bn.parameters()) {
                p.put(q.name().substring(q.name().lastIndexOf('.') + 1), q.array().toFloatArray());
            }
            float[] gamma = p.get("weight"), beta = p.get("bias"), mean = p.get("running_mean"), var = p.get("running_var");
            double[][] sb = new double[2][gamma.length];
            for (int c = 0; c < gamma.length; c++) {
                sb[0][c] = gamma[c] / Math.sqrt(var[c] + 1e-5);
                sb[1][c] = beta[c] - mean[c] * sb[0][c];
            }
            return sb;
        }

        private static double[][][][] weights(Conv2d conv) {
            long[] sh = conv.weight().getShape().getShape();
            float[] f = conv.weight().toFloatArray();
            double[][][][] w = new double[(int) sh[0]][(int) sh[1]][(int) sh[2]][(int) sh[3]];
            int i = 0;
            for (double[][][] a : w) {
                for (double[][] b : a) {
                    for (double[] c : b) {
                        for (int d = 0; d < c.length; d++) {
                            c[d] = f[i++];
                        }
                    }
                }
            }
            return w;
        }

        static double[][][] conv(double[][][] x, double[][][][] w, int stride, int pad) {
            int k = w[0][0].length, h = x[0].length, wd = x[0][0].length;
            int ho = (h + 2 * pad - k) / stride + 1, wo = (wd + 2 * pad - k) / stride + 1;
            double[][][] y = new double[w.length][ho][wo];
            for (int o = 0; o < w.length; o++) {
                for (int i = 0; i < ho; i++) {
                    for (int j = 0; j < wo; j++) {
                        for (int c = 0; c < x.length; c++) {
                            for (int u = 0; u < k; u++) {
                                for (int v = 0; v < k; v++) {
                                    int yy = i * stride + u - pad, xx = j * stride + v - pad;
                                    if (yy >= 0 && yy < h && xx >= 0 && xx < wd) {
                                        y[o][i][j] += x[c][yy][xx] * w[o][c][u][v];
                                    }
                                }
                            }
                        }
                    }
                }
            }
            return y;
        }

        /** Zhang's rule per connection: P_in[c,y,x] = Σ x·w⁺·P_out/N over the outputs it feeds. */
        static double[][][] ebConv(double[][][] x, double[][][] pOut, double[][][][] wPlus, int stride, int pad) {
            double[][][] n = conv(x, wPlus, stride, pad);
            int k = wPlus[0][0].length, h = x[0].length, wd = x[0][0].length;
            double[][][] pIn = new double[x.length][h][wd];
            for (int o = 0; o < n.length; o++) {
                for (int i = 0; i < n[0].length; i++) {
                    for (int j = 0; j < n[0][0].length; j++) {
                        if (n[o][i][j] <= 0) {
                            continue;
                        }
                        for (int c = 0; c < x.length; c++) {
                            for (int u = 0; u < k; u++) {
                                for (int v = 0; v < k; v++) {
                                    int yy = i * stride + u - pad, xx = j * stride + v - pad;
                                    if (yy >= 0 && yy < h && xx >= 0 && xx < wd) {
                                        pIn[c][yy][xx] += x[c][yy][xx] * wPlus[o][c][u][v] * pOut[o][i][j] / n[o][i][j];
                                    }
                                }
                            }
                        }
                    }
                }
            }
            return pIn;
        }

        static double[][][] maxPool(double[][][] x, int k, int s, int pad) {
            int h = x[0].length, w = x[0][0].length, ho = (h + 2 * pad - k) / s + 1, wo = (w + 2 * pad - k) / s + 1;
            double[][][] y = new double[x.length][ho][wo];
            for (int c = 0; c < x.length; c++) {
                for (int i = 0; i < ho; i++) {
                    for (int j = 0; j < wo; j++) {
                        int[] a = argmax(x[c], i * s - pad, j * s - pad, k);
                        y[c][i][j] = x[c][a[0]][a[1]];
                    }
                }
            }
            return y;
        }

        static double[][][] ebMaxPool(double[][][] x, double[][][] pOut, int k, int s, int pad) {
            double[][][] pIn = new double[x.length][x[0].length][x[0][0].length];
            for (int c = 0; c < x.length; c++) {
                for (int i = 0; i < pOut[0].length; i++) {
                    for (int j = 0; j < pOut[0][0].length; j++) {
                        int[] a = argmax(x[c], i * s - pad, j * s - pad, k);
                        pIn[c][a[0]][a[1]] += pOut[c][i][j];
                    }
                }
            }
            return pIn;
        }

        /** First maximum in row-major order inside the window (padding excluded). */
        private static int[] argmax(double[][] x, int y0, int x0, int k) {
            int[] best = null;
            for (int u = 0; u < k; u++) {
                for (int v = 0; v < k; v++) {
                    int yy = y0 + u, xx = x0 + v;
                    if (yy >= 0 && yy < x.length && xx >= 0 && xx < x[0].length
                            && (best == null || x[yy][xx] > x[best[0]][best[1]])) {
                        best = new int[] {yy, xx};
                    }
                }
            }
            return best;
        }

        static double[][][] avgPool(double[][][] x, int k, int s) {
            int ho = (x[0].length - k) / s + 1, wo = (x[0][0].length - k) / s + 1;
            double[][][] y = new double[x.length][ho][wo];
            for (int c = 0; c < x.length; c++) {
                for (int i = 0; i < ho; i++) {
                    for (int j = 0; j < wo; j++) {
                        for (int u = 0; u < k; u++) {
                            for (int v = 0; v < k; v++) {
                                y[c][i][j] += x[c][i * s + u][j * s + v] / (k * k);
                            }
                        }
                    }
                }
            }
            return y;
        }

        static double[][][] ebAvgPool(double[][][] x, double[][][] pOut, int k, int s) {
            double[][][] pIn = new double[x.length][x[0].length][x[0][0].length];
            for (int c = 0; c < x.length; c++) {
                for (int i = 0; i < pOut[0].length; i++) {
                    for (int j = 0; j < pOut[0][0].length; j++) {
                        double sum = 0;
                        for (int u = 0; u < k; u++) {
                            for (int v = 0; v < k; v++) {
                                sum += x[c][i * s + u][j * s + v];
                            }
                        }
                        if (sum <= 0) {
                            continue;
                        }
                        for (int u = 0; u < k; u++) {
                            for (int v = 0; v < k; v++) {
                                pIn[c][i * s + u][j * s + v] += x[c][i * s + u][j * s + v] * pOut[c][i][j] / sum;
                            }
                        }
                    }
                }
            }
            return pIn;
        }

        private static double[][][] relu(double[][][] x) {
            for (double[][] p : x) {
                for (double[] r : p) {
                    for (int j = 0; j < r.length; j++) {
                        r[j] = Math.max(0, r[j]);
                    }
                }
            }
            return x;
        }

        private static double[][][] add(double[][][] a, double[][][] b) {
            double[][][] y = new double[a.length][a[0].length][a[0][0].length];
            for (int c = 0; c < a.length; c++) {
                for (int i = 0; i < a[0].length; i++) {
                    for (int j = 0; j < a[0][0].length; j++) {
                        y[c][i][j] = a[c][i][j] + b[c][i][j];
                    }
                }
            }
            return y;
        }

        private static double sum(double[][] p) {
            double s = 0;
            for (double[] r : p) {
                for (double v : r) {
                    s += v;
                }
            }
            return s;
        }

        private static double[][][] toDouble(float[][][] f) {
            double[][][] d = new double[f.length][f[0].length][f[0][0].length];
            for (int c = 0; c < f.length; c++) {
                for (int i = 0; i < f[0].length; i++) {
                    for (int j = 0; j < f[0][0].length; j++) {
                        d[c][i][j] = f[c][i][j];
                    }
                }
            }
            return d;
        }
    }
}

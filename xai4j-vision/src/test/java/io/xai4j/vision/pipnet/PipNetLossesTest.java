package io.xai4j.vision.pipnet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.xai4j.core.runtime.Autograd;
import org.junit.jupiter.api.Test;

/** The three losses of docs/methods/pipnet.md#losses on hand-computed tiny tensors, and the stop-gradient of L_A. */
class PipNetLossesTest {

    @Test
    void alignmentOfIdenticalOneHotViewsIsZero() {
        try (NDManager m = NDManager.newBaseManager()) {
            // B=1, D=3, H=1, W=2: cell 0 is prototype 2, cell 1 is prototype 0, in both views
            NDArray z = m.create(new float[] {0, 1, 0, 0, 1, 0}, new Shape(1, 3, 1, 2));
            assertEquals(0.0, PipNetLosses.alignment(z, z.duplicate()).getFloat(), 1e-9);
        }
    }

    @Test
    void alignmentMatchesHandComputedValue() {
        try (NDManager m = NDManager.newBaseManager()) {
            // D=2, two cells: u = (0.5,0.5),(0.9,0.1); v = (0.8,0.2),(0.3,0.7)
            NDArray u = m.create(new float[] {0.5f, 0.9f, 0.5f, 0.1f}, new Shape(1, 2, 1, 2));
            NDArray v = m.create(new float[] {0.8f, 0.3f, 0.2f, 0.7f}, new Shape(1, 2, 1, 2));
            double dot0 = 0.5 * 0.8 + 0.5 * 0.2, dot1 = 0.9 * 0.3 + 0.1 * 0.7;
            double expected = -(Math.log(dot0 + 1e-12) + Math.log(dot1 + 1e-12)) / 2; // both directions have the same dots
            assertEquals(expected, PipNetLosses.alignment(u, v).getFloat(), 1e-6);
        }
    }

    @Test
    void tanhLossOfAbsentPrototypesIsMinusLogEpsilonAndMatchesHandValue() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray zero = m.zeros(new Shape(4, 5));
            assertEquals(-Math.log(1e-8), PipNetLosses.tanh(zero, zero).getFloat(), 1e-3);
            NDArray p1 = m.create(new float[] {0.5f, 0.2f, 0.3f, 0f}, new Shape(2, 2)); // column sums 0.8, 0.2
            NDArray p2 = m.create(new float[] {1f, 1f, 1f, 1f}, new Shape(2, 2)); // column sums 2, 2
            double t1 = -(Math.log(Math.tanh(0.8) + 1e-8) + Math.log(Math.tanh(0.2) + 1e-8)) / 2;
            double t2 = -Math.log(Math.tanh(2) + 1e-8);
            assertEquals((t1 + t2) / 2, PipNetLosses.tanh(p1, p2).getFloat(), 1e-6);
        }
    }

    @Test
    void classificationLossOfZeroScoresIsLogKAndMatchesHandValue() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertEquals(Math.log(4), PipNetLosses.classification(m.zeros(new Shape(3, 4)), new int[] {0, 3, 1}).getFloat(), 1e-6);
            // o = (1, 2): logits log 2, log 5 → softmax (2/7, 5/7); label 1
            NDArray o = m.create(new float[] {1, 2}, new Shape(1, 2));
            assertEquals(-Math.log(5.0 / 7), PipNetLosses.classification(o, new int[] {1}).getFloat(), 1e-6);
        }
    }

    /**
     * The gradient of L_A with respect to z' equals the finite difference of the function in which the
     * stop-gradient arguments are held constant, and not that of the plain symmetric loss (which is twice
     * as large): no gradient flows into the stop-gradient branch.
     */
    @Test
    void alignmentGradientSkipsTheStopGradientBranch() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] u = {0.6f, 0.3f, 0.1f, 0.2f, 0.5f, 0.3f}; // D=3, H=1, W=2 laid out [d][w]
            float[] v = {0.2f, 0.1f, 0.7f, 0.6f, 0.1f, 0.3f};
            Shape shape = new Shape(1, 3, 1, 2);
            NDArray z1 = m.create(u, shape), z2 = m.create(v, shape);
            z1.setRequiresGradient(true);
            float[] grad = Autograd.run(gc -> {
                gc.backward(PipNetLosses.alignment(z1, z2));
                return z1.getGradient().toFloatArray();
            });
            double h = 1e-3;
            for (int i = 0; i < u.length; i++) {
                double frozen = (frozenBranch(u, v, i, h) - frozenBranch(u, v, i, -h)) / (2 * h);
                double full = (symmetric(u, v, i, h) - symmetric(u, v, i, -h)) / (2 * h);
                assertEquals(frozen, grad[i], 1e-3, "gradient entry " + i + " vs finite difference with sg held constant");
                assertEquals(2 * frozen, full, 1e-3, "without stop-gradient the gradient would double");
            }
        }
    }

    /** ( a(u+δ, v) + a(v, u) ) / 2: the second term's u is the constant stop-gradient copy. */
    private static double frozenBranch(float[] u, float[] v, int i, double delta) {
        double[] up = shifted(u, i, delta);
        return (a(up, toDouble(v)) + a(toDouble(v), toDouble(u))) / 2;
    }

    private static double symmetric(float[] u, float[] v, int i, double delta) {
        double[] up = shifted(u, i, delta);
        return (a(up, toDouble(v)) + a(toDouble(v), up)) / 2;
    }

    /** a(u, v) = −mean over the 2 cells of log(Σ_d u·v + 1e-12), layout [d][w] with D=3, W=2. */
    private static double a(double[] u, double[] v) {
        double s = 0;
        for (int w = 0; w < 2; w++) {
            double dot = 0;
            for (int d = 0; d < 3; d++) {
                dot += u[d * 2 + w] * v[d * 2 + w];
            }
            s += Math.log(dot + 1e-12);
        }
        return -s / 2;
    }

    private static double[] shifted(float[] u, int i, double delta) {
        double[] out = toDouble(u);
        out[i] += delta;
        return out;
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}

package io.xai4j.vision.nnexplainer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.xai4j.core.runtime.Autograd;
import io.xai4j.vision.model.CnnClassifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each loss term on a hand-computed case, the subset masks, masking, and the loss gradient against finite differences. */
class NnExplainerLossTest {

    private static NDManager m;

    @BeforeAll
    static void setUp() {
        m = NDManager.newBaseManager();
    }

    @AfterAll
    static void tearDown() {
        m.close();
    }

    @Test
    void totalVariationWithReflectPaddingMatchesHandComputedCase() {
        // rows: |0-1|+|1-0|+|0-1| (reflected) = 3 and 0; columns: (1+0+1) twice (row 2 reflected) = 4; 7 over B·H·W = 6
        NDArray z = m.create(new float[] {0, 1, 0, 1, 1, 1}, new Shape(1, 2, 3));
        assertEquals(7.0 / 6, NnExplainerLoss.totalVariation(z).getFloat(), 1e-5);
    }

    @Test
    void entropyTermMatchesHandComputedCase() {
        double e2 = Math.exp(2), e0 = 1, em1 = Math.exp(-1), sum = e2 + e0 + em1, expected = 0;
        for (double e : new double[] {e2, e0, em1}) {
            expected += e / sum * Math.log(e / sum);
        }
        expected /= 3; // mean over B×C
        assertEquals(-0.17476, expected, 1e-5);
        assertEquals(expected, NnExplainerLoss.entropy(m.create(new float[] {2, 0, -1}, new Shape(1, 3))).getFloat(), 1e-5);
    }

    @Test
    void classificationTermIsMeanBceWithLogits() {
        NDArray z = m.create(new float[] {0.5f, -1f, 2f, 0f}, new Shape(2, 2));
        NDArray y = m.create(new float[] {1, 0, 0, 1}, new Shape(2, 2));
        double expected = (Math.log1p(Math.exp(-0.5)) + Math.log1p(Math.exp(-1)) + Math.log1p(Math.exp(2)) + Math.log(2)) / 4;
        assertEquals(expected, NnExplainerLoss.classification(z, y).getFloat(), 1e-6);
    }

    @Test
    void areaLossMatchesHandComputedCaseAndPushesTheRightPixels() {
        float[] s = {0.9f, 0.2f, 0.6f, 0.1f, 0.4f, 0.8f, 0.0f, 0.3f, 0.7f, 0.5f};
        NDArray masks = m.create(s, new Shape(1, 1, 2, 5));
        NDArray y = m.create(new float[] {1}, new Shape(1, 1));
        assertEquals(0.13, NnExplainerLoss.area(masks, y, 0.2, 0.5).getFloat(), 1e-6);
        masks.setRequiresGradient(true);
        float[] grad = Autograd.run(c -> {
            c.backward(NnExplainerLoss.area(masks, y, 0.2, 0.5));
            return masks.getGradient().toFloatArray();
        });
        masks.setRequiresGradient(false);
        for (int i = 0; i < s.length; i++) {
            // kmin = 2: 0.9 and 0.8 pulled up; kmax = 5: everything below the 5 largest (0.5) pushed down
            double expected = s[i] >= 0.8f ? -0.1 : s[i] < 0.5f ? 0.1 : 0;
            assertEquals(expected, grad[i], 1e-6, "pixel " + i + " (value " + s[i] + ")");
        }
        // a non-target class adds nothing
        assertEquals(0, NnExplainerLoss.area(masks, m.create(new float[] {0}, new Shape(1, 1)), 0.2, 0.5).getFloat(), 0);
    }

    @Test
    void subsetMasksTakeTheMaxOverTheirClassesAndAreZeroForEmptySets() {
        // S [B=3, C=3, 1, 2]; image 0 targets {0, 2}; image 1 no target; image 2 every class
        float[] s = {1, -2, 3, 0, -1, 4, /* */ 0.5f, 0.5f, -3, 2, 1, 1, /* */ -1, -1, 0, 0, 2, 2};
        NDArray logits = m.create(s, new Shape(3, 3, 1, 2));
        NDArray y = m.create(new float[] {1, 0, 1, 0, 0, 0, 1, 1, 1}, new Shape(3, 3));
        float[] t = NnExplainerLoss.targetMask(logits, y).toFloatArray();
        float[] n = NnExplainerLoss.nonTargetMask(logits, y).toFloatArray();
        float[] expectedT = {sigmoid(1), sigmoid(4), 0, 0, sigmoid(2), sigmoid(2)};
        float[] expectedN = {sigmoid(3), sigmoid(0), sigmoid(1), sigmoid(2), 0, 0};
        for (int i = 0; i < 6; i++) {
            assertEquals(expectedT[i], t[i], 1e-6, "target mask " + i);
            assertEquals(expectedN[i], n[i], 1e-6, "non-target mask " + i);
        }
    }

    @Test
    void maskingHappensInNormalisedSpace() {
        NDArray x = Tiny.images(m, 1, 1, 2, 5);
        NDArray mask = m.create(new float[] {0, 0.25f}, new Shape(1, 1, 2));
        float[] in = x.toFloatArray(), out = NnExplainerLoss.mask(x, mask).toFloatArray();
        for (int c = 0; c < 3; c++) {
            assertEquals(0, out[2 * c], 0, "a masked-out pixel is 0, the mean colour");
            assertEquals(0.25f * in[2 * c + 1], out[2 * c + 1], 1e-7);
        }
    }

    @Test
    void totalIsTheWeightedSumOfTheTerms() {
        CnnClassifier f = Tiny.classifier(m, 1);
        NDArray x = Tiny.images(m, 2, Tiny.SIZE, Tiny.SIZE, 2);
        NDArray s = Tiny.images(m, 2, Tiny.SIZE, Tiny.SIZE, 3); // 3 "classes" of logits
        NDArray y = m.create(new float[] {0, 1, 0, 1, 0, 1}, new Shape(2, 3));
        NnExplainerConfig c = new NnExplainerConfig(2, 4, 1e-3, 1.5, 0.7, 0.9, 0.2, 0.4, 0.05, 0.3, 2, 1, 1, 0, 1);
        NnExplainerLoss.Terms t = NnExplainerLoss.compute(f, x, s, y, c);
        double expected = t.classification().getFloat() + 1.5 * t.entropy().getFloat() + 0.7 * t.tv().getFloat()
                + 0.9 * t.area().getFloat() + 0.2 * t.maskMean().getFloat() + 0.4 * t.nonTargetMean().getFloat();
        assertEquals(expected, t.total().getFloat(), 1e-5);
    }

    @Test
    void lossGradientThroughTheNetworkMatchesFiniteDifferences() {
        CnnClassifier f = Tiny.classifier(m, 4);
        CompactUNet net = Tiny.network(m, 5);
        NDArray x = Tiny.images(m, 2, Tiny.SIZE, Tiny.SIZE, 6);
        NDArray y = m.create(new float[] {0, 1, 0, 1, 0, 1}, new Shape(2, 3));
        NnExplainerConfig c = NnExplainerConfig.defaults().withNetwork(2, 4);
        NDArray w = net.parameters().get(0).array(); // enc0.conv1.weight
        w.setRequiresGradient(true);
        float[] grad = Autograd.run(col -> {
            col.backward(NnExplainerLoss.compute(f, x, net.forward(x, false), y, c).total());
            return w.getGradient().toFloatArray();
        });
        w.setRequiresGradient(false);
        float[] base = w.toFloatArray();
        double eps = 1e-3; // ReLU, max-pool, |·| and the sort have kinks: a small step stays on one side of them
        for (int i : new int[] {0, 7, 19, 50, 100}) {
            double up = lossWith(f, net, x, y, c, w, base, i, eps), down = lossWith(f, net, x, y, c, w, base, i, -eps);
            double fd = (up - down) / (2 * eps);
            assertEquals(fd, grad[i], 3e-4 + 0.03 * Math.abs(fd), "∂L/∂w[" + i + "]");
        }
        w.set(base);
    }

    private static double lossWith(CnnClassifier f, CompactUNet net, NDArray x, NDArray y, NnExplainerConfig c, NDArray w, float[] base,
            int i, double delta) {
        float[] v = base.clone();
        v[i] += (float) delta;
        w.set(v);
        return NnExplainerLoss.compute(f, x, net.forward(x, false), y, c).total().getFloat();
    }

    private static float sigmoid(double v) {
        return (float) (1 / (1 + Math.exp(-v)));
    }
}

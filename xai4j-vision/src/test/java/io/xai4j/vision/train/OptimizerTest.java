package io.xai4j.vision.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.xai4j.core.runtime.Autograd;
import io.xai4j.vision.model.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptimizerTest {

    private static final float[] INIT = {0.5f, -1.25f, 2f};
    private static final float[][] GRADS = {{0.3f, -0.1f, 0f}, {-0.2f, 0.4f, 1e-3f}, {0.7f, 0.05f, -0.6f}};
    private static final double[] LR = {0.1, 0.05, 0.02};

    /** Sets the gradient of w to exactly g (the gradient of sum(w ⊙ g)) and takes one step. */
    private static void step(Optimizer opt, NDArray w, float[] g, double lr) {
        Autograd.run(c -> {
            c.backward(w.mul(w.getManager().create(g)).sum());
            return null;
        });
        opt.step(lr);
    }

    /** AdamW by hand, PyTorch semantics (decoupled decay, bias-corrected moments). */
    private static float[] adamwByHand(double wd) {
        double[] w = {INIT[0], INIT[1], INIT[2]}, m = new double[3], v = new double[3];
        for (int t = 1; t <= GRADS.length; t++) {
            double lr = LR[t - 1];
            for (int i = 0; i < 3; i++) {
                w[i] *= 1 - lr * wd;
                m[i] = 0.9 * m[i] + 0.1 * GRADS[t - 1][i];
                v[i] = 0.999 * v[i] + 0.001 * GRADS[t - 1][i] * GRADS[t - 1][i];
                double mh = m[i] / (1 - Math.pow(0.9, t)), vh = v[i] / (1 - Math.pow(0.999, t));
                w[i] -= lr * mh / (Math.sqrt(vh) + 1e-8);
            }
        }
        return new float[] {(float) w[0], (float) w[1], (float) w[2]};
    }

    @Test
    void adamwMatchesAHandWrittenLoop() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(INIT.clone());
            w.setRequiresGradient(true);
            Optimizer opt = new Optimizer(m, "adamw", 0.05, 0.9, List.of(new Parameter("w", w, true, true)));
            for (int t = 0; t < GRADS.length; t++) {
                step(opt, w, GRADS[t], LR[t]);
            }
            assertArrayEquals(adamwByHand(0.05), w.toFloatArray(), 1e-6f);
        }
    }

    @Test
    void stateSavedAndRestoredContinuesBitForBit() {
        for (String kind : new String[] {"adamw", "sgd"}) {
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray straight = m.create(INIT.clone());
                straight.setRequiresGradient(true);
                Optimizer a = new Optimizer(m, kind, 0.05, 0.9, List.of(new Parameter("w", straight, true, true)));
                for (int t = 0; t < GRADS.length; t++) {
                    step(a, straight, GRADS[t], LR[t]);
                }

                NDArray first = m.create(INIT.clone());
                first.setRequiresGradient(true);
                Optimizer b = new Optimizer(m, kind, 0.05, 0.9, List.of(new Parameter("w", first, true, true)));
                step(b, first, GRADS[0], LR[0]);
                step(b, first, GRADS[1], LR[1]);
                byte[] saved = b.state().encode();
                float[] weights = first.toFloatArray();

                NDArray resumed = m.create(weights);
                resumed.setRequiresGradient(true);
                Optimizer c = new Optimizer(m, kind, 0.05, 0.9, List.of(new Parameter("w", resumed, true, true)));
                c.restore(NDList.decode(m, saved), b.steps());
                assertEquals(2, c.steps());
                step(c, resumed, GRADS[2], LR[2]);
                assertArrayEquals(straight.toFloatArray(), resumed.toFloatArray(), 0f, kind);
            }
        }
    }
}

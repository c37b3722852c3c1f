package io.xai4j.vision.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.xai4j.core.runtime.Tensors;
import io.xai4j.vision.model.Parameter;
import java.util.List;

/**
 * AdamW (Loshchilov &amp; Hutter, ICLR 2019) and SGD with momentum, PyTorch update semantics, with state
 * that is saved in checkpoints so that a resumed run continues exactly. (DJL's own optimizers keep
 * their moments private, which would make an interrupted run restart its moments from zero.)
 */
public final class Optimizer {

    private final String kind;
    private final double weightDecay;
    private final double momentum;
    private final List<Parameter> params;
    private final NDList first;
    private final NDList second;
    private long step;

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;

    public Optimizer(NDManager manager, String kind, double weightDecay, double momentum, List<Parameter> params) {
        this.kind = kind;
        this.weightDecay = weightDecay;
        this.momentum = momentum;
        this.params = params;
        this.first = new NDList();
        this.second = new NDList();
        for (Parameter p : params) {
            first.add(manager.zeros(p.array().getShape()));
            second.add(manager.zeros(p.array().getShape()));
        }
    }

    /** Adam without weight decay (PyTorch's {@code torch.optim.Adam} defaults) over {@code params}. */
    public static Optimizer adam(NDManager manager, List<Parameter> params) {
        return new Optimizer(manager, "adamw", 0, 0, params);
    }

    /** One update with the gradients currently stored on the parameters, which are then zeroed. */
    public void step(double lr) {
        step++;
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            NDArray w = p.array();
            try (NDArray g = w.getGradient()) {
                if (kind.equals("adamw")) {
                    if (p.decay() && weightDecay != 0) {
                        w.muli(1 - lr * weightDecay);
                    }
                    adamStep(w, g, first.get(i), second.get(i), step, lr);
                } else {
                    NDArray d = p.decay() ? g.add(w.mul(weightDecay)) : g.duplicate();
                    NDArray buf = first.get(i);
                    buf.muli(momentum).addi(d);
                    w.subi(buf.mul(lr));
                }
                g.muli(0);
            }
        }
    }

    /**
     * One bias-corrected Adam step without weight decay, PyTorch semantics (β1 0.9, β2 0.999, ε 1e-8):
     * updates the moments {@code m} and {@code v} in place from the gradient {@code g} and subtracts the
     * step from {@code w}. {@code step} is the 1-based count of updates of {@code w}, this one included.
     * Shared by this class's AdamW and PIP-Net's per-group Adam.
     */
    public static void adamStep(NDArray w, NDArray g, NDArray m, NDArray v, long step, double lr) {
        try (NDArray scaledGrad = g.mul(1 - BETA1); NDArray squaredGrad = g.square()) {
            m.muli(BETA1).addi(scaledGrad);
            v.muli(BETA2).addi(squaredGrad.muli(1 - BETA2));
        }
        double c1 = 1 - Math.pow(BETA1, step), c2 = 1 - Math.pow(BETA2, step);
        try (NDArray vHat = v.div(c2); NDArray denominator = vHat.sqrt(); NDArray update = m.div(c1)) {
            w.subi(update.divi(denominator.addi(EPS)).muli(lr));
        }
    }

    /** The moments (first, then second), for checkpoints. */
    public NDList state() {
        NDList all = new NDList();
        all.addAll(first);
        all.addAll(second);
        return all;
    }

    /** Updates so far. */
    public long steps() {
        return step;
    }

    /** Restores the moments and the step count of {@link #state()} in place. */
    public void restore(NDList state, long steps) {
        for (int i = 0; i < first.size(); i++) {
            Tensors.copyInto(state.get(i), first.get(i));
            Tensors.copyInto(state.get(first.size() + i), second.get(i));
        }
        this.step = steps;
    }
}

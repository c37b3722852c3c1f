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

    Optimizer(NDManager manager, String kind, double weightDecay, double momentum, List<Parameter> params) {
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

    /** One update with the gradients currently stored on the parameters, which are then zeroed. */
    void step(double lr) {
        step++;
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            NDArray w = p.array();
            try (NDArray g = w.getGradient()) {
                if (kind.equals("adamw")) {
                    if (p.decay()) {
                        w.muli(1 - lr * weightDecay);
                    }
                    NDArray m = first.get(i), v = second.get(i);
                    m.muli(BETA1).addi(g.mul(1 - BETA1));
                    v.muli(BETA2).addi(g.square().muli(1 - BETA2));
                    double c1 = 1 - Math.pow(BETA1, step), c2 = 1 - Math.pow(BETA2, step);
                    w.subi(m.div(c1).divi(v.div(c2).sqrt().addi(EPS)).muli(lr));
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

    NDList state() {
        NDList all = new NDList();
        all.addAll(first);
        all.addAll(second);
        return all;
    }

    long steps() {
        return step;
    }

    void restore(NDList state, long steps) {
        for (int i = 0; i < first.size(); i++) {
            Tensors.copyInto(state.get(i), first.get(i));
            Tensors.copyInto(state.get(first.size() + i), second.get(i));
        }
        this.step = steps;
    }
}

package io.xai4j.vision.pipnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.xai4j.core.runtime.Tensors;
import io.xai4j.vision.model.Parameter;
import io.xai4j.vision.train.Optimizer;
import java.util.List;

/**
 * Adam (Kingma &amp; Ba, ICLR 2015) with PyTorch semantics (β1 0.9, β2 0.999, ε 1e-8, bias correction with
 * a per-parameter step count) and a learning rate per parameter, so that one optimizer serves several
 * parameter groups (docs/methods/pipnet.md#parameter-groups-and-schedules). The official code's AdamW with weight decay 0 is this
 * (docs/methods/pipnet.md#deviations-from-the-official-code).
 * Only parameters marked active in a step are updated, and only their step counts advance (as a
 * PyTorch parameter without gradient is skipped). The update itself is {@link Optimizer#adamStep}. State
 * is saved in checkpoints.
 */
final class GroupAdam {

    private final List<Parameter> params;
    private final NDList first = new NDList();
    private final NDList second = new NDList();
    private final long[] steps;

    GroupAdam(NDManager manager, List<Parameter> params) {
        this.params = List.copyOf(params);
        this.steps = new long[params.size()];
        for (Parameter p : params) {
            first.add(manager.zeros(p.array().getShape()));
            second.add(manager.zeros(p.array().getShape()));
        }
    }

    List<Parameter> parameters() {
        return params;
    }

    /**
     * One update of the parameters with {@code active[i]}, learning rate {@code lr[i]}, from the gradients
     * stored on them; their gradients are then zeroed.
     */
    void step(double[] lr, boolean[] active) {
        for (int i = 0; i < params.size(); i++) {
            if (!active[i]) {
                continue;
            }
            NDArray w = params.get(i).array();
            steps[i]++;
            try (NDArray g = w.getGradient()) {
                Optimizer.adamStep(w, g, first.get(i), second.get(i), steps[i], lr[i]);
                g.muli(0);
            }
        }
    }

    /** First and second moments, in parameter order. */
    NDList state() {
        NDList all = new NDList();
        all.addAll(first);
        all.addAll(second);
        return all;
    }

    long[] steps() {
        return steps.clone();
    }

    void restore(NDList state, int offset, long[] savedSteps) {
        for (int i = 0; i < first.size(); i++) {
            Tensors.copyInto(state.get(offset + i), first.get(i));
            Tensors.copyInto(state.get(offset + first.size() + i), second.get(i));
        }
        System.arraycopy(savedSteps, 0, steps, 0, steps.length);
    }

    int stateSize() {
        return 2 * params.size();
    }
}

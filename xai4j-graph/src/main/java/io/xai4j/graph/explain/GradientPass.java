package io.xai4j.graph.explain;

import ai.djl.ndarray.NDArray;
import io.xai4j.core.runtime.Autograd;
import io.xai4j.graph.model.Activations;
import io.xai4j.graph.model.GraphModel;
import io.xai4j.graph.model.GraphBatch;

/**
 * One forward and one backward of Σ_g y_c(g) over a batch (graphs are independent, so each graph
 * gets its own ∂y_c/∂Fˡ). Gradients at F⁰ = X come from X as a leaf; at Fˡ (l ≥ 1) from zero probes
 * added to Fˡ before padding is masked, so padded nodes get zero gradient. Â is a constant. Node
 * tensors are laid out as the batch is ({@link GraphBatch#nodeShape}).
 *
 * @param activations F⁰..F^L, pooled embedding and scores
 * @param gradients ∂y_c/∂Fˡ for l = 0..L, node tensors with K_l channels
 */
record GradientPass(Activations activations, NDArray[] gradients) {

    /** Runs the pass; the caller's NDScope owns every array. */
    static GradientPass of(GraphModel model, GraphBatch batch, int c) {
        int layers = model.numLayers();
        int[] widths = model.widths();
        return Autograd.run(gc -> {
            NDArray x = batch.x().duplicate();
            x.setRequiresGradient(true);
            NDArray[] probes = new NDArray[layers + 1];
            for (int l = 1; l <= layers; l++) {
                probes[l] = batch.x().getManager().zeros(batch.nodeShape(widths[l - 1]));
                probes[l].setRequiresGradient(true);
            }
            Activations a = model.forward(batch, x, probes);
            gc.backward(a.logits().get(":, " + c).sum());
            NDArray[] grads = new NDArray[layers + 1];
            grads[0] = x.getGradient();
            for (int l = 1; l <= layers; l++) {
                grads[l] = probes[l].getGradient();
            }
            return new GradientPass(a, grads);
        });
    }
}

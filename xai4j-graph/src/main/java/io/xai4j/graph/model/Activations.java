package io.xai4j.graph.model;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * The GCN's intermediate values for a batch (docs/methods/gcn.md#model): F⁰ = X, F¹..F^L (post-ReLU, padding rows
 * zero), the pooled embedding e [B,K_L] and the pre-softmax scores y [B,C].
 */
public record Activations(List<NDArray> features, NDArray pooled, NDArray logits) {

    /** Fˡ, with F⁰ = X. */
    public NDArray layer(int l) {
        return features.get(l);
    }

    public int numLayers() {
        return features.size() - 1;
    }
}

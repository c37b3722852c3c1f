package io.xai4j.vision.model;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * A node of the typed layer graph of a project CNN (docs/methods/image-explainers.md#project-cnns). Every node knows its
 * kind and hyper-parameters, so layer-structure methods (Excitation Backprop, BN folding) can read
 * the network instead of guessing it.
 */
public interface Layer {

    /** Kind name as in PyTorch ("Conv2d", "BatchNorm2d", "ReLU", "Sequential", ...). */
    String kind();

    /**
     * Forward pass. With {@code training} BatchNorm uses batch statistics and updates its running
     * statistics; otherwise it runs in eval mode. Gradients are recorded only inside
     * {@link io.xai4j.core.runtime.Autograd#run}.
     */
    NDArray forward(NDArray x, boolean training);

    /** Parameters of this node and all nodes below it. */
    default List<Parameter> parameters() {
        return List.of();
    }
}

package io.xai4j.vision.model;

import ai.djl.ndarray.NDArray;

/**
 * A named parameter tensor of a {@link Layer}. The array is owned by the model's manager and updated
 * in place (training, loading, randomisation), so its identity never changes.
 *
 * @param name dotted path, e.g. {@code layer2.0.main.0.weight}
 * @param array the values
 * @param trainable false for BatchNorm running statistics
 * @param decay whether weight decay applies (conv/linear weights only)
 */
public record Parameter(String name, NDArray array, boolean trainable, boolean decay) {

    /**
     * Zeroes the gradients stored on {@code parameters} (those that have one). Trainers call it after an epoch
     * listener, which may have back-propagated through the model to explain it: the optimiser would otherwise
     * apply those gradients at the next step.
     */
    public static void clearGradients(Iterable<Parameter> parameters) {
        for (Parameter p : parameters) {
            if (p.array().hasGradient()) {
                try (NDArray g = p.array().getGradient()) {
                    g.muli(0);
                }
            }
        }
    }
}

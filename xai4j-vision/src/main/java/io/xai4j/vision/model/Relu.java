package io.xai4j.vision.model;

import ai.djl.ndarray.NDArray;

/** Rectified linear unit. */
public final class Relu implements Layer {

    @Override
    public String kind() {
        return "ReLU";
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        return ai.djl.nn.Activation.relu(x);
    }
}

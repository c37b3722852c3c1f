package io.xai4j.vision.model;

import ai.djl.ndarray.NDArray;

/** Flattens all but the batch axis. */
public final class Flatten implements Layer {

    @Override
    public String kind() {
        return "Flatten";
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        return x.reshape(x.getShape().get(0), -1);
    }
}

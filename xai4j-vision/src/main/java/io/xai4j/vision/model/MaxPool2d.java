package io.xai4j.vision.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;

/** Max pooling with square windows. */
public record MaxPool2d(int kernel, int stride, int padding) implements Layer {

    @Override
    public String kind() {
        return "MaxPool2d";
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        return Pool.maxPool2d(x, new Shape(kernel, kernel), new Shape(stride, stride), new Shape(padding, padding), false);
    }
}

package io.xai4j.vision.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;

/** Average pooling with square windows and no padding. */
public record AvgPool2d(int kernel, int stride) implements Layer {

    @Override
    public String kind() {
        return "AvgPool2d";
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        return Pool.avgPool2d(x, new Shape(kernel, kernel), new Shape(stride, stride), new Shape(0, 0), false, true);
    }
}

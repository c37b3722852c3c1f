package io.xai4j.vision.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** 2-D convolution, weight [out, in/groups, k, k], optional bias; He (Kaiming) normal init, fan-out. */
public final class Conv2d implements Layer {

    private final NDArray weight;
    private final NDArray bias;
    private final int stride;
    private final int padding;
    private final int dilation;
    private final int groups;
    private final String name;

    public Conv2d(String name, NDArray weight, NDArray bias, int stride, int padding, int dilation, int groups) {
        this.name = name;
        this.weight = weight;
        this.bias = bias;
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
        this.groups = groups;
    }

    /** A freshly initialised convolution with "same"-style padding k/2. */
    public static Conv2d create(
            NDManager manager, String name, int in, int out, int kernel, int stride, boolean bias, SplittableRandom rng) {
        double std = Math.sqrt(2.0 / (out * kernel * kernel));
        NDArray w = manager.create(Init.normal(rng, out * in * kernel * kernel, std), new Shape(out, in, kernel, kernel));
        NDArray b = bias ? manager.zeros(new Shape(out)) : null;
        return new Conv2d(name, w, b, stride, kernel / 2, 1, 1);
    }

    @Override
    public String kind() {
        return "Conv2d";
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        return apply(x, weight, bias);
    }

    /** The same convolution with another weight and bias (BN folding, W⁺ in Excitation Backprop). */
    public NDArray apply(NDArray x, NDArray w, NDArray b) {
        return ai.djl.nn.convolutional.Conv2d.conv2d(
                        x, w, b, new Shape(stride, stride), new Shape(padding, padding), new Shape(dilation, dilation), groups)
                .singletonOrThrow();
    }

    public NDArray weight() {
        return weight;
    }

    public NDArray bias() {
        return bias;
    }

    public int stride() {
        return stride;
    }

    public int padding() {
        return padding;
    }

    public int dilation() {
        return dilation;
    }

    public int groups() {
        return groups;
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> p = new ArrayList<>();
        p.add(new Parameter(name + ".weight", weight, true, true));
        if (bias != null) {
            p.add(new Parameter(name + ".bias", bias, true, false));
        }
        return p;
    }
}

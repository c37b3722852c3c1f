package io.xai4j.vision.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.SplittableRandom;

/** Fully connected layer y = x Wᵀ + b, W [out, in]; PyTorch's default uniform init. */
public final class Linear implements Layer {

    private final String name;
    private final NDArray weight;
    private final NDArray bias;

    public Linear(String name, NDArray weight, NDArray bias) {
        this.name = name;
        this.weight = weight;
        this.bias = bias;
    }

    public static Linear create(NDManager manager, String name, int in, int out, SplittableRandom rng) {
        double bound = 1.0 / Math.sqrt(in);
        return new Linear(
                name,
                manager.create(Init.uniform(rng, out * in, bound), new Shape(out, in)),
                manager.create(Init.uniform(rng, out, bound), new Shape(out)));
    }

    @Override
    public String kind() {
        return "Linear";
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        return ai.djl.nn.core.Linear.linear(x, weight, bias).singletonOrThrow();
    }

    public NDArray weight() {
        return weight;
    }

    public NDArray bias() {
        return bias;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(new Parameter(name + ".weight", weight, true, true), new Parameter(name + ".bias", bias, true, false));
    }
}

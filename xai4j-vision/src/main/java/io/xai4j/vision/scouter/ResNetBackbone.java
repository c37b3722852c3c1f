package io.xai4j.vision.scouter;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.xai4j.core.runtime.Tensors;
import io.xai4j.vision.model.CnnClassifier;
import io.xai4j.vision.model.Layer;
import io.xai4j.vision.model.Parameter;
import io.xai4j.vision.model.Sequential;
import io.xai4j.vision.model.SmallResNet;
import io.xai4j.vision.model.SmallResNetConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in backbone: the stem and residual stages of a {@link SmallResNet} (its layers up to the feature layer,
 * without pooling and linear head), with the same parameter names, so the weights of a trained FC baseline copy in
 * one to one ({@link #copyFrom}).
 */
public final class ResNetBackbone implements ScouterBackbone {

    private final SmallResNetConfig config;
    private final Sequential net;
    private final List<Parameter> state;

    private ResNetBackbone(SmallResNetConfig config, Sequential net) {
        this.config = config;
        this.net = net;
        this.state = net.parameters();
    }

    /** A freshly initialised backbone: the stages of {@code SmallResNet.create(..., seed)}. */
    public static ResNetBackbone create(NDManager manager, SmallResNetConfig config, List<String> classNames, int imageSize, long seed) {
        CnnClassifier full = SmallResNet.create(manager, config, classNames, imageSize, seed);
        Sequential all = full.net();
        int f = all.indexOf(full.featureLayer());
        List<String> names = new ArrayList<>(all.names().subList(0, f + 1));
        List<Layer> children = new ArrayList<>(all.children().subList(0, f + 1));
        return new ResNetBackbone(config, new Sequential(names, children));
    }

    /** Copies the stages' weights and BatchNorm statistics of a trained FC baseline with the same architecture. */
    public void copyFrom(CnnClassifier baseline) {
        List<Parameter> src = baseline.parameters();
        int copied = 0;
        for (Parameter dst : state) {
            Parameter s = src.stream().filter(p -> p.name().equals(dst.name())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("the FC baseline has no parameter " + dst.name()
                            + "; it must be a SmallResNet of the same architecture"));
            if (!s.array().getShape().equals(dst.array().getShape())) {
                throw new IllegalArgumentException("the FC baseline's " + dst.name() + " is " + s.array().getShape() + ", expected "
                        + dst.array().getShape());
            }
            Tensors.copyInto(s.array(), dst.array());
            copied++;
        }
        if (copied != state.size()) {
            throw new IllegalStateException("copied " + copied + " of " + state.size() + " backbone arrays");
        }
    }

    public SmallResNetConfig config() {
        return config;
    }

    @Override
    public String kind() {
        return "smallresnet";
    }

    @Override
    public int channels() {
        return config.widths()[config.widths().length - 1];
    }

    @Override
    public List<String> layers() {
        return net.names();
    }

    @Override
    public NDArray forward(NDArray images, boolean training) {
        return net.forward(images, training);
    }

    @Override
    public NDArray forwardTo(NDArray images, String layer) {
        return net.forward(images, 0, net.indexOf(layer) + 1, false);
    }

    @Override
    public NDArray forwardFrom(NDArray activation, String layer) {
        return net.forward(activation, net.indexOf(layer) + 1, net.children().size(), false);
    }

    @Override
    public List<Parameter> state() {
        return state;
    }

    /** Freezing k stages freezes the stem and the first k − 1 residual stages (k = 0: everything trains). */
    @Override
    public List<Parameter> trainable(int frozenStages) {
        List<String> frozen = net.names().subList(0, Math.min(frozenStages, net.names().size()));
        return state.stream().filter(Parameter::trainable)
                .filter(p -> frozen.stream().noneMatch(s -> p.name().startsWith(s + "."))).toList();
    }

    @Override
    public void close() {}
}

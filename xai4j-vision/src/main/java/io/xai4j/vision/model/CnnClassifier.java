package io.xai4j.vision.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.xai4j.core.model.ParameterRandomization;
import io.xai4j.core.runtime.Tensors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * An image classifier built from xai4j layers: a top-level {@link Sequential} whose named children are
 * the split points ("stem", "layer1", ..., "pool", "fc"). Every explanation method works on it,
 * including the structure-based ones.
 */
public final class CnnClassifier implements ImageClassifier, ParameterRandomization {

    private final NDManager manager;
    private final Sequential net;
    private final String featureLayer;
    private final List<String> classNames;
    private final int[] inputShape;
    private final List<Parameter> parameters;

    /**
     * @param manager owns every parameter array (closed by {@link #close()})
     * @param net top-level sequence; its child names are the layer names
     * @param featureLayer child whose output feeds the head
     */
    public CnnClassifier(NDManager manager, Sequential net, String featureLayer, List<String> classNames, int[] inputShape) {
        this.manager = manager;
        this.net = net;
        this.featureLayer = featureLayer;
        this.classNames = List.copyOf(classNames);
        this.inputShape = inputShape.clone();
        this.parameters = net.parameters();
        net.indexOf(featureLayer);
    }

    /** Forward pass with BatchNorm in training mode; used by the trainer inside a gradient collector. */
    public NDArray forwardTraining(NDArray images) {
        checkInput(images);
        return net.forward(images, true);
    }

    @Override
    public NDArray logits(NDArray images) {
        checkInput(images);
        return net.forward(images, false);
    }

    @Override
    public NDArray logitsForGradient(NDArray images) {
        return logits(images);
    }

    @Override
    public List<String> layers() {
        List<String> names = net.names();
        return names.subList(0, net.indexOf(featureLayer) + 1);
    }

    @Override
    public String featureLayer() {
        return featureLayer;
    }

    @Override
    public NDArray forwardTo(NDArray images, String layer) {
        checkInput(images);
        return net.forward(images, 0, net.indexOf(layer) + 1, false);
    }

    @Override
    public NDArray forwardFromForGradient(NDArray activation, String layer) {
        return net.forward(activation, net.indexOf(layer) + 1, net.children().size(), false);
    }

    @Override
    public Optional<LinearHead> linearHead() {
        List<Layer> c = net.children();
        int f = net.indexOf(featureLayer);
        if (c.size() == f + 3 && c.get(f + 1) instanceof GlobalAvgPool && c.get(f + 2) instanceof Linear fc) {
            return Optional.of(new LinearHead(Tensors.toArray2(fc.weight()), fc.bias().toFloatArray()));
        }
        return Optional.empty();
    }

    @Override
    public Optional<Sequential> structure() {
        return Optional.of(net);
    }

    /** The top-level layer sequence. */
    public Sequential net() {
        return net;
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public int[] inputShape() {
        return inputShape.clone();
    }

    @Override
    public NDManager manager() {
        return manager;
    }

    /** Every parameter and buffer, in definition order. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** Number of trainable scalars. */
    public long trainableParameterCount() {
        return parameters.stream().filter(Parameter::trainable).mapToLong(p -> p.array().size()).sum();
    }

    @Override
    public List<String> layersTopDown() {
        Map<String, Boolean> layers = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            if (p.trainable()) {
                layers.put(layerOf(p.name()), true);
            }
        }
        List<String> order = new ArrayList<>(layers.keySet());
        java.util.Collections.reverse(order);
        return order;
    }

    @Override
    public void randomizeLayer(String layer, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        boolean found = false;
        for (Parameter p : parameters) {
            if (p.trainable() && layerOf(p.name()).equals(layer)) {
                found = true;
                float[] v = p.array().toFloatArray();
                double mean = 0, sq = 0;
                for (float f : v) {
                    mean += f;
                }
                mean /= v.length;
                for (float f : v) {
                    sq += (f - mean) * (f - mean);
                }
                double std = v.length > 1 ? Math.sqrt(sq / (v.length - 1)) : Math.abs(mean);
                float[] fresh = Init.normal(rng, v.length, std);
                try (NDArray values = manager.create(fresh, p.array().getShape())) {
                    Tensors.copyInto(values, p.array());
                }
            }
        }
        if (!found) {
            throw new IllegalArgumentException("no parameterised layer '" + layer + "'; layers are " + layersTopDown());
        }
    }

    @Override
    public Snapshot snapshot() {
        NDManager copies = manager.newSubManager();
        List<NDArray> saved = new ArrayList<>();
        for (Parameter p : parameters) {
            NDArray c = p.array().duplicate();
            c.attach(copies);
            saved.add(c);
        }
        return new Snapshot() {
            @Override
            public void restore() {
                for (int i = 0; i < parameters.size(); i++) {
                    Tensors.copyInto(saved.get(i), parameters.get(i).array());
                }
            }

            @Override
            public void close() {
                copies.close();
            }
        };
    }

    private static String layerOf(String parameterName) {
        return parameterName.substring(0, parameterName.lastIndexOf('.'));
    }

    private void checkInput(NDArray images) {
        ImageClassifier.requireInputShape(images, inputShape, "the model's input size");
    }

    @Override
    public void close() {
        manager.close();
    }
}

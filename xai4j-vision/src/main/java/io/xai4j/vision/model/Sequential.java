package io.xai4j.vision.model;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;

/** Children applied in order; each child has a name (its address in dotted layer paths). */
public final class Sequential implements Layer {

    private final List<String> names;
    private final List<Layer> children;

    public Sequential(List<String> names, List<Layer> children) {
        if (names.size() != children.size()) {
            throw new IllegalArgumentException("names and children differ in length");
        }
        this.names = List.copyOf(names);
        this.children = List.copyOf(children);
    }

    /** Children named "0", "1", ... */
    public static Sequential of(List<Layer> children) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < children.size(); i++) {
            names.add(Integer.toString(i));
        }
        return new Sequential(names, children);
    }

    @Override
    public String kind() {
        return "Sequential";
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        return forward(x, 0, children.size(), training);
    }

    /** Applies children {@code from} (inclusive) to {@code to} (exclusive). */
    public NDArray forward(NDArray x, int from, int to, boolean training) {
        NDArray y = x;
        for (int i = from; i < to; i++) {
            y = children.get(i).forward(y, training);
        }
        return y;
    }

    public List<Layer> children() {
        return children;
    }

    public List<String> names() {
        return names;
    }

    /** Index of the child with this name. */
    public int indexOf(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no layer named '" + name + "'; layers are " + names);
        }
        return i;
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> p = new ArrayList<>();
        for (Layer c : children) {
            p.addAll(c.parameters());
        }
        return p;
    }
}

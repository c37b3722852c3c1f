package io.xai4j.vision.model;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;

/** y = main(x) + shortcut(x); an empty shortcut is the identity. The ReLU after the sum is a separate node. */
public final class Residual implements Layer {

    private final Sequential main;
    private final Sequential shortcut;

    public Residual(Sequential main, Sequential shortcut) {
        this.main = main;
        this.shortcut = shortcut;
    }

    @Override
    public String kind() {
        return "Add";
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        return main.forward(x, training).add(shortcut.forward(x, training));
    }

    public Sequential main() {
        return main;
    }

    public Sequential shortcut() {
        return shortcut;
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> p = new ArrayList<>(main.parameters());
        p.addAll(shortcut.parameters());
        return p;
    }
}

package io.xai4j.vision.scouter;

import ai.djl.ndarray.NDArray;
import io.xai4j.vision.model.Parameter;
import io.xai4j.vision.pipnet.PipNetBackbone;
import io.xai4j.vision.pipnet.TorchScriptBackbone;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An imported TorchScript module exporting {@code forward_features(x) → [B,C,h,w]} (the export contract of
 * {@link io.xai4j.vision.model.TorchScriptClassifier}) as SCOUTER backbone, with one split point, "features".
 * Freezing: parameters whose names start with one of the given prefixes never train (the official code freezes
 * conv1, bn1 and the first residual stages of an ImageNet backbone).
 */
public final class TorchScriptFeatures implements ScouterBackbone {

    /** The one split point. */
    public static final String LAYER = "features";

    private final TorchScriptBackbone module;
    private final List<String> frozenPrefixes;

    private TorchScriptFeatures(TorchScriptBackbone module, List<String> frozenPrefixes) {
        this.module = module;
        this.frozenPrefixes = List.copyOf(frozenPrefixes);
    }

    /**
     * Loads {@code file}, probing it with [1, 3, S, S].
     *
     * @param frozenPrefixes parameter-name prefixes that never train (empty: everything trains)
     */
    public static TorchScriptFeatures load(Path file, int imageSize, List<String> frozenPrefixes) {
        TorchScriptBackbone module = TorchScriptBackbone.load(file, new int[] {3, imageSize, imageSize}, 1,
                frozenPrefixes.isEmpty() ? null : Map.of(PipNetBackbone.Group.FROZEN, frozenPrefixes), true);
        return new TorchScriptFeatures(module, frozenPrefixes);
    }

    public Path file() {
        return module.file();
    }

    public List<String> frozenPrefixes() {
        return frozenPrefixes;
    }

    @Override
    public String kind() {
        return module.kind();
    }

    @Override
    public int channels() {
        return module.channels();
    }

    @Override
    public List<String> layers() {
        return List.of(LAYER);
    }

    @Override
    public NDArray forward(NDArray images, boolean training) {
        return module.forward(images, training);
    }

    @Override
    public NDArray forwardTo(NDArray images, String layer) {
        requireLayer(layer);
        return module.forward(images, false);
    }

    @Override
    public NDArray forwardFrom(NDArray activation, String layer) {
        requireLayer(layer);
        return activation;
    }

    @Override
    public List<Parameter> state() {
        return module.state();
    }

    /** The stage count is not used: an export's stages are frozen by name prefixes. */
    @Override
    public List<Parameter> trainable(int frozenStages) {
        return module.parameters().stream().map(PipNetBackbone.GroupedParameter::parameter).toList();
    }

    @Override
    public void close() {
        module.close();
    }

    private static void requireLayer(String layer) {
        if (!LAYER.equals(layer)) {
            throw new IllegalArgumentException("no layer '" + layer + "'; a TorchScript SCOUTER backbone has one, '" + LAYER + "'");
        }
    }
}

package io.xai4j.core.explain;

/**
 * One thing an explanation method needs from a model. A method declares the set it needs
 * ({@link Capabilities#requires()}); a model offers a set (e.g. {@code ImageClassifier.offers()}); the
 * registry, the CLI's support checks, {@code evaluate} and {@code bench} compare the two, so no method
 * name is ever tested in a switch.
 */
public enum Requirement {
    /** Back-propagation through the model (every xai4j model and every TorchScript export offers it). */
    GRADIENTS("gradients through the model"),
    /** An intermediate layer to read and to continue the forward pass from (timm's forward_features / forward_head). */
    FEATURE_LAYER("a feature layer (TorchScript: export forward_features and forward_head)"),
    /** Global average pooling followed by one linear layer after the feature layer (CAM). */
    LINEAR_HEAD("global average pooling followed by one linear layer (TorchScript: export classifier_weight)"),
    /** The typed layer graph of a built-in CNN (rule-based methods such as Excitation Backprop). */
    LAYER_GRAPH("the typed layer graph of an xai4j CNN (opaque TorchScript exports have none)"),
    /** Class attention maps computed by the model itself (SCOUTER's slot attention: one slot group per class). */
    CLASS_ATTENTION("class attention maps of its own (a SCOUTER model)"),
    /** A graph neural network over node features and a normalised adjacency. */
    GRAPH_MODEL("a graph model");

    private final String description;

    Requirement(String description) {
        this.description = description;
    }

    /** What the model must provide, in words for error messages and help texts. */
    public String description() {
        return description;
    }
}

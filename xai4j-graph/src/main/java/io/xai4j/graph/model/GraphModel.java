package io.xai4j.graph.model;

import ai.djl.ndarray.NDArray;
import io.xai4j.core.explain.Requirement;
import io.xai4j.graph.data.Graph;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What graph explainers see of a model: a stack of L graph convolutions Fˡ = ReLU(Â Fˡ⁻¹ Wₗ + bₗ) over node
 * features F⁰ = X, global average pooling over the true nodes and one linear layer (Kipf and Welling's GCN as
 * Pope et al. use it). {@link Gcn} is the built-in implementation; any model exposing these operations can be
 * explained by every graph method.
 */
public interface GraphModel {

    /** Node-feature dimension the model was trained on. */
    int inputDim();

    /** Output channels of the graph convolutions 1..L. */
    int[] widths();

    /** Number of graph-convolution layers L. */
    int numLayers();

    /** Class names, index = class id. */
    List<String> classes();

    default int numClasses() {
        return classes().size();
    }

    /** Kernel of layer l (1..L: graph convolutions, L+1: the linear head); owned by the model, do not close. */
    NDArray weight(int l);

    /** Bias of layer l (1..L+1); owned by the model, do not close. */
    NDArray bias(int l);

    /** Forward pass with the model's parameters; the caller holds an NDScope. */
    Activations forward(GraphBatch batch);

    /**
     * Forward pass from input {@code x} (e.g. a leaf that requires gradients) with gradient probes: {@code probes[l]}
     * (l = 1..L, may be null) are zero leaves added to Fˡ before masking, so that their gradients equal ∂y/∂Fˡ.
     */
    Activations forward(GraphBatch batch, NDArray x, NDArray[] probes);

    /** Pre-softmax scores y [G][C] for the graphs, in batches of {@code batchSize}. */
    float[][] logits(List<Graph> graphs, int batchSize);

    /** What this model offers explanation methods: gradients, a graph model, a linear head after pooling. */
    default Set<Requirement> offers() {
        return EnumSet.of(Requirement.GRADIENTS, Requirement.GRAPH_MODEL, Requirement.LINEAR_HEAD, Requirement.FEATURE_LAYER);
    }
}

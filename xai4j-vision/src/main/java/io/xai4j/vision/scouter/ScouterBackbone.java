package io.xai4j.vision.scouter;

import ai.djl.ndarray.NDArray;
import io.xai4j.vision.model.Parameter;
import java.util.List;

/**
 * SCOUTER's feature extractor: images [B,3,S,S] to a grid [B,C,h,w] without pooling or classifier
 * (docs/methods/scouter.md#backbones). Its split points are the {@link io.xai4j.vision.model.ImageClassifier} layers
 * of the SCOUTER model, so layer methods (Grad-CAM and the rest) explain it like any classifier.
 */
public interface ScouterBackbone extends AutoCloseable {

    /** "smallresnet" or "torchscript:file.pt", for logs and model files. */
    String kind();

    /** C. */
    int channels();

    /** Split points in forward order; the last one's output is the grid. */
    List<String> layers();

    /** The grid; with {@code training} BatchNorm uses batch statistics and updates its running statistics. */
    NDArray forward(NDArray images, boolean training);

    /** Output of {@code layer}, BatchNorm in eval mode. */
    NDArray forwardTo(NDArray images, String layer);

    /** The grid from the output of {@code layer}, BatchNorm in eval mode. */
    NDArray forwardFrom(NDArray activation, String layer);

    /** Every array that defines the backbone (parameters and buffers), in a fixed order, for model files. */
    List<Parameter> state();

    /** The parameters that train when the first {@code frozenStages} split points are frozen. */
    List<Parameter> trainable(int frozenStages);

    @Override
    void close();
}

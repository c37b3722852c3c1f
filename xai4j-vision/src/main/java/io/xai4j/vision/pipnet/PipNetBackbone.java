package io.xai4j.vision.pipnet;

import ai.djl.ndarray.NDArray;
import io.xai4j.vision.model.Parameter;
import java.util.List;

/**
 * The feature extractor of a {@link PipNet} (docs/methods/pipnet.md#backbones): images [B,3,S,S] to a latent grid
 * [B,C,H,W] without global pooling, classifier or final normalisation. Its parameters come in the
 * groups of docs/methods/pipnet.md#parameter-groups-and-schedules ({@code early}, {@code mid}, {@code last}), which the trainer freezes and
 * gives learning rates by.
 */
public interface PipNetBackbone extends AutoCloseable {

    /** Parameter groups of docs/methods/pipnet.md#parameter-groups-and-schedules. */
    enum Group {
        EARLY,
        MID,
        LAST,
        /**
         * Never trained: an imported backbone's parameters named by frozen prefixes (docs/methods/pipnet.md#backbones: ResNet-50's
         * conv1, bn1 and layer1 are "frozen for good"). They are not among {@link #parameters()}.
         */
        FROZEN
    }

    /** A parameter with its group. */
    record GroupedParameter(Parameter parameter, Group group) {}

    /** Short description for logs and checkpoints ("smallcnn", "torchscript:file.pt"). */
    String kind();

    /**
     * The latent grid. With {@code training} BatchNorm layers use batch statistics and update their
     * running statistics; gradients are recorded only inside {@link io.xai4j.core.runtime.Autograd#run}.
     */
    NDArray forward(NDArray images, boolean training);

    /** C, the number of output channels. */
    int channels();

    /** Theoretical receptive field in input pixels (used by the {@code receptiveField} patch size, docs/methods/pipnet.md#patches-and-heat-maps). */
    int receptiveField();

    /**
     * Whether the backbone arrives pretrained: only then is the {@code early} group frozen, in phase 1 and up to the
     * freeze epoch of phase 2 ({@code mid} always trains outside the classifier-only epochs; docs/methods/pipnet.md#phases; randomly
     * initialised backbones are never frozen).
     */
    boolean pretrained();

    /** Trainable parameters with their groups. */
    List<GroupedParameter> parameters();

    /** Every array that defines the backbone's function (parameters and buffers), for checkpoints. */
    List<Parameter> state();

    @Override
    void close();
}

package io.xai4j.vision.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.xai4j.core.model.Classifier;
import io.xai4j.core.explain.Requirement;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The uniform interface of every image classifier in xai4j, built-in or imported (timm's
 * {@code forward_features} / {@code forward_head} split, generalised to named split points):
 * {@code logits = forwardFrom(forwardTo(x, L), L)} for every layer L in {@link #layers()}.
 *
 * <p>Inference methods run with BatchNorm in eval mode and record no gradient tape. The
 * {@code ...ForGradient} methods are the same functions, callable inside
 * {@link io.xai4j.core.runtime.Autograd#run} so that the tape is recorded — still with BatchNorm in eval
 * mode.
 */
public interface ImageClassifier extends Classifier, AutoCloseable {

    /** Split points in forward order; the last one is {@link #featureLayer()}. */
    List<String> layers();

    /** The layer whose output feeds the classification head (global pooling + linear). */
    String featureLayer();

    /** Output of layer {@code layer}, inference mode. */
    NDArray forwardTo(NDArray images, String layer);

    /** Logits computed from the output of {@code layer}; gradient-capable (eval-mode BatchNorm). */
    NDArray forwardFromForGradient(NDArray activation, String layer);

    /** Logits from the input; gradient-capable (eval-mode BatchNorm). */
    NDArray logitsForGradient(NDArray images);

    /** {@code features(x) → C×h×w}: the output of {@link #featureLayer()}. */
    default NDArray features(NDArray images) {
        return forwardTo(images, featureLayer());
    }

    /** {@code head(features) → logits}. */
    default NDArray head(NDArray features) {
        return forwardFromForGradient(features, featureLayer());
    }

    /** The classifier weights [C,K] and bias [C] when a global-average-pooling + linear head follows {@link #featureLayer()}. */
    Optional<LinearHead> linearHead();

    /** The typed layer graph, for methods that need the structure; empty for opaque models. */
    Optional<Sequential> structure();

    /**
     * What this model offers explanation methods: gradients always; a feature layer when it has split points; a
     * linear head when global average pooling + one linear layer follow the feature layer; the layer graph when
     * its structure is typed. The method registry compares this with each method's requirements.
     */
    default Set<Requirement> offers() {
        Set<Requirement> out = EnumSet.of(Requirement.GRADIENTS);
        if (!layers().isEmpty()) {
            out.add(Requirement.FEATURE_LAYER);
        }
        if (linearHead().isPresent()) {
            out.add(Requirement.LINEAR_HEAD);
        }
        if (structure().isPresent()) {
            out.add(Requirement.LAYER_GRAPH);
        }
        return out;
    }

    /** Class names, index = class id. */
    List<String> classNames();

    /** Expected input [channels, height, width]. */
    int[] inputShape();

    /** Manager owning the parameters. */
    NDManager manager();

    @Override
    default int numClasses() {
        return classNames().size();
    }

    @Override
    void close();

    /**
     * A linear head after global average pooling.
     *
     * @param weight [C][K]
     * @param bias [C]
     */
    record LinearHead(float[][] weight, float[] bias) {}

    /**
     * Fails unless {@code images} is [B, C, H, W] with {@code inputShape}'s C, H and W: global average pooling
     * would accept any size and give predictions and maps at another scale than the model's, without a word.
     *
     * @param what what the size is, for the message (e.g. "the model's input size")
     */
    static void requireInputShape(NDArray images, int[] inputShape, String what) {
        Shape s = images.getShape();
        if (s.dimension() != 4 || s.get(1) != inputShape[0] || s.get(2) != inputShape[1] || s.get(3) != inputShape[2]) {
            throw new IllegalArgumentException("expected images [B," + inputShape[0] + "," + inputShape[1] + "," + inputShape[2]
                    + "] (" + what + "; resize first), got " + s);
        }
    }
}

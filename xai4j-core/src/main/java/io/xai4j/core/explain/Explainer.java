package io.xai4j.core.explain;

import ai.djl.ndarray.NDArray;

/**
 * A saliency method for image classifiers (cnn-attribution.md §2), in Captum / pytorch-grad-cam
 * vocabulary: a batch of images in model-input space and one target class per image in, one map per
 * image out. Implementations are thread-confined; gradient methods serialise on
 * {@link io.xai4j.core.runtime.Autograd}.
 */
public interface Explainer {

    /** Short method name used in files, tables and the CLI ("gradcam", "cam", ...). */
    String name();

    /** What the method needs from the model. */
    Capabilities capabilities();

    /**
     * Explains a batch.
     *
     * @param images [B,3,H,W] float32 in model-input (normalised) space
     * @param targets one class per image, or null for the model's top-1 class
     */
    Attribution explain(NDArray images, int[] targets);
}

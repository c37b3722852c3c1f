package io.xai4j.core.model;

import ai.djl.ndarray.NDArray;

/**
 * The smallest view of a trained classifier that model-agnostic metrics need: a batched forward
 * pass from model-input space to pre-softmax class scores, in inference mode (BatchNorm in eval mode,
 * no gradient tape).
 */
public interface Classifier {

    /** Pre-softmax scores [B, numClasses] for a batch in model-input space. */
    NDArray logits(NDArray inputs);

    /** Number of classes the model scores. */
    int numClasses();
}

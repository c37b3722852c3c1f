package io.xai4j.vision.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** What training needs from a labelled image set: labels and batches in model-input space. */
public interface TrainingData {

    int size();

    int label(int index);

    /** Images {@code indices} as a [B,C,H,W] float32 array in model-input (normalised) space. */
    NDArray batch(NDManager manager, int[] indices);
}

package io.xai4j.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.xai4j.vision.data.ImageDataset;
import io.xai4j.vision.data.Normalization;
import io.xai4j.vision.train.TrainingData;

/** An {@link ImageDataset} seen through a {@link Normalization}: batches in model-input space for training and explaining. */
public record ImageBatches(ImageDataset data, Normalization normalization) implements TrainingData {

    @Override
    public int size() {
        return data.size();
    }

    @Override
    public int label(int index) {
        return data.label(index);
    }

    @Override
    public NDArray batch(NDManager manager, int[] indices) {
        return ImageDataset.batch(manager, data, indices, normalization);
    }
}

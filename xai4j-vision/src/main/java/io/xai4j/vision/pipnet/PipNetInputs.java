package io.xai4j.vision.pipnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.xai4j.vision.data.ImageDataset;
import io.xai4j.vision.data.Normalization;
import java.util.stream.IntStream;

/** Model-input batches with the test transform of docs/methods/pipnet.md#augmentation: RGB, resized to S×S, normalised. */
public final class PipNetInputs {

    private PipNetInputs() {}

    /** Image {@code index} as planar [3][S][S] values in [0,1] (what explanations are drawn on, docs/methods/pipnet.md#patches-and-heat-maps). */
    public static float[] pixels(ImageDataset data, int index, int imageSize) {
        return TwoViewAugmentation.testView(data.pixels(index), data.height(), data.width(), imageSize);
    }

    /** A [B,3,S,S] batch in model-input space. */
    public static NDArray batch(NDManager manager, ImageDataset data, int[] indices, int imageSize, Normalization normalization) {
        int per = 3 * imageSize * imageSize;
        float[] flat = new float[indices.length * per];
        for (int b = 0; b < indices.length; b++) {
            normalization.applyInto(pixels(data, indices[b], imageSize), flat, b * per);
        }
        return manager.create(flat, new Shape(indices.length, 3, imageSize, imageSize));
    }

    /** A batch for {@code model}. */
    public static NDArray batch(NDManager manager, ImageDataset data, int[] indices, PipNet model) {
        return batch(manager, data, indices, model.imageSize(), model.normalization());
    }

}

package io.xai4j.vision.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * An indexed set of labelled images of one size, the data currency of training and explaining code.
 * Pixels come as planar CHW floats in [0,1]; mapping to model-input space is a {@link Normalization}
 * applied by {@link #batch}.
 */
public interface ImageDataset {

    /** Number of images. */
    int size();

    /** Class names indexed by label. */
    List<String> classNames();

    /** Number of classes. */
    default int numClasses() {
        return classNames().size();
    }

    /** Channels per image: 1 (grey) or 3 (RGB). */
    int channels();

    /** Image height in pixels. */
    int height();

    /** Image width in pixels. */
    int width();

    /** Image {@code index} as a fresh planar [C][H][W] array of values in [0,1]. */
    float[] pixels(int index);

    /**
     * Images {@code indices} as fresh planar arrays, in order; a data set that decodes files when asked
     * ({@link ImageFolderDataset#lazy()}) decodes them in parallel.
     */
    default float[][] pixels(int[] indices) {
        float[][] out = new float[indices.length][];
        for (int b = 0; b < indices.length; b++) {
            out[b] = pixels(indices[b]);
        }
        return out;
    }

    /** The label of image {@code index} in 0..numClasses−1, or −1 where the image has none (ood). */
    int label(int index);

    /** Where image {@code index} came from: a file path or a generator name and index. */
    default String source(int index) {
        return "#" + index;
    }

    /** The first {@code n} images (this set when {@code n} ≥ {@link #size()}), as an {@link ImageSubset}. */
    default ImageDataset head(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a data set needs at least one image, got " + n);
        }
        return n >= size() ? this : new ImageSubset(this, java.util.stream.IntStream.range(0, n).toArray());
    }

    /** This data set with 3 channels: a grey set replicates its channel, an RGB set is returned as is. */
    default ImageDataset toRgb() {
        return channels() == 3 ? this : new RgbView(this);
    }

    /**
     * A [B,C,H,W] float32 batch of the given images in model-input space, x' = (x − mean)/std per
     * channel.
     *
     * @throws IllegalArgumentException if the normalisation's channel count differs from the data
     *     set's (use {@link #toRgb()} for a grey set and a 3-channel normalisation)
     */
    static NDArray batch(NDManager manager, ImageDataset dataset, int[] indices, Normalization normalization) {
        int c = dataset.channels(), plane = dataset.height() * dataset.width(), per = c * plane;
        if (normalization.channels() != c) {
            throw new IllegalArgumentException("normalisation has " + normalization.channels()
                    + " channels but the data set has " + c + (c == 1 ? "; use dataset.toRgb()" : ""));
        }
        float[] flat = new float[indices.length * per];
        float[][] xs = dataset.pixels(indices);
        for (int b = 0; b < indices.length; b++) {
            float[] x = xs[b];
            if (x.length != per) {
                throw new IllegalStateException(dataset.source(indices[b]) + " has " + x.length
                        + " values, expected C·H·W = " + per);
            }
            normalization.applyInto(x, flat, b * per, plane);
        }
        return manager.create(flat, new Shape(indices.length, c, dataset.height(), dataset.width()));
    }

    /** Labels of the given images. */
    default int[] labels(int[] indices) {
        int[] out = new int[indices.length];
        for (int b = 0; b < indices.length; b++) {
            out[b] = label(indices[b]);
        }
        return out;
    }
}

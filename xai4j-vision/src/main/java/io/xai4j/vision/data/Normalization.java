package io.xai4j.vision.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;

/**
 * Per-channel normalisation between [0,1] pixels and model-input space: x' = (x − mean[c]) / std[c],
 * and its inverse x = x'·std[c] + mean[c] for display.
 *
 * @param mean per-channel mean (copied)
 * @param std per-channel standard deviation, positive (copied)
 */
public record Normalization(float[] mean, float[] std) {

    /** Copies the arrays and checks that they have the same, non-zero length and positive std. */
    public Normalization {
        if (mean == null || std == null || mean.length == 0 || mean.length != std.length) {
            throw new IllegalArgumentException("Normalization: mean and std need the same, non-zero length, got "
                    + (mean == null ? "null" : mean.length) + " and " + (std == null ? "null" : std.length));
        }
        mean = mean.clone();
        std = std.clone();
        for (int c = 0; c < std.length; c++) {
            if (!(std[c] > 0) || !Float.isFinite(std[c]) || !Float.isFinite(mean[c])) {
                throw new IllegalArgumentException(
                        "Normalization: channel " + c + " has mean " + mean[c] + ", std " + std[c]
                                + "; expected finite values and std > 0");
            }
        }
    }

    /** Mean 0, std 1: model-input space is [0,1] pixel space. */
    public static Normalization identity(int channels) {
        float[] zeros = new float[channels], ones = new float[channels];
        Arrays.fill(ones, 1f);
        return new Normalization(zeros, ones);
    }

    /** ImageNet statistics, mean (0.485, 0.456, 0.406), std (0.229, 0.224, 0.225), as torchvision. */
    public static Normalization imageNet() {
        return new Normalization(new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f});
    }

    /** Images per {@link ImageDataset#pixels(int[])} call in {@link #fit}. */
    private static final int FIT_CHUNK = 256;

    /**
     * Per-channel mean and (population) standard deviation over every pixel of a data set, accumulated
     * in double precision.
     */
    public static Normalization fit(ImageDataset dataset) {
        int channels = dataset.channels(), plane = dataset.height() * dataset.width();
        double[] sum = new double[channels], sumSq = new double[channels];
        for (int from = 0; from < dataset.size(); from += FIT_CHUNK) {
            int[] idx = java.util.stream.IntStream.range(from, Math.min(dataset.size(), from + FIT_CHUNK)).toArray();
            for (float[] x : dataset.pixels(idx)) { // a lazy folder decodes a chunk in parallel; the sums keep the image order
                for (int c = 0; c < channels; c++) {
                    for (int p = c * plane; p < (c + 1) * plane; p++) {
                        sum[c] += x[p];
                        sumSq[c] += (double) x[p] * x[p];
                    }
                }
            }
        }
        double n = (double) dataset.size() * plane;
        if (n == 0) {
            throw new IllegalArgumentException("Normalization.fit: the data set is empty");
        }
        float[] mean = new float[channels], std = new float[channels];
        for (int c = 0; c < channels; c++) {
            double m = sum[c] / n;
            mean[c] = (float) m;
            std[c] = (float) Math.sqrt(Math.max(0, sumSq[c] / n - m * m));
        }
        return new Normalization(mean, std);
    }

    /** Number of channels. */
    public int channels() {
        return mean.length;
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] std() {
        return std.clone();
    }

    /** Model-input values of planar [C][H][W] pixels. */
    public float[] apply(float[] chw) {
        float[] out = new float[chw.length];
        applyInto(chw, out, 0, planeOf(chw));
        return out;
    }

    /** Pixel values of planar [C][H][W] model-input values, for display. */
    public float[] invert(float[] chw) {
        int plane = planeOf(chw);
        float[] out = new float[chw.length];
        for (int c = 0; c < mean.length; c++) {
            for (int p = c * plane; p < (c + 1) * plane; p++) {
                out[p] = chw[p] * std[c] + mean[c];
            }
        }
        return out;
    }

    /** Pixel values of a [B,C,H,W] or [C,H,W] model-input array, for display; a new array. */
    public NDArray invert(NDArray x) {
        Shape s = x.getShape();
        int channelAxis = s.dimension() - 3;
        if (channelAxis < 0 || channelAxis > 1 || s.get(channelAxis) != mean.length) {
            throw new IllegalArgumentException("expected a [B," + mean.length + ",H,W] or [" + mean.length
                    + ",H,W] array, got shape " + s);
        }
        Shape perChannel = channelAxis == 0 ? new Shape(mean.length, 1, 1) : new Shape(1, mean.length, 1, 1);
        try (NDArray m = x.getManager().create(mean, perChannel); NDArray sd = x.getManager().create(std, perChannel);
                NDArray scaled = x.mul(sd)) {
            return scaled.add(m);
        }
    }

    /**
     * A [B,C,H,W] model-input batch of planar [C][H][W] pixel arrays (values in [0,1], e.g. from
     * {@link ImageFolderDataset#readImage}).
     *
     * @param chw the shape {C, H, W} of every image (C = this normalisation's channel count)
     * @throws IllegalArgumentException naming the image whose size is not C·H·W
     */
    public NDArray batch(NDManager manager, int[] chw, List<float[]> pixels) {
        if (chw.length != 3 || chw[0] != mean.length) {
            throw new IllegalArgumentException("expected the shape {" + mean.length + ", H, W}, got " + Arrays.toString(chw));
        }
        int plane = chw[1] * chw[2], per = chw[0] * plane;
        float[] flat = new float[pixels.size() * per];
        for (int b = 0; b < pixels.size(); b++) {
            if (pixels.get(b).length != per) {
                throw new IllegalArgumentException("image " + b + " has " + pixels.get(b).length + " values, expected C·H·W = " + per);
            }
            applyInto(pixels.get(b), flat, b * per, plane);
        }
        return manager.create(flat, new Shape(pixels.size(), chw[0], chw[1], chw[2]));
    }

    /** Writes the model-input values of planar {@code chw} into {@code out} starting at {@code offset}. */
    public void applyInto(float[] chw, float[] out, int offset) {
        applyInto(chw, out, offset, planeOf(chw));
    }

    /** As {@link #applyInto(float[], float[], int)} with the plane size given. */
    void applyInto(float[] chw, float[] out, int offset, int plane) {
        for (int c = 0; c < mean.length; c++) {
            float m = mean[c], sd = std[c];
            for (int p = c * plane; p < (c + 1) * plane; p++) {
                out[offset + p] = (chw[p] - m) / sd;
            }
        }
    }

    private int planeOf(float[] chw) {
        if (chw.length % mean.length != 0) {
            throw new IllegalArgumentException("an image of " + chw.length + " values is not " + mean.length
                    + " planes");
        }
        return chw.length / mean.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Normalization n && Arrays.equals(mean, n.mean) && Arrays.equals(std, n.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "Normalization[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
    }
}

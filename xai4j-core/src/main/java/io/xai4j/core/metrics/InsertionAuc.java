package io.xai4j.core.metrics;

/**
 * Insertion AUC (Petsiuk, Das and Saenko, RISE, BMVC 2018, arXiv 1806.07421), docs/methods/image-metrics.md#deletion-and-insertion-auc:
 * x₀ = blur(x) with the RISE kernel (11 taps, σ = 5, zero padding; see {@link RiseBlur}), and each
 * step copies the next {@code step} most salient pixels back from x. A faithful map makes the
 * probability rise fast: higher is better.
 */
public final class InsertionAuc extends CausalMetric {

    private InsertionAuc(Builder<InsertionAuc> builder) {
        super(builder);
    }

    /** A builder with the spec's defaults: step = W, forwardBatch 64, top-1 class, softmax. */
    public static Builder<InsertionAuc> builder() {
        return new Builder<>(InsertionAuc::new);
    }

    @Override
    public String name() {
        return "insertion_auc";
    }

    @Override
    public Direction direction() {
        return Direction.HIGHER;
    }

    @Override
    boolean startsFromOriginal() {
        return false;
    }

    @Override
    void writeStart(float[] images, int offset, int channels, int height, int width, float[] out, int outOffset) {
        RiseBlur.blur(images, offset, channels, height, width, out, outOffset);
    }

    @Override
    void writePixel(float[] images, int offset, int plane, int channels, int pixel, float[] out, int outOffset) {
        for (int c = 0; c < channels; c++) {
            out[outOffset + c * plane + pixel] = images[offset + c * plane + pixel];
        }
    }
}

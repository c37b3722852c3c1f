package io.xai4j.core.metrics;

/**
 * Deletion AUC (Petsiuk, Das and Saenko, RISE, BMVC 2018, arXiv 1806.07421), docs/methods/image-metrics.md#deletion-and-insertion-auc:
 * x₀ = x, and each step sets the next {@code step} most salient pixels (all channels) to 0 in
 * model-input space (the dataset mean colour). A faithful map makes the probability fall fast: lower
 * is better.
 *
 * <pre>{@code
 * CurveResult r = DeletionAuc.builder().build().evaluate(model, images, attribution.maps(), targets);
 * }</pre>
 */
public final class DeletionAuc extends CausalMetric {

    private DeletionAuc(Builder<DeletionAuc> builder) {
        super(builder);
    }

    /** A builder with the spec's defaults: step = W, forwardBatch 64, top-1 class, softmax. */
    public static Builder<DeletionAuc> builder() {
        return new Builder<>(DeletionAuc::new);
    }

    @Override
    public String name() {
        return "deletion_auc";
    }

    @Override
    public Direction direction() {
        return Direction.LOWER;
    }

    @Override
    boolean startsFromOriginal() {
        return true;
    }

    @Override
    void writeStart(float[] images, int offset, int channels, int height, int width, float[] out, int outOffset) {
        System.arraycopy(images, offset, out, outOffset, channels * height * width);
    }

    @Override
    void writePixel(float[] images, int offset, int plane, int channels, int pixel, float[] out, int outOffset) {
        for (int c = 0; c < channels; c++) {
            out[outOffset + c * plane + pixel] = 0f;
        }
    }
}

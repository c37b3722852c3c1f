package io.xai4j.core.explain;

import java.util.Map;

/**
 * The result of explaining a batch: one saliency map per image, as values in Java memory (no native
 * tensor escapes an explainer, so a loop over many batches keeps flat native memory).
 *
 * @param method explainer name ("gradcam", "cam", "cgrad", "eb", "ceb", "rise", ...)
 * @param raw method output before resizing [B][h][w] (layer or input resolution), never normalised
 * @param maps {@code raw} upsampled bilinearly to [B][H][W] and min–max normalised to [0,1]
 * @param targetScores pre-softmax score of the explained class per image
 * @param targets explained class per image
 * @param layer the layer the method read (null for input-level methods)
 * @param degenerate per image: the map was flat or contained NaN/Inf and was set to zero
 * @param params method parameters (seed, number of masks, read-out layer, ...)
 * @param scores the model's pre-softmax scores of every class per image [B][C], from the method's own forward pass on the
 *     unperturbed images, so that a caller needs no second pass for the prediction; null when the method did not run one
 */
public record Attribution(
        String method,
        float[][][] raw,
        float[][][] maps,
        float[] targetScores,
        int[] targets,
        String layer,
        boolean[] degenerate,
        Map<String, Object> params,
        float[][] scores) implements Explanation {

    /** Number of images explained. */
    public int size() {
        return maps.length;
    }

    /**
     * The top-1 class per image from {@link #scores} (ties to the lower index, like {@link Targets#top1()}), or null when the
     * method did not keep its scores.
     */
    public int[] predicted() {
        return scores == null ? null : Targets.top1().resolve(scores);
    }

    /**
     * {@code raw} upsampled bilinearly to {@code height}×{@code width} like {@code maps}, but not
     * normalised: for metrics that need the method's own scale (joint normalisation of two classes'
     * maps, infidelity). A fresh array; NaN/Inf are read as 0.
     */
    public float[][][] rawAtResolution(int height, int width) {
        float[][][] out = new float[raw.length][][];
        for (int i = 0; i < raw.length; i++) {
            out[i] = MapOps.upsampleBilinear(raw[i], height, width);
            MapOps.sanitise(out[i]);
        }
        return out;
    }

    /**
     * Builds an attribution from raw maps: bilinear upsampling to the input size, then min–max normalisation per map
     * (docs/methods/image-attribution.md).
     */
    public static Attribution of(
            String method,
            float[][][] raw,
            int height,
            int width,
            float[] targetScores,
            int[] targets,
            String layer,
            Map<String, Object> params) {
        return build(method, raw, height, width, targetScores, targets, layer, params, null);
    }

    /**
     * As {@link #of(String, float[][][], int, int, float[], int[], String, Map)} from the method's forward pass: every class's
     * score per image ({@code scores} [B][C]) is kept, and the target scores are read from it.
     */
    public static Attribution of(String method, float[][][] raw, int height, int width, float[][] scores, int[] targets, String layer,
            Map<String, Object> params) {
        return build(method, raw, height, width, Targets.scoresOf(scores, targets), targets, layer, params, scores);
    }

    private static Attribution build(String method, float[][][] raw, int height, int width, float[] targetScores, int[] targets,
            String layer, Map<String, Object> params, float[][] scores) {
        int b = raw.length;
        float[][][] maps = new float[b][][];
        boolean[] degenerate = new boolean[b];
        for (int i = 0; i < b; i++) {
            degenerate[i] = MapOps.sanitise(raw[i]);
            maps[i] = MapOps.upsampleBilinear(raw[i], height, width);
            degenerate[i] |= MapOps.minMaxNormaliseInPlace(maps[i]);
        }
        return new Attribution(method, raw, maps, targetScores, targets, layer, degenerate, Map.copyOf(params), scores);
    }
}

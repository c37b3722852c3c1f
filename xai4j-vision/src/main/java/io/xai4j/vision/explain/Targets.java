package io.xai4j.vision.explain;

import ai.djl.ndarray.NDArray;

/** Input checks shared by the image explainers; target resolution is {@link io.xai4j.core.explain.Targets}. */
final class Targets {

    private Targets() {}

    /** The explained classes for a batch whose logits [B,C] are known (null targets: top-1). */
    static int[] resolve(int[] targets, float[][] logits) {
        return io.xai4j.core.explain.Targets.of(targets).resolve(logits);
    }

    static void checkImages(NDArray images) {
        if (images.getShape().dimension() != 4) {
            throw new IllegalArgumentException("expected images [B,C,H,W], got " + images.getShape());
        }
    }
}

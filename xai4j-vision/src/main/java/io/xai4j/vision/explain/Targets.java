package io.xai4j.vision.explain;

import ai.djl.ndarray.NDArray;
import io.xai4j.core.runtime.Tensors;

/** Resolution of explained classes: given targets, or the model's top-1 class per image. */
final class Targets {

    private Targets() {}

    /** The explained classes for a batch whose logits [B,C] are known. */
    static int[] resolve(int[] targets, float[][] logits) {
        if (targets == null) {
            return Tensors.argmax(logits);
        }
        if (targets.length != logits.length) {
            throw new IllegalArgumentException(
                    "got " + targets.length + " targets for a batch of " + logits.length + " images");
        }
        for (int b = 0; b < targets.length; b++) {
            if (targets[b] < 0 || targets[b] >= logits[b].length) {
                throw new IllegalArgumentException(
                        "target " + targets[b] + " of image " + b + " is outside 0.." + (logits[b].length - 1));
            }
        }
        return targets.clone();
    }

    /** logits[b][targets[b]]. */
    static float[] scores(float[][] logits, int[] targets) {
        float[] s = new float[targets.length];
        for (int b = 0; b < s.length; b++) {
            s[b] = logits[b][targets[b]];
        }
        return s;
    }

    static void checkImages(NDArray images) {
        if (images.getShape().dimension() != 4) {
            throw new IllegalArgumentException("expected images [B,C,H,W], got " + images.getShape());
        }
    }
}

package io.xai4j.core.explain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;

/**
 * An image explainer: a batch of images in model-input space and one target class per image in, one map per
 * image out ({@link ExplanationMethod} for images). Implementations compute one class per image row
 * ({@link #explain(NDArray, int[])}); target handling ({@link Targets}: top-1, explicit, every class) is done
 * once, here.
 */
public interface Explainer extends ExplanationMethod<NDArray, Attribution> {

    /**
     * Explains one class per image.
     *
     * @param images [B,3,H,W] float32 in model-input (normalised) space
     * @param targets one class per image, or null for the model's top-1 class
     */
    Attribution explain(NDArray images, int[] targets);

    /**
     * Explains {@code images} for {@code targets}. For {@link Targets#allClasses()} the batch is laid out once per
     * class (class-major: row c·B + b explains class c of image b), so every method supports it without code of
     * its own; {@code numClasses} comes from {@link #numClasses()}.
     */
    @Override
    default Attribution explain(NDArray images, Targets targets) {
        if (!targets.isAllClasses()) {
            return explain(images, targets.explicit());
        }
        int b = (int) images.getShape().get(0), c = numClasses();
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            Shape s = images.getShape();
            NDArray tiled = images.expandDims(0).repeat(0, c).reshape(new Shape(b * (long) c, s.get(1), s.get(2), s.get(3)));
            return explain(tiled, Targets.expand(b, c)); // Java arrays only: nothing escapes the scope
        }
    }

    /** The number of classes of the explained model (for every-class targets). */
    int numClasses();
}

package io.xai4j.core.metrics;

import java.util.Random;

/**
 * Draws the input perturbations of infidelity (Captum's {@code perturb_func}). Each sample has its own
 * generator, seeded with seed + sample index, so a sample's perturbations do not depend on which other
 * images share its batch (docs/methods/image-metrics.md#conventions).
 */
@FunctionalInterface
public interface Perturbation {

    /**
     * Fills {@code out} ([C,H,W] row-major) with perturbation {@code draw} of sample {@code sample}.
     *
     * @param generator the sample's generator; draws of one sample are requested in order 0, 1, …
     */
    void draw(long sample, int draw, Random generator, float[] out);

    /** I ~ N(0, σ²) i.i.d. per input element. */
    static Perturbation gaussian(double sigma) {
        if (!(sigma >= 0)) {
            throw new IllegalArgumentException("σ must be ≥ 0, got " + sigma);
        }
        return (sample, draw, generator, out) -> {
            for (int k = 0; k < out.length; k++) {
                out[k] = (float) (generator.nextGaussian() * sigma);
            }
        };
    }

    /** δ ~ U[−r, r] i.i.d. per input element. */
    static Perturbation uniform(double radius) {
        if (!(radius >= 0)) {
            throw new IllegalArgumentException("radius must be ≥ 0, got " + radius);
        }
        return (sample, draw, generator, out) -> {
            for (int k = 0; k < out.length; k++) {
                out[k] = (float) ((2 * generator.nextDouble() - 1) * radius);
            }
        };
    }
}

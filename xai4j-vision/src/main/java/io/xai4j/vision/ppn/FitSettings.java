package io.xai4j.vision.ppn;

/**
 * How the prototypes were fitted (docs/methods/posthoc-ppn.md#defaults: k = 3, nMax = 1000, nObj = 200, 200 NMF iterations,
 * tolerance 1e-4, background off, all images regardless of prediction).
 *
 * @param k part prototypes per class (a background component comes on top)
 * @param maxImages nMax, images per class in the NMF (seeded subset)
 * @param objectiveImages nObj, images in the β objective (seeded subset of the NMF images)
 * @param maxIterations NMF iteration cap
 * @param tolerance NMF stopping tolerance on the relative error gain per 10 iterations
 * @param background fit a background component
 * @param correctOnly use only correctly classified training images
 * @param seed global seed (class c's NMF uses seed + c)
 */
public record FitSettings(int k, int maxImages, int objectiveImages, int maxIterations, double tolerance, boolean background,
        boolean correctOnly, long seed) {

    public FitSettings {
        if (k < 1) {
            throw new IllegalArgumentException("k (prototypes per class) must be ≥ 1, got " + k);
        }
        if (maxImages < 1 || objectiveImages < 1 || maxIterations < 1) {
            throw new IllegalArgumentException("maxImages, objectiveImages and maxIterations must be ≥ 1");
        }
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("tolerance must be ≥ 0, got " + tolerance);
        }
    }

    /** The defaults (docs/methods/posthoc-ppn.md#defaults) with the given seed. */
    public static FitSettings defaults(long seed) {
        return new FitSettings(3, 1000, 200, 200, 1e-4, false, false, seed);
    }

    /** Components in the NMF: k, or k + 1 with the background. */
    public int components() {
        return background ? k + 1 : k;
    }
}

package io.xai4j.vision.data;

import java.util.Locale;

/**
 * Configuration of the PartShapes benchmark (docs/methods/partshapes.md). The defaults are the benchmark; the
 * difficulty knobs are parts per class, distractors, part size, colour jitter, pixel noise and image
 * size. Change a default only with a stated reason, and report numbers for the defaults.
 *
 * @param imageSize S, the image side in pixels (default 64; at least 32)
 * @param numClasses number of classes (default 6)
 * @param partsPerClass discriminative part types per class, 1..4 (default 2)
 * @param minDistractors fewest distractor parts per image (default 0)
 * @param maxDistractors most distractor parts per image (default 2); the count is uniform in between
 * @param distractorTypes number of part types reserved as distractors (default 6)
 * @param unseenTypes number of part types reserved for the ood split (default 6)
 * @param partDiameter part bounding-circle diameter as a fraction of S before scaling (default 1/6)
 * @param minScale smallest random scale of a part (default 0.8)
 * @param maxScale largest random scale of a part (default 1.2)
 * @param colourJitter half-range of the per-part lightness jitter (default 0.15): a colour c moves
 *     towards white by c + (1 − c)·j for j &gt; 0 and towards black by c·(1 + j) for j &lt; 0
 * @param pixelNoise standard deviation of the per-pixel, per-channel noise on [0,1] values (default 0.04)
 * @param trainSize train images (default 3000)
 * @param valSize validation images (default 600)
 * @param testSize test images (default 1200)
 * @param oodSize out-of-distribution images (default 600)
 * @param seed the one seed every split, role assignment and image is derived from (default 0)
 * @param maxPlacementTries bound on random centre draws per image before placement gives up (default 2000)
 */
public record PartShapesConfig(
        int imageSize,
        int numClasses,
        int partsPerClass,
        int minDistractors,
        int maxDistractors,
        int distractorTypes,
        int unseenTypes,
        double partDiameter,
        double minScale,
        double maxScale,
        double colourJitter,
        double pixelNoise,
        int trainSize,
        int valSize,
        int testSize,
        int oodSize,
        long seed,
        int maxPlacementTries) {

    /** Smallest part diameter in pixels whose thin strokes (cross arms, bars) still cover whole pixels. */
    static final double MIN_PART_PIXELS = 4.0;

    /** Gap in pixels kept between the bounding circles of two parts, so that their masks never touch. */
    static final double PART_GAP = 1.0;

    /** Validates every field; messages name the field, its value and what would be valid. */
    public PartShapesConfig {
        require(imageSize >= 32, "imageSize", imageSize, "at least 32");
        require(numClasses >= 2, "numClasses", numClasses, "at least 2");
        require(partsPerClass >= 1 && partsPerClass <= 4, "partsPerClass", partsPerClass, "1..4");
        require(partsPerClass == 1 || numClasses > partsPerClass, "numClasses", numClasses,
                "more than partsPerClass = " + partsPerClass + ", so that the class part sets on the cycle of"
                        + " discriminative types are distinct");
        require(minDistractors >= 0, "minDistractors", minDistractors, "at least 0");
        require(maxDistractors >= minDistractors && maxDistractors <= 16, "maxDistractors", maxDistractors,
                "minDistractors (" + minDistractors + ") ..16");
        require(maxDistractors == 0 ? distractorTypes >= 0 : distractorTypes >= 1, "distractorTypes",
                distractorTypes, "at least 1 when maxDistractors > 0");
        require(oodSize == 0 || unseenTypes >= partsPerClass, "unseenTypes", unseenTypes,
                "at least partsPerClass = " + partsPerClass + " when oodSize > 0");
        require(unseenTypes >= 0, "unseenTypes", unseenTypes, "at least 0");
        int used = numClasses + distractorTypes + unseenTypes;
        require(used <= PartType.VOCABULARY_SIZE, "numClasses + distractorTypes + unseenTypes", used,
                "at most " + PartType.VOCABULARY_SIZE + " (8 shapes × 6 hues)");
        require(partDiameter > 0 && partDiameter < 1, "partDiameter", partDiameter, "in (0, 1)");
        require(minScale > 0 && minScale <= maxScale, "minScale", minScale, "in (0, maxScale = " + maxScale + "]");
        require(imageSize * partDiameter * maxScale <= imageSize, "maxScale", maxScale,
                "small enough that imageSize·partDiameter·maxScale ≤ imageSize");
        require(imageSize * partDiameter * minScale >= MIN_PART_PIXELS, "partDiameter", partDiameter,
                "large enough that the smallest part, imageSize·partDiameter·minScale = "
                        + imageSize * partDiameter * minScale + " px, is at least " + MIN_PART_PIXELS + " px");
        require(colourJitter >= 0 && colourJitter <= 0.5, "colourJitter", colourJitter, "in [0, 0.5]");
        require(pixelNoise >= 0 && pixelNoise <= 0.5, "pixelNoise", pixelNoise, "in [0, 0.5]");
        require(trainSize >= 0, "trainSize", trainSize, "at least 0");
        require(valSize >= 0, "valSize", valSize, "at least 0");
        require(testSize >= 0, "testSize", testSize, "at least 0");
        require(oodSize >= 0, "oodSize", oodSize, "at least 0");
        require(maxPlacementTries >= 1, "maxPlacementTries", maxPlacementTries, "at least 1");
        // Disjoint discs inside the canvas cannot cover more than its area: a quick, certain refusal.
        int parts = partsPerClass + maxDistractors;
        double r = (imageSize * partDiameter * minScale + PART_GAP) / 2;
        double area = parts * Math.PI * r * r;
        if (area > (double) imageSize * imageSize) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "PartShapesConfig: the canvas cannot hold the parts: %d parts (partsPerClass %d + maxDistractors %d)"
                            + " of diameter at least %.1f px cover %.0f px² but a %dx%d canvas has %d px²;"
                            + " use a larger imageSize, a smaller partDiameter or minScale, or fewer parts",
                    parts, partsPerClass, maxDistractors, 2 * r - PART_GAP, area, imageSize, imageSize,
                    imageSize * imageSize));
        }
    }

    /** The benchmark defaults. */
    public static PartShapesConfig defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.imageSize = imageSize;
        b.numClasses = numClasses;
        b.partsPerClass = partsPerClass;
        b.minDistractors = minDistractors;
        b.maxDistractors = maxDistractors;
        b.distractorTypes = distractorTypes;
        b.unseenTypes = unseenTypes;
        b.partDiameter = partDiameter;
        b.minScale = minScale;
        b.maxScale = maxScale;
        b.colourJitter = colourJitter;
        b.pixelNoise = pixelNoise;
        b.trainSize = trainSize;
        b.valSize = valSize;
        b.testSize = testSize;
        b.oodSize = oodSize;
        b.seed = seed;
        b.maxPlacementTries = maxPlacementTries;
        return b;
    }

    /** Number of images of a split. */
    public int splitSize(Split split) {
        switch (split) {
            case TRAIN:
                return trainSize;
            case VAL:
                return valSize;
            case TEST:
                return testSize;
            case OOD:
                return oodSize;
            default:
                throw new AssertionError(split);
        }
    }

    private static void require(boolean ok, String field, Object value, String expected) {
        if (!ok) {
            throw new IllegalArgumentException(
                    "PartShapesConfig." + field + " = " + value + ": expected " + expected);
        }
    }

    /** Builder for {@link PartShapesConfig}; every setting is optional and starts at the default. */
    public static final class Builder {
        private int imageSize = 64;
        private int numClasses = 6;
        private int partsPerClass = 2;
        private int minDistractors = 0;
        private int maxDistractors = 2;
        private int distractorTypes = 6;
        private int unseenTypes = 6;
        private double partDiameter = 1.0 / 6;
        private double minScale = 0.8;
        private double maxScale = 1.2;
        private double colourJitter = 0.15;
        private double pixelNoise = 0.04;
        private int trainSize = 3000;
        private int valSize = 600;
        private int testSize = 1200;
        private int oodSize = 600;
        private long seed = 0;
        private int maxPlacementTries = 2000;

        private Builder() {}

        public Builder optImageSize(int imageSize) {
            this.imageSize = imageSize;
            return this;
        }

        public Builder optNumClasses(int numClasses) {
            this.numClasses = numClasses;
            return this;
        }

        public Builder optPartsPerClass(int partsPerClass) {
            this.partsPerClass = partsPerClass;
            return this;
        }

        /** Distractor parts per image, uniform in [min, max]. */
        public Builder optDistractors(int min, int max) {
            this.minDistractors = min;
            this.maxDistractors = max;
            return this;
        }

        public Builder optDistractorTypes(int distractorTypes) {
            this.distractorTypes = distractorTypes;
            return this;
        }

        public Builder optUnseenTypes(int unseenTypes) {
            this.unseenTypes = unseenTypes;
            return this;
        }

        /** Part diameter as a fraction of the image size, before the random scale. */
        public Builder optPartDiameter(double partDiameter) {
            this.partDiameter = partDiameter;
            return this;
        }

        /** Range of the random part scale. */
        public Builder optScale(double min, double max) {
            this.minScale = min;
            this.maxScale = max;
            return this;
        }

        public Builder optColourJitter(double colourJitter) {
            this.colourJitter = colourJitter;
            return this;
        }

        public Builder optPixelNoise(double pixelNoise) {
            this.pixelNoise = pixelNoise;
            return this;
        }

        /** Images per split: train, val, test, ood. */
        public Builder optSplitSizes(int train, int val, int test, int ood) {
            this.trainSize = train;
            this.valSize = val;
            this.testSize = test;
            this.oodSize = ood;
            return this;
        }

        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder optMaxPlacementTries(int maxPlacementTries) {
            this.maxPlacementTries = maxPlacementTries;
            return this;
        }

        /** Validates and builds. */
        public PartShapesConfig build() {
            return new PartShapesConfig(imageSize, numClasses, partsPerClass, minDistractors, maxDistractors,
                    distractorTypes, unseenTypes, partDiameter, minScale, maxScale, colourJitter, pixelNoise,
                    trainSize, valSize, testSize, oodSize, seed, maxPlacementTries);
        }
    }
}

package io.xai4j.vision.pipnet;

/**
 * The op set of PIP-Net's per-view colour augmentation TA_colour (docs/methods/pipnet.md#augmentation).
 *
 * <p>L_A pulls the two views of an image, coloured independently, onto the same prototype at every
 * cell, so every colour op teaches the prototypes an invariance. The spec's set contains the
 * per-channel AutoContrast and Equalize, which change hue (each channel is stretched on its own); on
 * data whose classes are told apart by hue (PartShapes: a part type is a (shape, colour) pair, e.g.
 * a blue square vs a green square) that invariance works against the task. {@link #HUE_PRESERVING}
 * and {@link #NONE} exist to measure this; they are not the spec's default. {@link #CARS} is the spec's
 * variant for data sets like Stanford Cars (official {@code TrivialAugmentWideNoShapeWithColor}).
 */
public enum ColourOps {
    /** The spec's TA_colour: Identity, Brightness, Color (±0.02), Contrast, Sharpness, Posterize, AutoContrast, Equalize. */
    TRIVIAL,
    /** The spec's set without the two per-channel ops (AutoContrast, Equalize) that shift hue. */
    HUE_PRESERVING,
    /** No colour augmentation: both views differ only by their crops. */
    NONE,
    /**
     * The CARS variant of docs/methods/pipnet.md#augmentation (official {@code TrivialAugmentWideNoShapeWithColor}, used for Stanford Cars, whose classes
     * do not depend on the paint colour): the spec's set with Color up to ±0.5 instead of ±0.02, plus Solarize.
     */
    CARS;

    /** Parses {@code trivial}, {@code hue-preserving}, {@code none} or {@code cars}. */
    public static ColourOps parse(String s) {
        return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "trivial" -> TRIVIAL;
            case "hue-preserving" -> HUE_PRESERVING;
            case "none" -> NONE;
            case "cars" -> CARS;
            default -> throw new IllegalArgumentException("--colour-ops must be trivial, hue-preserving, none or cars, got '" + s + "'");
        };
    }
}

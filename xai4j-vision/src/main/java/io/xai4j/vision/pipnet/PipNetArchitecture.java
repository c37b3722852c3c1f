package io.xai4j.vision.pipnet;

/**
 * The shape of a PIP-Net head on its backbone (docs/methods/pipnet.md#model).
 *
 * @param prototypes D, the number of prototypes; must equal the backbone's channel count C unless
 *     {@code addOnConv}
 * @param addOnConv whether a 1×1 conv (with bias) maps C to D
 * @param bias whether the scoring sheet has a (non-negative) bias; off by default because a bias
 *     breaks abstention
 * @param imageSize S, the square model-input side
 */
public record PipNetArchitecture(int prototypes, boolean addOnConv, boolean bias, int imageSize) {

    public PipNetArchitecture {
        if (prototypes < 1) {
            throw new IllegalArgumentException("prototypes must be at least 1, got " + prototypes);
        }
        if (imageSize < 8) {
            throw new IllegalArgumentException("imageSize must be at least 8, got " + imageSize);
        }
    }

    /** The CPU default (docs/methods/pipnet.md#model): smallcnn with D = C prototypes, no add-on, no bias. */
    public static PipNetArchitecture smallCnn(int prototypes, int imageSize) {
        return new PipNetArchitecture(prototypes, false, false, imageSize);
    }
}

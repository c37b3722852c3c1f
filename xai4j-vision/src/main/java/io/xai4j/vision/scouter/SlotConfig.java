package io.xai4j.vision.scouter;

/**
 * The architecture of SCOUTER's explainable slot-attention head, xSlot (docs/methods/scouter.md).
 *
 * @param numClasses K
 * @param channels C, the backbone's output channels
 * @param dim d, the slot and hidden dimension (divisible by 4, for the sine position embedding)
 * @param slotsPerClass spc; the head has M = K·spc slots, slot i belonging to class ⌊i / spc⌋
 * @param iterations T, attention iterations (T − 1 GRU updates change the output)
 * @param keyLayers L_k, linear layers of the key MLP
 * @param sign e: +1 for SCOUTER+ (positive evidence), −1 for SCOUTER− (negative evidence)
 */
public record SlotConfig(int numClasses, int channels, int dim, int slotsPerClass, int iterations, int keyLayers, int sign) {

    /** d of the paper's code. */
    public static final int DEFAULT_DIM = 64;
    /** T of the paper's code. */
    public static final int DEFAULT_ITERATIONS = 3;
    /** L_k of the paper's code (1 on MNIST). */
    public static final int DEFAULT_KEY_LAYERS = 3;

    public SlotConfig {
        if (numClasses < 2 || channels < 1 || slotsPerClass < 1 || iterations < 1 || keyLayers < 1) {
            throw new IllegalArgumentException("SCOUTER needs numClasses >= 2, channels >= 1, slotsPerClass >= 1, iterations >= 1 and keyLayers >= 1");
        }
        if (dim < 4 || dim % 4 != 0) {
            throw new IllegalArgumentException("the slot dimension d must be a positive multiple of 4 (sine position embedding), got " + dim);
        }
        if (sign != 1 && sign != -1) {
            throw new IllegalArgumentException("the evidence sign must be +1 (SCOUTER+) or -1 (SCOUTER-), got " + sign);
        }
    }

    /** The paper's defaults (d 64, T 3, L_k 3) for {@code numClasses} classes on {@code channels} backbone channels. */
    public static SlotConfig defaults(int numClasses, int channels, int slotsPerClass, boolean positive) {
        return new SlotConfig(numClasses, channels, DEFAULT_DIM, slotsPerClass, DEFAULT_ITERATIONS, DEFAULT_KEY_LAYERS, positive ? 1 : -1);
    }

    /** M = K·spc. */
    public int slots() {
        return numClasses * slotsPerClass;
    }

    /** "scouter+" or "scouter-". */
    public String variant() {
        return sign > 0 ? "scouter+" : "scouter-";
    }
}

package io.xai4j.vision.model;

/**
 * Architecture of the built-in ResNet-style CNN family for 28–128 px images on CPU.
 *
 * @param inChannels image channels (3; grayscale data is replicated to RGB by the readers)
 * @param numClasses number of classes
 * @param stemWidth channels of the 3×3 stem convolution (stride 1)
 * @param widths channels of each residual stage ("layer1", "layer2", ...)
 * @param strides stride of the first block of each stage
 * @param blocksPerStage basic residual blocks per stage
 */
public record SmallResNetConfig(int inChannels, int numClasses, int stemWidth, int[] widths, int[] strides, int blocksPerStage) {

    public SmallResNetConfig {
        if (widths.length == 0 || widths.length != strides.length) {
            throw new IllegalArgumentException("widths and strides must be non-empty and of equal length");
        }
        if (blocksPerStage < 1 || numClasses < 2 || inChannels < 1) {
            throw new IllegalArgumentException("blocksPerStage >= 1, numClasses >= 2 and inChannels >= 1 are required");
        }
    }

    /**
     * The default for an image size: a 16-channel stem and three stages of 16/32/64 channels. Images of 48 px or more are
     * downsampled in every stage (64 px → 8×8 features), smaller ones (28 px) only in stages 2 and 3.
     */
    public static SmallResNetConfig forImageSize(int size, int inChannels, int numClasses) {
        int[] strides = size >= 48 ? new int[] {2, 2, 2} : new int[] {1, 2, 2};
        return new SmallResNetConfig(inChannels, numClasses, 16, new int[] {16, 32, 64}, strides, 1);
    }
}

package io.xai4j.vision.pipnet;

/**
 * One training epoch of PIP-Net.
 *
 * @param phase phase 1 ({@link PipNetPhase#PRETRAIN}) or 2 ({@link PipNetPhase#TRAIN})
 * @param epoch 1-based epoch within the phase
 * @param classifierOnly whether only the classifier trained (first phase-2 epochs)
 * @param loss mean total loss
 * @param alignment mean L_A
 * @param tanh mean L_T
 * @param classification mean L_C
 * @param accuracy training accuracy over both views (NaN in phase 1)
 * @param presentPrototypes mean number of prototypes with p &gt; 0.1 in some image of a batch
 * @param seconds wall time
 * @param imagesPerSecond training images (not views) per second
 */
public record PipNetEpochStats(
        PipNetPhase phase,
        int epoch,
        boolean classifierOnly,
        double loss,
        double alignment,
        double tanh,
        double classification,
        double accuracy,
        double presentPrototypes,
        double seconds,
        double imagesPerSecond) {}

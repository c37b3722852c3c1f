package io.xai4j.vision.pipnet;

/**
 * Hyper-parameters of PIP-Net training (docs/methods/pipnet.md#training).
 *
 * @param pretrainEpochs E_pre, epochs of self-supervised prototype pretraining (phase 1; 0 skips it)
 * @param epochs E, epochs of phase 2 (at least 4 in the budget rule; any ≥ 1 is accepted)
 * @param batchSize B of phase 2 (keep ≥ 32)
 * @param pretrainBatchSize B_pre of phase 1 (default 2·B)
 * @param lr classifier learning rate (0.05)
 * @param lrBlock learning rate of the mid and last backbone groups (5e-4); the add-on gets 10·lrBlock
 * @param lrNet learning rate of the early backbone group (5e-4)
 * @param freezeEpochs for pretrained backbones, phase-2 epochs up to which the early group is frozen (10)
 * @param augmentation the two-view transform
 * @param weightedSampler sample training images with weight 1/class count, with replacement
 * @param seed shuffling and augmentation seed (initialisation has its own)
 */
public record PipNetTrainingConfig(
        int pretrainEpochs,
        int epochs,
        int batchSize,
        int pretrainBatchSize,
        double lr,
        double lrBlock,
        double lrNet,
        int freezeEpochs,
        TwoViewAugmentation augmentation,
        boolean weightedSampler,
        long seed) {

    /** Phase-2 epochs during which only the classifier trains (after pretraining or a loaded checkpoint). */
    public static final int CLASSIFIER_ONLY_EPOCHS = 3;

    public PipNetTrainingConfig {
        if (pretrainEpochs < 0 || epochs < 1 || batchSize < 1 || pretrainBatchSize < 1) {
            throw new IllegalArgumentException("pretrainEpochs >= 0, epochs >= 1 and batch sizes >= 1 are required, got "
                    + pretrainEpochs + ", " + epochs + ", " + batchSize + ", " + pretrainBatchSize);
        }
        if (!(lr > 0 && lrBlock > 0 && lrNet > 0)) {
            throw new IllegalArgumentException("learning rates must be positive, got lr " + lr + ", lrBlock " + lrBlock + ", lrNet " + lrNet);
        }
    }

    /** The default rates (docs/methods/pipnet.md#parameter-groups-and-schedules) with the given epochs and batch sizes. */
    public static PipNetTrainingConfig defaults(int pretrainEpochs, int epochs, int batchSize, TwoViewAugmentation augmentation, long seed) {
        return new PipNetTrainingConfig(pretrainEpochs, epochs, batchSize, 2 * batchSize, 0.05, 5e-4, 5e-4, 10, augmentation, false, seed);
    }

    /** Epochs that give about {@code updates} optimizer steps (official budget rule, docs/methods/pipnet.md#parameter-groups-and-schedules), at least {@code min}. */
    public static int epochsForUpdates(int updates, int trainSize, int batchSize, int min) {
        int iters = Math.max(1, trainSize / batchSize);
        return Math.max(min, (int) Math.round((double) updates / iters));
    }
}

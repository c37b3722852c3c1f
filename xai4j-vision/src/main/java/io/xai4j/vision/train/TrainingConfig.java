package io.xai4j.vision.train;

/**
 * Hyper-parameters of supervised classifier training.
 *
 * @param epochs number of passes over the training set
 * @param batchSize images per step
 * @param optimizer "adamw" or "sgd"
 * @param learningRate peak learning rate (reached after the warm-up, then cosine-annealed to 0 over the remaining steps)
 * @param weightDecay decoupled (AdamW) or L2 (SGD) weight decay on conv/linear weights only
 * @param momentum SGD momentum
 * @param warmup share of all the run's steps spent warming the learning rate up linearly, in [0, 1) ({@link #warmupSteps})
 * @param seed shuffling and augmentation seed (initialisation has its own seed)
 * @param horizontalFlip flip each training image left–right with probability 1/2 (for label-preserving data only)
 */
public record TrainingConfig(
        int epochs, int batchSize, String optimizer, double learningRate, double weightDecay, double momentum, double warmup, long seed,
        boolean horizontalFlip) {

    /**
     * The default warm-up, 5 % of the steps. Goyal et al., "Accurate, Large Minibatch SGD: Training ImageNet in 1 Hour"
     * (arXiv:1706.02677, 2017) warm up for 5 of 90 epochs (5.6 %), and timm's and torchvision's ImageNet recipes use a
     * few epochs of a few hundred; a share of the steps (rather than a fixed count) keeps the peak inside every run, from
     * a folder of two batches to Fashion-MNIST.
     */
    public static final double DEFAULT_WARMUP = 0.05;

    public TrainingConfig {
        if (epochs < 1 || batchSize < 1 || !(learningRate > 0)) {
            throw new IllegalArgumentException("epochs >= 1, batchSize >= 1 and learningRate > 0 are required");
        }
        if (!optimizer.equals("adamw") && !optimizer.equals("sgd")) {
            throw new IllegalArgumentException("optimizer must be 'adamw' or 'sgd', got '" + optimizer + "'");
        }
        if (!(warmup >= 0 && warmup < 1)) {
            throw new IllegalArgumentException("warm-up must be a share of the steps in [0, 1), got " + warmup);
        }
    }

    /** AdamW, lr 2e-3, weight decay 5e-4, {@link #DEFAULT_WARMUP} of the steps warming up, no augmentation. */
    public static TrainingConfig defaults(int epochs, int batchSize, long seed) {
        return new TrainingConfig(epochs, batchSize, "adamw", 2e-3, 5e-4, 0.9, DEFAULT_WARMUP, seed, false);
    }

    /** The same configuration with or without random horizontal flips. */
    public TrainingConfig withHorizontalFlip(boolean flip) {
        return new TrainingConfig(epochs, batchSize, optimizer, learningRate, weightDecay, momentum, warmup, seed, flip);
    }

    /**
     * Warm-up steps of a run of {@code totalSteps}: {@code warmup × totalSteps} rounded, at least one when {@code warmup > 0}
     * (so a tiny run still starts below the peak and reaches it).
     */
    public long warmupSteps(long totalSteps) {
        if (warmup == 0) {
            return 0;
        }
        return Math.max(1, Math.round(warmup * totalSteps));
    }
}

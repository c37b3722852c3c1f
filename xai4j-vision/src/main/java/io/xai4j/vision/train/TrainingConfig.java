package io.xai4j.vision.train;

/**
 * Hyper-parameters of supervised classifier training.
 *
 * @param epochs number of passes over the training set
 * @param batchSize images per step
 * @param optimizer "adamw" or "sgd"
 * @param learningRate peak learning rate (cosine-annealed to 0 over all steps, after linear warm-up; a run with fewer
 *     steps than {@code warmupSteps} ends still warming up)
 * @param weightDecay decoupled (AdamW) or L2 (SGD) weight decay on conv/linear weights only
 * @param momentum SGD momentum
 * @param warmupSteps linear warm-up steps
 * @param seed shuffling and augmentation seed (initialisation has its own seed)
 * @param horizontalFlip flip each training image left–right with probability 1/2 (for label-preserving data only)
 */
public record TrainingConfig(
        int epochs, int batchSize, String optimizer, double learningRate, double weightDecay, double momentum, int warmupSteps, long seed,
        boolean horizontalFlip) {

    public TrainingConfig {
        if (epochs < 1 || batchSize < 1 || !(learningRate > 0)) {
            throw new IllegalArgumentException("epochs >= 1, batchSize >= 1 and learningRate > 0 are required");
        }
        if (!optimizer.equals("adamw") && !optimizer.equals("sgd")) {
            throw new IllegalArgumentException("optimizer must be 'adamw' or 'sgd', got '" + optimizer + "'");
        }
    }

    /** AdamW, lr 2e-3, weight decay 5e-4, 100 warm-up steps, no augmentation. */
    public static TrainingConfig defaults(int epochs, int batchSize, long seed) {
        return new TrainingConfig(epochs, batchSize, "adamw", 2e-3, 5e-4, 0.9, 100, seed, false);
    }

    /** The same configuration with or without random horizontal flips. */
    public TrainingConfig withHorizontalFlip(boolean flip) {
        return new TrainingConfig(epochs, batchSize, optimizer, learningRate, weightDecay, momentum, warmupSteps, seed, flip);
    }
}

package io.xai4j.vision.scouter;

/**
 * Hyper-parameters of SCOUTER training (docs/methods/scouter.md#training).
 *
 * @param epochs passes over the training set
 * @param batchSize images per step; the last incomplete batch of an epoch is dropped, as in the official code
 * @param learningRate AdamW learning rate (official 1e-4)
 * @param weightDecay decoupled decay on every trained parameter, θ ← θ·(1 − lr·wd) (official 0.01, PyTorch's default)
 * @param stepEpochs the learning rate is multiplied by {@code stepGamma} every this many epochs (official 70)
 * @param stepGamma the step schedule's factor (official 0.1)
 * @param lambda λ of the area loss
 * @param power the area loss's exponent: L = CE + λ·mean(A)^power
 * @param freezeStages leading backbone split points that never train (0: none; built-in backbone only)
 * @param seed the batches' order
 */
public record ScouterTrainingConfig(int epochs, int batchSize, double learningRate, double weightDecay, int stepEpochs, double stepGamma,
        double lambda, double power, int freezeStages, long seed) {

    public ScouterTrainingConfig {
        if (epochs < 1 || batchSize < 1 || !(learningRate > 0) || stepEpochs < 1) {
            throw new IllegalArgumentException("epochs >= 1, batchSize >= 1, learningRate > 0 and stepEpochs >= 1 are required");
        }
        if (!(lambda >= 0) || !(power > 0) || !(weightDecay >= 0) || freezeStages < 0) {
            throw new IllegalArgumentException("lambda >= 0, power > 0, weightDecay >= 0 and freezeStages >= 0 are required");
        }
    }

    /** The official optimisation (AdamW lr 1e-4, wd 0.01, ×0.1 every 70 epochs), λ 1, power 2, nothing frozen. */
    public static ScouterTrainingConfig defaults(int epochs, int batchSize, long seed) {
        return new ScouterTrainingConfig(epochs, batchSize, 1e-4, 0.01, 70, 0.1, 1, 2, 0, seed);
    }

    public ScouterTrainingConfig withLambda(double l) {
        return new ScouterTrainingConfig(epochs, batchSize, learningRate, weightDecay, stepEpochs, stepGamma, l, power, freezeStages, seed);
    }

    public ScouterTrainingConfig withLearningRate(double lr) {
        return new ScouterTrainingConfig(epochs, batchSize, lr, weightDecay, stepEpochs, stepGamma, lambda, power, freezeStages, seed);
    }

    /** The learning rate of epoch {@code epoch} (1-based): lr·γ^⌊(epoch − 1)/stepEpochs⌋ (PyTorch's StepLR stepped per epoch). */
    public double learningRate(int epoch) {
        return learningRate * Math.pow(stepGamma, (epoch - 1) / stepEpochs);
    }
}

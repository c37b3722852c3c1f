package io.xai4j.vision.nnexplainer;

/**
 * The settings of an NN-Explainer training run (docs/methods/nn-explainer.md#training). Defaults: the official
 * {@code vgg16_voc} weights (λ_e 1, λ_tv 1, λ_a 1, λ_m 0.1, λ_n 0.3), areas [0.05, 0.3], batch 16, seed 42,
 * patience 5 with min_delta 1e-3; learning rate 1e-4 (the network is trained from scratch) and at most 100 epochs.
 *
 * @param levels U-Net levels
 * @param baseWidth channels of the first U-Net level
 * @param learningRate Adam's learning rate
 * @param lambdaEntropy λ_e, weight of the entropy term on the inverted image
 * @param lambdaTv λ_tv, weight of TV(m) + TV(n)
 * @param lambdaArea λ_a, weight of the class area loss
 * @param lambdaMask λ_m, weight of mean(m)
 * @param lambdaNonTarget λ_n, weight of mean(n)
 * @param areaMin a_min of the area loss
 * @param areaMax a_max of the area loss
 * @param batchSize images per step
 * @param seed initialisation and shuffling
 * @param patience epochs without a validation improvement of at least {@code minDelta} before stopping
 * @param minDelta smallest validation-loss decrease that counts as an improvement
 * @param maxEpochs upper bound on the epochs
 */
public record NnExplainerConfig(
        int levels,
        int baseWidth,
        double learningRate,
        double lambdaEntropy,
        double lambdaTv,
        double lambdaArea,
        double lambdaMask,
        double lambdaNonTarget,
        double areaMin,
        double areaMax,
        int batchSize,
        long seed,
        int patience,
        double minDelta,
        int maxEpochs) {

    public NnExplainerConfig {
        require(levels >= 1 && levels <= 8, "levels must be in [1, 8], got " + levels);
        require(baseWidth >= 1, "baseWidth must be >= 1, got " + baseWidth);
        require(learningRate > 0 && Double.isFinite(learningRate), "learning rate must be > 0, got " + learningRate);
        require(lambdaEntropy >= 0 && lambdaTv >= 0 && lambdaArea >= 0 && lambdaMask >= 0 && lambdaNonTarget >= 0,
                "loss weights must be >= 0");
        require(areaMin >= 0 && areaMin <= areaMax && areaMax <= 1, "areas need 0 <= a_min <= a_max <= 1, got " + areaMin + ", " + areaMax);
        require(batchSize >= 1, "batch size must be >= 1, got " + batchSize);
        require(patience >= 1, "patience must be >= 1, got " + patience);
        require(minDelta >= 0, "min delta must be >= 0, got " + minDelta);
        require(maxEpochs >= 1, "max epochs must be >= 1, got " + maxEpochs);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The project defaults (the official vgg16_voc configuration, learning rate 1e-4, 4 levels of width 32). */
    public static NnExplainerConfig defaults() {
        return new NnExplainerConfig(4, 32, 1e-4, 1.0, 1.0, 1.0, 0.1, 0.3, 0.05, 0.3, 16, 42, 5, 1e-3, 100);
    }

    public NnExplainerConfig withNetwork(int l, int width) {
        return new NnExplainerConfig(l, width, learningRate, lambdaEntropy, lambdaTv, lambdaArea, lambdaMask, lambdaNonTarget, areaMin,
                areaMax, batchSize, seed, patience, minDelta, maxEpochs);
    }

    public NnExplainerConfig withLearningRate(double lr) {
        return new NnExplainerConfig(levels, baseWidth, lr, lambdaEntropy, lambdaTv, lambdaArea, lambdaMask, lambdaNonTarget, areaMin,
                areaMax, batchSize, seed, patience, minDelta, maxEpochs);
    }

    public NnExplainerConfig withBatchSize(int b) {
        return new NnExplainerConfig(levels, baseWidth, learningRate, lambdaEntropy, lambdaTv, lambdaArea, lambdaMask, lambdaNonTarget,
                areaMin, areaMax, b, seed, patience, minDelta, maxEpochs);
    }

    public NnExplainerConfig withSeed(long s) {
        return new NnExplainerConfig(levels, baseWidth, learningRate, lambdaEntropy, lambdaTv, lambdaArea, lambdaMask, lambdaNonTarget,
                areaMin, areaMax, batchSize, s, patience, minDelta, maxEpochs);
    }

    public NnExplainerConfig withStopping(int p, double delta, int epochs) {
        return new NnExplainerConfig(levels, baseWidth, learningRate, lambdaEntropy, lambdaTv, lambdaArea, lambdaMask, lambdaNonTarget,
                areaMin, areaMax, batchSize, seed, p, delta, epochs);
    }
}

package io.xai4j.graph.model;

/**
 * GCN training settings (gcnn.md §2). Defaults are the official ones: Adam lr 1e-3, β = (0.9, 0.999),
 * ε = 1e-7, 100 epochs, batch size 1, class-balanced resampling of the training split every epoch.
 *
 * @param epochs number of epochs; the final-epoch weights are kept (no early stopping)
 * @param batchSize graphs per Adam step
 * @param learningRate Adam step size
 * @param seed seed for the per-epoch resampling and shuffling
 * @param classBalanced resample m = min class count graphs of every class per epoch
 * @param progressBar show a console progress bar
 */
public record TrainingConfig(int epochs, int batchSize, double learningRate, long seed, boolean classBalanced, boolean progressBar) {

    public TrainingConfig {
        if (epochs < 0 || batchSize < 1 || !(learningRate > 0)) {
            throw new IllegalArgumentException(
                    "need epochs >= 0, batchSize >= 1, learningRate > 0; got " + epochs + ", " + batchSize + ", " + learningRate);
        }
    }

    public static TrainingConfig official(long seed) {
        return new TrainingConfig(100, 1, 1e-3, seed, true, true);
    }

    public TrainingConfig withEpochs(int e) {
        return new TrainingConfig(e, batchSize, learningRate, seed, classBalanced, progressBar);
    }

    public TrainingConfig withBatchSize(int b) {
        return new TrainingConfig(epochs, b, learningRate, seed, classBalanced, progressBar);
    }

    public TrainingConfig withProgressBar(boolean p) {
        return new TrainingConfig(epochs, batchSize, learningRate, seed, classBalanced, p);
    }
}

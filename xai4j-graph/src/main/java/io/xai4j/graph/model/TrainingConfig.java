package io.xai4j.graph.model;

/**
 * GCN training settings (docs/methods/gcn.md#training). Defaults are the official ones: Adam lr 1e-3, β = (0.9, 0.999),
 * ε = 1e-7, 100 epochs, batch size 1, class-balanced resampling of the training split every epoch,
 * shuffled freely.
 *
 * <p><b>Stratified batches (deviation, opt-in).</b> With {@code stratifiedBatches} the epoch's graphs
 * are the same class-balanced draw, but the shuffle is constrained so that every mini-batch holds
 * (as nearly as B allows) the same number of graphs of each class, instead of a random class mix.
 * The official protocol (docs/methods/gcn.md#training) only says "then shuffle". This is needed for BA-2Motifs (docs/methods/ba2motifs.md): the graphs have constant
 * node features, so under global average pooling the class signal in the pooled embedding is about
 * 0.04 % of its common-mode value (graph-to-graph spread 1.5 %). With a randomly mixed batch the
 * gradient term proportional to the batch's class imbalance times that common mode outweighs the
 * class signal by orders of magnitude. Adam normalises that noise into full-size steps that kill
 * ReLU units, and the loss stays at ln 2. Equal class counts per batch cancel the term at the ln 2
 * plateau. See docs/graph.md, "Planted motifs", for the measurements.
 *
 * <p><b>Model selection.</b> By default the final-epoch weights are kept (no early stopping, docs/methods/gcn.md#training). With
 * {@code bestValid} the trainer keeps a copy of the weights of the epoch with the lowest validation loss (the
 * training loss, sigmoid BCE, on the validation graphs; the earliest epoch on a tie) and restores them at the end;
 * training itself is unchanged, so the selected model is the one a final-epoch run of that many epochs would
 * return. It is allowed for the planted-motif benchmark ({@code --select best-val}, docs/methods/gcn.md#model-selection).
 *
 * @param epochs number of epochs
 * @param batchSize graphs per Adam step
 * @param learningRate Adam step size
 * @param seed seed for the per-epoch resampling and shuffling
 * @param classBalanced resample m = min class count graphs of every class per epoch
 * @param progressBar show a console progress bar
 * @param stratifiedBatches give every mini-batch equal class counts (needs {@code classBalanced})
 * @param batching padded or sparse block-diagonal batches ({@link GraphBatch}); both train the same
 *     model up to float rounding
 * @param bestValid keep the weights of the best validation-loss epoch instead of the last epoch's (needs
 *     validation graphs)
 */
public record TrainingConfig(int epochs, int batchSize, double learningRate, long seed, boolean classBalanced, boolean progressBar,
        boolean stratifiedBatches, GraphBatch.Batching batching, boolean bestValid) {

    public TrainingConfig {
        if (epochs < 0 || batchSize < 1 || !(learningRate > 0)) {
            throw new IllegalArgumentException(
                    "need epochs >= 0, batchSize >= 1, learningRate > 0; got " + epochs + ", " + batchSize + ", " + learningRate);
        }
        if (stratifiedBatches && !classBalanced) {
            throw new IllegalArgumentException("stratified batches need class-balanced resampling");
        }
        if (batching == null) {
            throw new IllegalArgumentException("batching must be given (auto, padded or sparse)");
        }
    }

    /** Settings that keep the final-epoch weights (docs/methods/gcn.md#training). */
    public TrainingConfig(int epochs, int batchSize, double learningRate, long seed, boolean classBalanced, boolean progressBar,
            boolean stratifiedBatches, GraphBatch.Batching batching) {
        this(epochs, batchSize, learningRate, seed, classBalanced, progressBar, stratifiedBatches, batching, false);
    }

    /** Settings with automatic batching (padded unless the graphs are large). */
    public TrainingConfig(int epochs, int batchSize, double learningRate, long seed, boolean classBalanced, boolean progressBar,
            boolean stratifiedBatches) {
        this(epochs, batchSize, learningRate, seed, classBalanced, progressBar, stratifiedBatches, GraphBatch.Batching.AUTO);
    }

    /** Settings with the freely shuffled epoch order of docs/methods/gcn.md#training. */
    public TrainingConfig(int epochs, int batchSize, double learningRate, long seed, boolean classBalanced, boolean progressBar) {
        this(epochs, batchSize, learningRate, seed, classBalanced, progressBar, false);
    }

    public static TrainingConfig official(long seed) {
        return new TrainingConfig(100, 1, 1e-3, seed, true, true);
    }

    public TrainingConfig withEpochs(int e) {
        return new TrainingConfig(e, batchSize, learningRate, seed, classBalanced, progressBar, stratifiedBatches, batching, bestValid);
    }

    public TrainingConfig withBatchSize(int b) {
        return new TrainingConfig(epochs, b, learningRate, seed, classBalanced, progressBar, stratifiedBatches, batching, bestValid);
    }

    public TrainingConfig withProgressBar(boolean p) {
        return new TrainingConfig(epochs, batchSize, learningRate, seed, classBalanced, p, stratifiedBatches, batching, bestValid);
    }

    public TrainingConfig withStratifiedBatches(boolean s) {
        return new TrainingConfig(epochs, batchSize, learningRate, seed, classBalanced, progressBar, s, batching, bestValid);
    }

    public TrainingConfig withBatching(GraphBatch.Batching b) {
        return new TrainingConfig(epochs, batchSize, learningRate, seed, classBalanced, progressBar, stratifiedBatches, b, bestValid);
    }

    public TrainingConfig withSeed(long s) {
        return new TrainingConfig(epochs, batchSize, learningRate, s, classBalanced, progressBar, stratifiedBatches, batching, bestValid);
    }

    public TrainingConfig withBestValid(boolean best) {
        return new TrainingConfig(epochs, batchSize, learningRate, seed, classBalanced, progressBar, stratifiedBatches, batching, best);
    }
}

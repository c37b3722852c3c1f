package io.xai4j.vision.nnexplainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.xai4j.core.io.AtomicFiles;
import io.xai4j.core.io.Json;
import io.xai4j.core.io.RunFingerprint;
import io.xai4j.core.runtime.Autograd;
import io.xai4j.core.runtime.Tensors;
import io.xai4j.core.train.EpochProgress;
import io.xai4j.core.train.ResumableTraining;
import io.xai4j.core.train.SampleOrder;
import io.xai4j.core.train.SinglePhase;
import io.xai4j.vision.model.ImageClassifier;
import io.xai4j.vision.model.Parameter;
import io.xai4j.vision.train.Optimizer;
import io.xai4j.vision.train.TrainingData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link CompactUNet} to explain a frozen {@link ImageClassifier} (Stalder et al., "What You See is What You
 * Classify: Black Box Attributions", NeurIPS 2022, arXiv 2205.11266): Adam on the explainer's parameters only, the
 * {@link NnExplainerLoss} through the classifier's eval-mode gradient path (its parameters never change), seeded
 * shuffling, the full loss on the validation set after every epoch, early stopping after {@code patience} epochs without
 * an improvement of at least {@code minDelta}, and the weights of the lowest validation loss kept (a project decision;
 * docs/methods/nn-explainer.md#training). The loop, its atomic checkpoints, resume and progress bar are
 * {@link ResumableTraining}'s; the checkpoint holds the current weights, Adam's moments and the best weights, and the
 * finished file the best weights.
 */
public final class NnExplainerTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(NnExplainerTrainer.class);

    private final NnExplainerConfig config;
    private final Path file;
    private final boolean progressBar;
    private final String classifierName;
    private Consumer<NnExplainerEpoch> onEpoch = e -> {};

    /**
     * @param file the checkpoint written after every epoch, resumed from, and finally the trained explainer; null for none
     * @param classifierName how the classifier was given (its file name), recorded in the file
     */
    public NnExplainerTrainer(NnExplainerConfig config, Path file, boolean progressBar, String classifierName) {
        this.config = config;
        this.file = file;
        this.progressBar = progressBar;
        this.classifierName = classifierName;
    }

    /** Called after each epoch's checkpoint (tests simulate a kill by throwing). */
    public NnExplainerTrainer onEpoch(Consumer<NnExplainerEpoch> listener) {
        this.onEpoch = listener;
        return this;
    }

    /**
     * Trains {@code network} in place for {@code classifier}; on return it holds the weights of the lowest validation loss.
     *
     * @return every epoch, resumed ones included
     */
    public List<NnExplainerEpoch> train(CompactUNet network, ImageClassifier classifier, TrainingData train, TrainingData validation) {
        if (network.numClasses() != classifier.numClasses()) {
            throw new IllegalArgumentException("the explainer has " + network.numClasses() + " mask classes, the classifier "
                    + classifier.numClasses() + " classes");
        }
        if (validation == null || validation.size() == 0) {
            throw new IllegalArgumentException("NN-Explainer training needs validation images (early stopping and the best weights follow them)");
        }
        Run run = new Run(network, classifier, train, validation);
        ResumableTraining<SinglePhase, NnExplainerEpoch> loop = ResumableTraining.builder(SinglePhase.class, NnExplainerEpoch.class)
                .setRun(run)
                .setFingerprint(fingerprint(network, classifier, train))
                .optCheckpoint(file, NnExplainerTrainer::checkpointState)
                .optProgressBar(progressBar)
                .optOnEpoch(onEpoch)
                .build();
        ResumableTraining.Outcome<NnExplainerEpoch> outcome = loop.run();
        if (outcome.finished() != null) {
            NnExplainerFile.loadInto(file, network, network.manager()).close();
            return outcome.history();
        }
        int best = bestEpoch(outcome.history());
        run.restoreBest();
        LOG.info("best validation loss {} at epoch {}", String.format("%.4f", outcome.history().get(best - 1).valLoss()), best);
        loop.finish(outcome.history(), state -> state.put("bestEpoch", best));
        return outcome.history();
    }

    /** The 1-based epoch of the lowest validation loss (the first of equal ones). */
    static int bestEpoch(List<NnExplainerEpoch> history) {
        int best = 0;
        for (int i = 1; i < history.size(); i++) {
            if (history.get(i).valLoss() < history.get(best).valLoss()) {
                best = i;
            }
        }
        return best + 1;
    }

    /**
     * Early stopping as PyTorch Lightning's {@code EarlyStopping(min_delta, patience)} on a minimised value: an epoch
     * improves when its loss is below the best so far minus {@code minDelta}; training stops once {@code patience}
     * epochs in a row have not improved.
     */
    static boolean shouldStop(List<Double> valLosses, int patience, double minDelta) {
        double best = Double.POSITIVE_INFINITY;
        int wait = 0;
        for (double v : valLosses) {
            if (v < best - minDelta) {
                best = v;
                wait = 0;
            } else {
                wait++;
            }
        }
        return wait >= patience;
    }

    private final class Run implements ResumableTraining.Run<SinglePhase, NnExplainerEpoch> {
        private final CompactUNet network;
        private final ImageClassifier classifier;
        private final TrainingData train;
        private final TrainingData validation;
        private final List<Parameter> all;
        private final List<Parameter> trainable;
        private final Optimizer optimizer;
        private final NDList best = new NDList();
        private double bestLoss = Double.POSITIVE_INFINITY;

        Run(CompactUNet network, ImageClassifier classifier, TrainingData train, TrainingData validation) {
            this.network = network;
            this.classifier = classifier;
            this.train = train;
            this.validation = validation;
            this.all = network.parameters();
            this.trainable = all.stream().filter(Parameter::trainable).toList();
            this.optimizer = Optimizer.adam(network.manager(), trainable);
            for (Parameter p : all) {
                best.add(p.array().duplicate());
            }
        }

        @Override
        public int epochs(SinglePhase phase) {
            return config.maxEpochs();
        }

        @Override
        public long unitsPerEpoch(SinglePhase phase) {
            return train.size();
        }

        @Override
        public void beginPhase(SinglePhase phase, ResumableTraining.Checkpoint resumed) {
            if (resumed != null) {
                try (NDManager tmp = network.manager().newSubManager()) {
                    NDList extra = NnExplainerFile.loadInto(resumed.file(), network, tmp);
                    int n = trainable.size();
                    optimizer.restore(extra, resumed.state().get("optimizerSteps").asLong());
                    for (int i = 0; i < all.size(); i++) {
                        Tensors.copyInto(extra.get(2 * n + i), best.get(i));
                    }
                    bestLoss = resumed.state().get("bestValLoss").asDouble();
                }
            }
            for (Parameter p : trainable) {
                p.array().setRequiresGradient(true);
            }
        }

        @Override
        public NnExplainerEpoch epoch(SinglePhase phase, int epoch, EpochProgress progress) {
            long t0 = System.nanoTime();
            int[] order = SampleOrder.permutation(train.size(), new SplittableRandom(config.seed() * 1_000_003L + epoch - 1));
            NDManager manager = network.manager();
            double[] sums = new double[8];
            int seen = 0;
            for (int from = 0; from < train.size(); from += config.batchSize()) {
                int[] idx = Arrays.copyOfRange(order, from, Math.min(train.size(), from + config.batchSize()));
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    NDArray x = train.batch(manager, idx);
                    NDArray y = targets(manager, train, idx, classifier.numClasses());
                    double[] terms = Autograd.run(collector -> {
                        NnExplainerLoss.Terms t = NnExplainerLoss.compute(classifier, x, network.forward(x, true), y, config);
                        double[] v = values(t, y);
                        if (!Double.isFinite(v[0])) {
                            throw new IllegalStateException("NN-Explainer loss is " + v[0] + " at epoch " + epoch + "; lower the learning rate");
                        }
                        collector.backward(t.total());
                        return v;
                    });
                    optimizer.step(config.learningRate());
                    for (int k = 0; k < sums.length; k++) {
                        sums[k] += terms[k] * idx.length;
                    }
                    seen += idx.length;
                }
                progress.advance(idx.length, String.format("loss %.4f area %.3f", sums[0] / seen, sums[5] / seen));
            }
            double[] val = validate();
            if (val[0] < bestLoss) {
                bestLoss = val[0];
                for (int i = 0; i < all.size(); i++) {
                    Tensors.copyInto(all.get(i).array(), best.get(i));
                }
            }
            NnExplainerEpoch record = new NnExplainerEpoch(epoch, sums[0] / seen, sums[1] / seen, sums[2] / seen, sums[3] / seen,
                    sums[4] / seen, sums[5] / seen, sums[6] / seen, sums[7] / seen, val[0], val[1], (System.nanoTime() - t0) / 1e9);
            LOG.info("epoch {}: loss {} (c {} e {} tv {} area {}) mean(m) {} mean(n) {} acc {}, val loss {} mean(m) {}", epoch,
                    f(record.loss()), f(record.classification()), f(record.entropy()), f(record.totalVariation()), f(record.area()),
                    f(record.maskMean()), f(record.nonTargetMean()), f(record.maskAccuracy()), f(record.valLoss()), f(record.valMaskMean()));
            return record;
        }

        /** The full loss and mean(m) over the validation set, eval mode, no tape. */
        private double[] validate() {
            double loss = 0, maskMean = 0;
            for (int from = 0; from < validation.size(); from += config.batchSize()) {
                int to = Math.min(validation.size(), from + config.batchSize());
                int[] idx = new int[to - from];
                for (int i = 0; i < idx.length; i++) {
                    idx[i] = from + i;
                }
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    NDArray x = validation.batch(network.manager(), idx);
                    NnExplainerLoss.Terms t = NnExplainerLoss.compute(classifier, x, network.forward(x, false),
                            targets(network.manager(), validation, idx, classifier.numClasses()), config);
                    loss += t.total().getFloat() * idx.length;
                    maskMean += t.maskMean().getFloat() * idx.length;
                }
            }
            return new double[] {loss / validation.size(), maskMean / validation.size()};
        }

        @Override
        public boolean stopAfter(SinglePhase phase, List<NnExplainerEpoch> history) {
            return shouldStop(history.stream().map(NnExplainerEpoch::valLoss).toList(), config.patience(), config.minDelta());
        }

        @Override
        public AtomicFiles.Writer checkpoint(ObjectNode state) {
            state.put("optimizerSteps", optimizer.steps());
            state.put("bestValLoss", bestLoss);
            state.set("training", Json.MAPPER.valueToTree(config));
            NDList extra = new NDList();
            extra.addAll(optimizer.state());
            extra.addAll(best);
            return NnExplainerFile.writer(network, header(network, classifier, state), extra);
        }

        @Override
        public void afterEpoch(SinglePhase phase, NnExplainerEpoch record) {
            Parameter.clearGradients(trainable);
        }

        @Override
        public void release() {
            for (Parameter p : trainable) {
                p.array().setRequiresGradient(false);
            }
        }

        /** Puts the weights of the lowest validation loss into the network. */
        void restoreBest() {
            for (int i = 0; i < all.size(); i++) {
                Tensors.copyInto(best.get(i), all.get(i).array());
            }
        }
    }

    /** [L, L_c, L_e, TV, L_area, mean m, mean n, micro accuracy of z_mask at the threshold]. */
    private static double[] values(NnExplainerLoss.Terms t, NDArray y) {
        float[][] z = Tensors.toArray2(t.maskLogits());
        float[][] labels = Tensors.toArray2(y);
        int correct = 0, total = 0;
        for (int b = 0; b < z.length; b++) {
            for (int c = 0; c < z[b].length; c++) {
                correct += (z[b][c] > NnExplainerLoss.ACCURACY_THRESHOLD) == (labels[b][c] > 0.5f) ? 1 : 0;
                total++;
            }
        }
        return new double[] {t.total().getFloat(), t.classification().getFloat(), t.entropy().getFloat(), t.tv().getFloat(),
                t.area().getFloat(), t.maskMean().getFloat(), t.nonTargetMean().getFloat(), (double) correct / total};
    }

    /** Multi-hot targets [B,C]: the one-hot labels of a single-label data set. */
    static NDArray targets(NDManager manager, TrainingData data, int[] idx, int numClasses) {
        int[] labels = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            labels[i] = data.label(idx[i]);
        }
        return Tensors.oneHot(manager, labels, numClasses);
    }

    private NnExplainerFile.Header header(CompactUNet network, ImageClassifier classifier, JsonNode extra) {
        return new NnExplainerFile.Header(network.levels(), network.baseWidth(), classifier.classNames(), classifier.inputShape(),
                classifierName, extra);
    }

    /** What a checkpoint must share with this run: network, classes, input size, training labels, every setting. */
    private ObjectNode fingerprint(CompactUNet network, ImageClassifier classifier, TrainingData train) {
        ObjectNode run = Json.MAPPER.createObjectNode();
        run.put("levels", network.levels());
        run.put("baseWidth", network.baseWidth());
        run.set("classes", Json.MAPPER.valueToTree(classifier.classNames()));
        run.set("inputShape", Json.MAPPER.valueToTree(classifier.inputShape()));
        run.put("trainingLabels", RunFingerprint.labels(train.size(), train::label));
        run.set("training", Json.MAPPER.valueToTree(config));
        return run;
    }

    private static JsonNode checkpointState(Path file) {
        JsonNode extra = NnExplainerFile.readHeader(file).extra();
        if (extra == null || !extra.has("epochsDone")) {
            throw new IllegalArgumentException(file + " is an explainer file without training state, not a checkpoint; train into another output");
        }
        return extra;
    }

    private static String f(double v) {
        return String.format("%.4f", v);
    }
}

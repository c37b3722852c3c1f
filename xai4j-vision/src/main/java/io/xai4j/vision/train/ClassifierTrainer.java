package io.xai4j.vision.train;

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
import io.xai4j.vision.model.CnnClassifier;
import io.xai4j.vision.model.ModelFile;
import io.xai4j.vision.model.Parameter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Supervised training of a {@link CnnClassifier} with softmax cross-entropy: AdamW or SGD, linear
 * warm-up then cosine annealing per step, seeded shuffling, per-epoch validation, and an atomic
 * checkpoint after every epoch (model, optimizer moments, step count, history). Given an existing
 * checkpoint, training resumes after its last completed epoch and produces the same weights as an
 * uninterrupted run. A larger epoch count continues a finished run, but the warm-up and the cosine schedule are
 * then laid over the new total, so the learning rate jumps back up: a continued run is not the run planned that
 * long. A smaller epoch count than the checkpoint holds is refused. The warm-up is a share of all the run's steps
 * ({@link TrainingConfig#warmup}), so every run reaches its peak learning rate and anneals, however few its steps.
 *
 * <p>The epoch loop, checkpoint, fingerprint check and progress bar are {@link ResumableTraining}'s; this class
 * holds the step (cross-entropy, optional flips), the schedule and the optimizer state.
 */
public final class ClassifierTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(ClassifierTrainer.class);

    private final TrainingConfig config;
    private final Path checkpoint;
    private final boolean progressBar;
    private final ModelFile.Header header;
    private Consumer<EpochStats> onEpoch = e -> {};

    /**
     * @param header what the checkpoint records about the model (architecture, classes, normalisation); may be null only
     *     when {@code checkpoint} is null
     * @param checkpoint file written after each epoch and resumed from; null for none
     */
    public ClassifierTrainer(TrainingConfig config, ModelFile.Header header, Path checkpoint, boolean progressBar) {
        if (header == null && checkpoint != null) {
            throw new IllegalArgumentException("a checkpoint (" + checkpoint + ") needs the model's header to record what it resumes");
        }
        this.config = config;
        this.header = header;
        this.checkpoint = checkpoint;
        this.progressBar = progressBar;
    }

    /**
     * Called after each epoch (e.g. by tests that simulate a kill, or to explain the model as it trains:
     * gradients that explainers leave on the parameters are cleared before the next step).
     */
    public ClassifierTrainer onEpoch(Consumer<EpochStats> listener) {
        this.onEpoch = listener;
        return this;
    }

    /** Trains {@code model} in place and returns the history of all epochs (resumed ones included). */
    public List<EpochStats> train(CnnClassifier model, TrainingData train, TrainingData validation) {
        long perEpoch = (train.size() + config.batchSize() - 1) / config.batchSize(), total = perEpoch * config.epochs();
        long warmup = config.warmupSteps(total);
        io.xai4j.core.runtime.MallocSettings.hintOnce();
        LOG.info("training: {} epochs of {} steps (batch {}), {} to lr {} after a warm-up of {} of the {} steps ({} step{}), then cosine to 0",
                config.epochs(), perEpoch, config.batchSize(), config.optimizer(), config.learningRate(), config.warmup(), total, warmup,
                warmup == 1 ? "" : "s");
        return ResumableTraining.builder(SinglePhase.class, EpochStats.class)
                .setRun(new Run(model, train, validation))
                .setFingerprint(fingerprint(train))
                .optCheckpoint(checkpoint, ClassifierTrainer::checkpointState)
                .optProgressBar(progressBar)
                .optOnEpoch(onEpoch)
                .build()
                .run()
                .history();
    }

    /** One training run: the model, its data and its optimizer. */
    private final class Run implements ResumableTraining.Run<SinglePhase, EpochStats> {
        private final CnnClassifier model;
        private final TrainingData train;
        private final TrainingData validation;
        private final List<Parameter> trainable;
        private final Optimizer optimizer;
        private final int stepsPerEpoch;

        Run(CnnClassifier model, TrainingData train, TrainingData validation) {
            this.model = model;
            this.train = train;
            this.validation = validation;
            this.trainable = model.parameters().stream().filter(Parameter::trainable).toList();
            this.optimizer = new Optimizer(model.manager(), config.optimizer(), config.weightDecay(), config.momentum(), trainable);
            this.stepsPerEpoch = (train.size() + config.batchSize() - 1) / config.batchSize();
        }

        @Override
        public int epochs(SinglePhase phase) {
            return config.epochs();
        }

        @Override
        public long unitsPerEpoch(SinglePhase phase) {
            return train.size();
        }

        @Override
        public void beginPhase(SinglePhase phase, ResumableTraining.Checkpoint resumed) {
            if (resumed != null) {
                restore(resumed.file());
            }
            for (Parameter p : trainable) {
                p.array().setRequiresGradient(true);
            }
        }

        @Override
        public EpochStats epoch(SinglePhase phase, int epoch, EpochProgress progress) {
            long t0 = System.nanoTime();
            long totalSteps = (long) stepsPerEpoch * config.epochs();
            int e = epoch - 1;
            int[] order = SampleOrder.permutation(train.size(), new SplittableRandom(config.seed() * 1_000_003L + e));
            NDManager manager = model.manager();
            double lossSum = 0;
            int correct = 0, seen = 0;
            for (int s = 0; s < stepsPerEpoch; s++) {
                int from = s * config.batchSize(), to = Math.min(train.size(), from + config.batchSize());
                int[] idx = Arrays.copyOfRange(order, from, to);
                int[] labels = new int[idx.length];
                for (int i = 0; i < idx.length; i++) {
                    labels[i] = train.label(idx[i]);
                }
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    NDArray x = train.batch(manager, idx);
                    if (config.horizontalFlip()) {
                        x = flipHalf(x, new SplittableRandom(config.seed() * 7_919L + (long) e * 100_003L + s));
                    }
                    NDArray input = x;
                    float[] out = Autograd.run(collector -> {
                        NDArray logits = model.forwardTraining(input);
                        NDArray loss = crossEntropy(logits, Tensors.oneHot(manager, labels, model.numClasses()));
                        collector.backward(loss);
                        int c = countCorrect(Tensors.toArray2(logits), labels);
                        return new float[] {loss.getFloat(), c};
                    });
                    optimizer.step(learningRate(config, optimizer.steps(), totalSteps));
                    lossSum += out[0] * idx.length;
                    correct += (int) out[1];
                    seen += idx.length;
                }
                progress.advance(idx.length, String.format("loss %.4f acc %.3f", lossSum / seen, (double) correct / seen));
            }
            double[] val = validation == null ? new double[] {Double.NaN, Double.NaN} : evaluate(model, validation, config.batchSize());
            EpochStats stats = new EpochStats(epoch, lossSum / seen, (double) correct / seen, val[0], val[1], (System.nanoTime() - t0) / 1e9);
            LOG.info("epoch {}: train loss {} acc {}, val loss {} acc {}", stats.epoch(), f(stats.trainLoss()), f(stats.trainAccuracy()),
                    f(stats.valLoss()), f(stats.valAccuracy()));
            return stats;
        }

        @Override
        public AtomicFiles.Writer checkpoint(ObjectNode state) {
            state.put("optimizerSteps", optimizer.steps());
            state.set("training", Json.MAPPER.valueToTree(config));
            ModelFile.Header h = new ModelFile.Header(header.config(), header.classNames(), header.imageSize(), header.mean(), header.std(), state);
            return ModelFile.writer(model, h, optimizer.state());
        }

        @Override
        public void afterEpoch(SinglePhase phase, EpochStats record) {
            Parameter.clearGradients(trainable);
        }

        @Override
        public void release() {
            for (Parameter p : trainable) {
                p.array().setRequiresGradient(false);
            }
        }

        /** The model's weights and the optimizer's moments and step count from a checkpoint whose fingerprint matched. */
        private void restore(Path file) {
            try (NDManager tmp = model.manager().newSubManager()) {
                ModelFile.Loaded loaded = ModelFile.load(file, tmp);
                List<Parameter> src = loaded.model().parameters(), dst = model.parameters();
                for (int i = 0; i < src.size(); i++) {
                    Tensors.copyInto(src.get(i).array(), dst.get(i).array());
                }
                NDList state = loaded.extraArrays();
                optimizer.restore(state, loaded.header().extra().get("optimizerSteps").asLong());
            }
        }
    }

    /** The training state a checkpoint records in its header ({@code extra}); a file without one is refused. */
    private static JsonNode checkpointState(Path file) {
        JsonNode extra = ModelFile.readHeader(file).extra();
        if (extra == null || !extra.has("epochsDone")) {
            throw new IllegalArgumentException(file + " is a model file without training state, not a checkpoint; give another --checkpoint");
        }
        return extra;
    }

    /** Mean cross-entropy and accuracy [loss, accuracy] over a data set, inference mode. */
    public static double[] evaluate(CnnClassifier model, TrainingData data, int batchSize) {
        double loss = 0;
        int correct = 0;
        for (int from = 0; from < data.size(); from += batchSize) {
            int to = Math.min(data.size(), from + batchSize);
            int[] idx = new int[to - from];
            int[] labels = new int[idx.length];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = from + i;
                labels[i] = data.label(from + i);
            }
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray logits = model.logits(data.batch(model.manager(), idx));
                loss += crossEntropy(logits, Tensors.oneHot(model.manager(), labels, model.numClasses())).getFloat() * idx.length;
                correct += countCorrect(Tensors.toArray2(logits), labels);
            }
        }
        return new double[] {loss / data.size(), (double) correct / data.size()};
    }

    /**
     * The learning rate of step {@code step} (0-based) of {@code total}: linear warm-up over the first
     * {@link TrainingConfig#warmupSteps} steps to the peak (reached at the last warm-up step), then cosine annealing to 0 over
     * the rest.
     */
    static double learningRate(TrainingConfig config, long step, long total) {
        double peak = config.learningRate();
        long warmup = config.warmupSteps(total);
        if (step < warmup) {
            return peak * (step + 1) / warmup;
        }
        double progress = (double) (step - warmup) / Math.max(1, total - warmup);
        return peak * 0.5 * (1 + Math.cos(Math.PI * Math.min(1, progress)));
    }

    /** Flips a seeded random half of the images left–right. */
    private static NDArray flipHalf(NDArray x, SplittableRandom rng) {
        int b = (int) x.getShape().get(0);
        float[] choose = new float[b];
        for (int i = 0; i < b; i++) {
            choose[i] = rng.nextBoolean() ? 1f : 0f;
        }
        NDArray mask = x.getManager().create(choose).reshape(b, 1, 1, 1);
        return x.flip(3).mul(mask).add(x.mul(mask.neg().add(1f)));
    }

    private static NDArray crossEntropy(NDArray logits, NDArray oneHot) {
        NDArray sum = logits.logSoftmax(1).mul(oneHot).sum().neg();
        return sum.div(Tensors.constant(sum, logits.getShape().get(0)));
    }

    private static int countCorrect(float[][] logits, int[] labels) {
        int[] pred = Tensors.argmax(logits);
        int c = 0;
        for (int i = 0; i < labels.length; i++) {
            c += pred[i] == labels[i] ? 1 : 0;
        }
        return c;
    }

    /**
     * What a checkpoint must share with this run to be resumed: the architecture, classes, input size and
     * normalisation, the training labels, and every setting but the number of epochs (a larger
     * {@code epochs} continues a finished run).
     */
    private ObjectNode fingerprint(TrainingData train) {
        ObjectNode run = Json.MAPPER.createObjectNode();
        if (header != null) { // null: a run without a checkpoint (e.g. pipnet baseline), which nothing resumes
            run.set("architecture", Json.MAPPER.valueToTree(header.config()));
            run.set("classes", Json.MAPPER.valueToTree(header.classNames()));
            run.put("imageSize", header.imageSize());
            run.set("mean", Json.MAPPER.valueToTree(header.mean()));
            run.set("std", Json.MAPPER.valueToTree(header.std()));
        }
        run.put("trainingLabels", RunFingerprint.labels(train.size(), train::label));
        ObjectNode settings = Json.MAPPER.valueToTree(config);
        settings.remove("epochs");
        run.set("training", settings);
        return run;
    }

    private static String f(double v) {
        return String.format("%.4f", v);
    }
}

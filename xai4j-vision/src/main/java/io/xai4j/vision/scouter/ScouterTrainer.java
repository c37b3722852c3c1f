package io.xai4j.vision.scouter;

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
 * Trains a {@link Scouter} with L = CE(o, y) + λ·mean(A_T)^power (docs/methods/scouter.md#loss): AdamW with
 * decoupled weight decay on every trained parameter (PyTorch's AdamW), a step schedule per epoch, seeded batch
 * order, the last incomplete batch dropped, leading backbone stages optionally frozen, and an atomic
 * {@link ScouterFile} checkpoint after every epoch (model, optimizer moments, step count, history) from which a
 * killed run resumes to the same weights. The epoch loop, fingerprint check and progress bar are
 * {@link ResumableTraining}'s. The FC baseline and its backbone copy (use_pre) happen before, in the caller: a
 * {@link io.xai4j.vision.train.ClassifierTrainer} run and {@link ResNetBackbone#copyFrom}.
 */
public final class ScouterTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(ScouterTrainer.class);

    private final ScouterTrainingConfig config;
    private final ScouterFile.Header header;
    private final Path checkpoint;
    private final boolean progressBar;
    private Consumer<ScouterEpochStats> onEpoch = e -> {};

    /**
     * @param header what checkpoints record about the model (architecture, classes, normalisation, data)
     * @param checkpoint written after each epoch and resumed from; null for none
     */
    public ScouterTrainer(ScouterTrainingConfig config, ScouterFile.Header header, Path checkpoint, boolean progressBar) {
        this.config = config;
        this.header = header;
        this.checkpoint = checkpoint;
        this.progressBar = progressBar;
    }

    /** Called after each epoch's checkpoint (tests simulate a kill by throwing). */
    public ScouterTrainer onEpoch(Consumer<ScouterEpochStats> listener) {
        this.onEpoch = listener;
        return this;
    }

    /** Trains {@code model} in place; the history of every epoch, resumed ones included. */
    public List<ScouterEpochStats> train(Scouter model, TrainingData train, TrainingData validation) {
        if (train.size() < config.batchSize()) {
            throw new IllegalArgumentException("SCOUTER drops the last incomplete batch: " + train.size() + " training images give no batch of "
                    + config.batchSize() + "; lower the batch size");
        }
        LOG.info("training {}: {} epochs of {} steps (batch {}), AdamW lr {} wd {}, x{} every {} epochs, lambda {}, power {}",
                model.config().variant(), config.epochs(), train.size() / config.batchSize(), config.batchSize(), config.learningRate(),
                config.weightDecay(), config.stepGamma(), config.stepEpochs(), config.lambda(), config.power());
        return ResumableTraining.builder(SinglePhase.class, ScouterEpochStats.class)
                .setRun(new Run(model, train, validation))
                .setFingerprint(fingerprint(train))
                .optCheckpoint(checkpoint, ScouterTrainer::checkpointState)
                .optProgressBar(progressBar)
                .optOnEpoch(onEpoch)
                .build()
                .run()
                .history();
    }

    /** The loss of a batch and its parts. */
    public record Loss(NDArray total, NDArray crossEntropy, NDArray area) {}

    /** CE(o, y) + λ·mean(A)^power, the mean cross-entropy over the batch; gradient-safe (no scalar overloads). */
    public static Loss loss(NDArray logits, NDArray attention, int[] labels, double lambda, double power) {
        NDManager m = logits.getManager();
        NDArray oneHot = Tensors.oneHot(m, labels, (int) logits.getShape().get(1));
        NDArray ce = logits.logSoftmax(1).mul(oneHot).sum().neg().div(Tensors.constant(logits, labels.length));
        NDArray area = SlotAttention.area(attention);
        NDArray total = ce.add(area.pow(Tensors.constant(area, power)).mul(Tensors.constant(area, lambda)));
        return new Loss(total, ce, area);
    }

    private final class Run implements ResumableTraining.Run<SinglePhase, ScouterEpochStats> {
        private final Scouter model;
        private final TrainingData train;
        private final TrainingData validation;
        private final List<Parameter> trainable;
        private final Optimizer optimizer;
        private final int stepsPerEpoch;

        Run(Scouter model, TrainingData train, TrainingData validation) {
            this.model = model;
            this.train = train;
            this.validation = validation;
            List<Parameter> t = new ArrayList<>();
            for (Parameter p : model.backbone().trainable(config.freezeStages())) {
                t.add(new Parameter(p.name(), p.array(), true, true)); // PyTorch's AdamW decays every parameter it is given
            }
            t.addAll(model.head().parameters());
            this.trainable = List.copyOf(t);
            this.optimizer = new Optimizer(model.manager(), "adamw", config.weightDecay(), 0, trainable);
            this.stepsPerEpoch = train.size() / config.batchSize();
        }

        @Override
        public int epochs(SinglePhase phase) {
            return config.epochs();
        }

        @Override
        public long unitsPerEpoch(SinglePhase phase) {
            return (long) stepsPerEpoch * config.batchSize();
        }

        @Override
        public void beginPhase(SinglePhase phase, ResumableTraining.Checkpoint resumed) {
            if (resumed != null) {
                NDList state = ScouterFile.restoreInto(resumed.file(), model);
                optimizer.restore(state, resumed.state().get("optimizerSteps").asLong());
                state.close();
            }
            for (Parameter p : trainable) {
                p.array().setRequiresGradient(true);
            }
        }

        @Override
        public ScouterEpochStats epoch(SinglePhase phase, int epoch, EpochProgress progress) {
            long t0 = System.nanoTime();
            int[] order = SampleOrder.permutation(train.size(), new SplittableRandom(config.seed() * 1_000_003L + epoch - 1));
            double lr = config.learningRate(epoch), lossSum = 0, areaSum = 0;
            int correct = 0, seen = 0;
            NDManager manager = model.manager();
            for (int s = 0; s < stepsPerEpoch; s++) {
                int[] idx = Arrays.copyOfRange(order, s * config.batchSize(), (s + 1) * config.batchSize());
                int[] labels = new int[idx.length];
                for (int i = 0; i < idx.length; i++) {
                    labels[i] = train.label(idx[i]);
                }
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    NDArray x = train.batch(manager, idx);
                    float[] out = Autograd.run(collector -> {
                        SlotAttention.Output o = model.forwardTraining(x);
                        Loss l = loss(o.logits(), o.attention(), labels, config.lambda(), config.power());
                        collector.backward(l.total());
                        return new float[] {l.total().getFloat(), l.area().getFloat(), countCorrect(Tensors.toArray2(o.logits()), labels)};
                    });
                    optimizer.step(lr);
                    lossSum += out[0];
                    areaSum += out[1];
                    correct += (int) out[2];
                    seen += idx.length;
                }
                progress.advance(idx.length, String.format("loss %.4f area %.4f acc %.3f", lossSum / (s + 1), areaSum / (s + 1),
                        (double) correct / seen));
            }
            double val = validation == null ? Double.NaN : accuracy(model, validation, config.batchSize());
            ScouterEpochStats stats = new ScouterEpochStats(epoch, lossSum / stepsPerEpoch, areaSum / stepsPerEpoch, (double) correct / seen, val,
                    (System.nanoTime() - t0) / 1e9);
            LOG.info("epoch {}: loss {} area {} train acc {} val acc {}", epoch, f(stats.loss()), f(stats.area()), f(stats.trainAccuracy()),
                    f(stats.valAccuracy()));
            return stats;
        }

        @Override
        public AtomicFiles.Writer checkpoint(ObjectNode state) {
            state.put("optimizerSteps", optimizer.steps());
            state.set("training", Json.MAPPER.valueToTree(config));
            JsonNode extra = header.extra();
            if (extra != null && extra.isObject()) {
                extra.fields().forEachRemaining(e -> {
                    if (!state.has(e.getKey())) {
                        state.set(e.getKey(), e.getValue());
                    }
                });
            }
            return ScouterFile.writer(model, header.withExtra(state), optimizer.state());
        }

        @Override
        public void afterEpoch(SinglePhase phase, ScouterEpochStats record) {
            Parameter.clearGradients(trainable);
        }

        @Override
        public void release() {
            for (Parameter p : trainable) {
                p.array().setRequiresGradient(false);
            }
        }
    }

    /** Top-1 accuracy over a data set, inference mode. */
    public static double accuracy(Scouter model, TrainingData data, int batchSize) {
        int correct = 0;
        for (int from = 0; from < data.size(); from += batchSize) {
            int to = Math.min(data.size(), from + batchSize);
            int[] idx = new int[to - from], labels = new int[to - from];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = from + i;
                labels[i] = data.label(from + i);
            }
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                correct += countCorrect(Tensors.toArray2(model.logits(data.batch(model.manager(), idx))), labels);
            }
        }
        return (double) correct / data.size();
    }

    private static JsonNode checkpointState(Path file) {
        JsonNode extra = ScouterFile.readHeader(file).extra();
        if (extra == null || !extra.has("epochsDone")) {
            throw new IllegalArgumentException(file + " is a SCOUTER model without training state, not a checkpoint; give another --checkpoint");
        }
        return extra;
    }

    private static int countCorrect(float[][] logits, int[] labels) {
        int[] pred = Tensors.argmax(logits);
        int c = 0;
        for (int i = 0; i < labels.length; i++) {
            c += pred[i] == labels[i] ? 1 : 0;
        }
        return c;
    }

    /** The architecture, classes, input, training labels and every setting but the epoch count. */
    private ObjectNode fingerprint(TrainingData train) {
        ObjectNode run = Json.MAPPER.createObjectNode();
        run.put("backbone", header.backbone());
        run.set("resnet", Json.MAPPER.valueToTree(header.resnet()));
        run.put("torchscript", header.torchscript());
        run.set("slot", Json.MAPPER.valueToTree(header.slot()));
        run.set("classes", Json.MAPPER.valueToTree(header.classNames()));
        run.put("imageSize", header.imageSize());
        run.set("mean", Json.MAPPER.valueToTree(header.mean()));
        run.set("std", Json.MAPPER.valueToTree(header.std()));
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

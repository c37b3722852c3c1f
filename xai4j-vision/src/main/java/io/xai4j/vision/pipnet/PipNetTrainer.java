package io.xai4j.vision.pipnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
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
import io.xai4j.vision.data.ImageDataset;
import io.xai4j.vision.model.Parameter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PIP-Net training (docs/methods/pipnet.md#losses, #training; official {@code main.py} and {@code pipnet/train.py}).
 *
 * <ul>
 *   <li>Phase 1, epoch e of E_pre: loss (e/E_pre)·L_A + 5·L_T; add-on, last and mid train (early too for
 *       a randomly initialised backbone); the classifier is frozen; net schedule cosine per iteration
 *       from each group's rate to lr_block/100.
 *   <li>Phase 2 (fresh optimizers), epochs 1..3 after pretraining: only the classifier, loss 2·L_C;
 *       later epochs 5·L_A + 2·L_T + 2·L_C with everything but (for pretrained backbones, up to
 *       freezeEpochs) the early group. Net schedule cosine to lr_net/100, stepped only outside the
 *       classifier-only epochs; classifier schedule cosine with warm restarts (T0 = 5 or 10 epochs,
 *       η_min 0.001) stepped after every iteration, so a step uses the rate set by the step before it
 *       ({@link #classifierScheduleTime}), as the official loop does.
 *   <li>After every phase-2 optimizer step: W ← max(W − 0.001, 0), bias ← max(bias, 0); once more at the
 *       start of epochs e == E or e % 30 == 0 (E &gt; 1), as the official code does.
 *   <li>Finalisation: prototypes whose top-10 projection presences are all ≤ 0.1 get W[:, d] = 0.
 * </ul>
 *
 * Both views of a batch run in one forward pass on [x'; x''] (2B rows) with BatchNorm in training mode.
 * An atomic checkpoint (model, both optimizers' moments, phase, epoch, history) is written after every
 * epoch; given an existing checkpoint, training resumes in the same phase after its last completed
 * epoch, and shuffling and augmentation are seeded per (phase, epoch, step), so a resumed run continues
 * as the uninterrupted one would. The loop over the phases ({@link PipNetPhase}) and epochs, the checkpoints
 * and the fingerprint check are {@link ResumableTraining}'s; this class holds the steps, schedules and optimizers.
 */
public final class PipNetTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(PipNetTrainer.class);

    /** Loss weights of phase 2 (paper, Section 3.2) and of L_T in phase 1 (official code). */
    static final double W_ALIGN = 5, W_TANH = 2, W_CLASS = 2, W_TANH_PRETRAIN = 5;

    /** Top-k used for pruning and the global explanation (docs/methods/pipnet.md#global-explanation). */
    public static final int TOP_K = 10;

    private final PipNetTrainingConfig config;
    private final PipNetFile.BackboneSpec backboneSpec;
    private final Path checkpoint;
    private final boolean progressBar;
    private Consumer<PipNetEpochStats> onEpoch = e -> {};

    /**
     * @param backboneSpec how to rebuild the backbone (recorded in checkpoints)
     * @param checkpoint written after every epoch and resumed from; null for none
     */
    public PipNetTrainer(PipNetTrainingConfig config, PipNetFile.BackboneSpec backboneSpec, Path checkpoint, boolean progressBar) {
        this.config = config;
        this.backboneSpec = backboneSpec;
        this.checkpoint = checkpoint;
        this.progressBar = progressBar;
    }

    /** Called after each epoch and its checkpoint (e.g. by tests that simulate a kill). */
    public PipNetTrainer onEpoch(Consumer<PipNetEpochStats> listener) {
        this.onEpoch = listener;
        return this;
    }

    /**
     * What training produced.
     *
     * @param history every epoch of both phases, resumed ones included
     * @param pruned prototypes zeroed at finalisation
     */
    public record Result(List<PipNetEpochStats> history, int[] pruned) {}

    /** Trains {@code model} in place on {@code train} (pixels in [0,1]; any size, resized to S). */
    public Result train(PipNet model, ImageDataset train) {
        config.augmentation().checkAgainstGrid(gridSize(model));
        ResumableTraining<PipNetPhase, PipNetEpochStats> loop = ResumableTraining.builder(PipNetPhase.class, PipNetEpochStats.class)
                .setRun(new Run(model, train))
                .setFingerprint(fingerprint(model, train))
                .optCheckpoint(checkpoint, file -> PipNetFile.readHeader(file).extra())
                .optProgressBar(progressBar)
                .optOnEpoch(onEpoch)
                .build();
        ResumableTraining.Outcome<PipNetEpochStats> outcome = loop.run();
        if (outcome.finished() != null) {
            PipNetFile.loadInto(checkpoint, model).close();
            return new Result(outcome.history(), Json.MAPPER.convertValue(outcome.finished().state().get("pruned"), int[].class));
        }
        int[] pruned = prune(model, train);
        loop.finish(outcome.history(), state -> state.set("pruned", Json.MAPPER.valueToTree(pruned)));
        return new Result(outcome.history(), pruned);
    }

    /** One training run: the model, its data and the optimizers of the current phase. */
    private final class Run implements ResumableTraining.Run<PipNetPhase, PipNetEpochStats> {
        private final PipNet model;
        private final ImageDataset train;
        private final List<Parameter> net;
        private GroupAdam netOpt;
        private GroupAdam clsOpt;

        Run(PipNet model, ImageDataset train) {
            this.model = model;
            this.train = train;
            this.net = netParameters(model);
        }

        @Override
        public int epochs(PipNetPhase phase) {
            return phase == PipNetPhase.PRETRAIN ? config.pretrainEpochs() : config.epochs();
        }

        @Override
        public long unitsPerEpoch(PipNetPhase phase) {
            int b = phase == PipNetPhase.PRETRAIN ? config.pretrainBatchSize() : config.batchSize();
            return (long) iterations(train, b) * b;
        }

        /** Fresh optimizers for each phase (phase 2 also gets the classifier's); from the checkpoint in the resumed phase. */
        @Override
        public void beginPhase(PipNetPhase phase, ResumableTraining.Checkpoint resumed) {
            netOpt = new GroupAdam(model.manager(), net);
            clsOpt = phase == PipNetPhase.TRAIN ? new GroupAdam(model.manager(), model.classifierParameters()) : null;
            if (resumed != null) {
                NDList restored = PipNetFile.loadInto(resumed.file(), model);
                netOpt.restore(restored, 0, steps(resumed.state().get("netSteps")));
                if (clsOpt != null) {
                    clsOpt.restore(restored, netOpt.stateSize(), steps(resumed.state().get("classifierSteps")));
                }
            }
        }

        @Override
        public PipNetEpochStats epoch(PipNetPhase phase, int epoch, EpochProgress progress) {
            return phase == PipNetPhase.PRETRAIN ? pretrainEpoch(model, train, netOpt, epoch, progress)
                    : trainEpoch(model, train, netOpt, clsOpt, epoch, progress);
        }

        @Override
        public AtomicFiles.Writer checkpoint(ObjectNode state) {
            state.set("netSteps", Json.MAPPER.valueToTree(netOpt == null ? new long[0] : netOpt.steps()));
            state.set("classifierSteps", Json.MAPPER.valueToTree(clsOpt == null ? new long[0] : clsOpt.steps()));
            state.set("training", Json.MAPPER.valueToTree(config));
            NDList arrays = new NDList();
            if (netOpt != null) {
                arrays.addAll(netOpt.state());
            }
            if (clsOpt != null) {
                arrays.addAll(clsOpt.state());
            }
            return PipNetFile.writer(model, PipNetFile.headerOf(model, backboneSpec, state), arrays);
        }

        @Override
        public void afterEpoch(PipNetPhase phase, PipNetEpochStats record) {
            Parameter.clearGradients(model.state());
        }

        @Override
        public void endPhase(PipNetPhase phase, List<PipNetEpochStats> history) {
            if (phase == PipNetPhase.PRETRAIN) {
                if (!history.isEmpty() && history.get(history.size() - 1).alignment() >= 1) {
                    LOG.warn("phase 1 ended with L_A = {} >= 1; the official guidance is to pretrain until L_A < 1 (more pretraining epochs)",
                            f(history.get(history.size() - 1).alignment()));
                }
            } else {
                // Training is over: the finished checkpoint holds no optimizer state.
                netOpt = null;
                clsOpt = null;
            }
        }

        @Override
        public void release() {
            for (Parameter p : model.state()) {
                if (p.trainable()) {
                    p.array().setRequiresGradient(false);
                }
            }
        }
    }

    private PipNetEpochStats pretrainEpoch(PipNet model, ImageDataset train, GroupAdam netOpt, int epoch, EpochProgress progress) {
        int b = config.pretrainBatchSize(), iters = iterations(train, b);
        List<Parameter> params = netOpt.parameters();
        boolean[] active = netActive(model, params, false, epoch);
        setRequiresGradient(model, params, active, false);
        double eta = config.lrBlock() / 100, total = (double) iters * config.pretrainEpochs();
        double[] base = baseRates(model, params);
        double[] w = lossWeights(true, false, epoch, config.pretrainEpochs());
        return runEpoch(model, train, PipNetPhase.PRETRAIN, epoch, b, iters, false, progress, (step, x, labels) -> {
            float[] out = step(model, x, labels, w[0], w[1], w[2]);
            double t = (double) (epoch - 1) * iters + step;
            netOpt.step(cosine(base, eta, t, total), active);
            return out;
        });
    }

    private PipNetEpochStats trainEpoch(PipNet model, ImageDataset train, GroupAdam netOpt, GroupAdam clsOpt, int epoch,
            EpochProgress progress) {
        int b = config.batchSize(), iters = iterations(train, b);
        boolean classifierOnly = classifierOnly(epoch);
        if ((epoch == config.epochs() || epoch % 30 == 0) && config.epochs() > 1) {
            model.shrinkClassifier();
        }
        List<Parameter> params = netOpt.parameters();
        boolean[] active = classifierOnly ? new boolean[params.size()] : netActive(model, params, true, epoch);
        setRequiresGradient(model, params, active, true);
        boolean[] clsActive = new boolean[clsOpt.parameters().size()];
        Arrays.fill(clsActive, true);
        double[] base = baseRates(model, params);
        double eta = config.lrNet() / 100, total = (double) iters * config.epochs();
        int netEpochsBefore = 0;
        for (int e = 1; e < epoch; e++) {
            netEpochsBefore += classifierOnly(e) ? 0 : 1;
        }
        int done = netEpochsBefore;
        double[] w = lossWeights(false, classifierOnly, epoch, config.pretrainEpochs());
        return runEpoch(model, train, PipNetPhase.TRAIN, epoch, b, iters, classifierOnly, progress, (step, x, labels) -> {
            float[] out = step(model, x, labels, w[0], w[1], w[2]);
            if (!classifierOnly) {
                netOpt.step(cosine(base, eta, (double) done * iters + step, total), active);
            }
            double lr = classifierLearningRate(config.lr(), classifierScheduleTime(epoch, step, iters), config.epochs());
            double[] clsRates = new double[clsActive.length];
            Arrays.fill(clsRates, lr);
            clsOpt.step(clsRates, clsActive);
            model.shrinkClassifier();
            return out;
        });
    }

    boolean classifierOnly(int epoch) {
        return epoch <= PipNetTrainingConfig.CLASSIFIER_ONLY_EPOCHS && config.pretrainEpochs() > 0;
    }

    @FunctionalInterface
    private interface Step {
        float[] run(int step, NDArray x, int[] labels);
    }

    private PipNetEpochStats runEpoch(PipNet model, ImageDataset train, PipNetPhase phase, int epoch, int batch, int iters,
            boolean classifierOnly, EpochProgress progress, Step body) {
        long t0 = System.nanoTime();
        int[] order = order(train, phase, epoch);
        double[] sums = new double[6];
        int views = 0;
        for (int s = 0; s < iters; s++) {
            int[] idx = Arrays.copyOfRange(order, s * batch, (s + 1) * batch);
            int[] labels = train.labels(idx);
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray x = twoViewBatch(model, train, idx, new SplittableRandom(mix(config.seed(), phase.label().hashCode(), epoch, s)));
                float[] out = body.run(s, x, labels);
                for (int i = 0; i < 4; i++) {
                    sums[i] += out[i];
                }
                sums[4] += out[4];
                sums[5] += out[5];
                views += 2 * batch;
            }
            progress.advance(batch, String.format("%sL %.3f L_A %.3f L_T %.3f", classifierOnly ? "(cls) " : "", sums[0] / (s + 1), sums[1] / (s + 1),
                    sums[2] / (s + 1)) + (phase == PipNetPhase.PRETRAIN ? "" : String.format(" L_C %.3f acc %.3f", sums[3] / (s + 1), sums[4] / views)));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        boolean pretrain = phase == PipNetPhase.PRETRAIN;
        PipNetEpochStats stats = new PipNetEpochStats(phase, epoch, classifierOnly, sums[0] / iters, sums[1] / iters, sums[2] / iters,
                sums[3] / iters, pretrain ? Double.NaN : sums[4] / views, sums[5] / iters, seconds, iters * batch / seconds);
        LOG.info(summary(stats));
        return stats;
    }

    /** The log line of one epoch; phase 1 trains no classifier, so it has no L_C and no accuracy to show. */
    static String summary(PipNetEpochStats stats) {
        String classifier = stats.phase() == PipNetPhase.PRETRAIN ? "(phase 1 trains no classifier: no L_C, no accuracy)"
                : "L_C " + f(stats.classification()) + " acc " + f(stats.accuracy());
        return String.format("%s epoch %d%s: L %s L_A %s L_T %s %s present prototypes %s (%s img/s)", stats.phase().label(), stats.epoch(),
                stats.classifierOnly() ? " (classifier only)" : "", f(stats.loss()), f(stats.alignment()), f(stats.tanh()), classifier,
                f(stats.presentPrototypes()), f(stats.imagesPerSecond()));
    }

    /**
     * One forward and backward pass on [x'; x''] (2B rows); returns [L, L_A, L_T, L_C, correct views,
     * prototypes present (p &gt; 0.1) in some image].
     */
    static float[] step(PipNet model, NDArray x, int[] labels, double wAlign, double wTanh, double wClass) {
        int b = labels.length;
        int[] both = new int[2 * b];
        System.arraycopy(labels, 0, both, 0, b);
        System.arraycopy(labels, 0, both, b, b);
        return Autograd.run(gc -> {
            PipNet.Forward f = model.forward(x, true);
            NDArray z1 = f.latent().get(new NDIndex("0:" + b)), z2 = f.latent().get(new NDIndex(b + ":"));
            NDArray p1 = f.presence().get(new NDIndex("0:" + b)), p2 = f.presence().get(new NDIndex(b + ":"));
            NDArray la = PipNetLosses.alignment(z1, z2);
            NDArray lt = PipNetLosses.tanh(p1, p2);
            NDArray lc = PipNetLosses.classification(f.scores(), both);
            NDArray loss = la.mul(Tensors.constant(la, wAlign)).add(lt.mul(Tensors.constant(lt, wTanh))).add(lc.mul(Tensors.constant(lc, wClass)));
            gc.backward(loss);
            int[] pred = Tensors.argmax(Tensors.toArray2(f.scores()));
            int correct = 0;
            for (int i = 0; i < pred.length; i++) {
                correct += pred[i] == both[i] ? 1 : 0;
            }
            float[] present = f.presence().max(new int[] {0}).toFloatArray();
            int count = 0;
            for (float v : present) {
                count += v > PipNet.PRESENCE_THRESHOLD ? 1 : 0;
            }
            return new float[] {loss.getFloat(), la.getFloat(), lt.getFloat(), lc.getFloat(), correct, count};
        });
    }

    /** [x'; x''] for the given images, normalised, [2B,3,S,S]. */
    NDArray twoViewBatch(PipNet model, ImageDataset data, int[] idx, SplittableRandom rng) {
        int s = model.imageSize(), per = 3 * s * s, b = idx.length;
        float[] flat = new float[2 * b * per];
        float[][] images = data.pixels(idx);
        for (int i = 0; i < b; i++) {
            float[][] v = config.augmentation().views(images[i], data.height(), data.width(), rng);
            model.normalization().applyInto(v[0], flat, i * per);
            model.normalization().applyInto(v[1], flat, (b + i) * per);
        }
        return model.manager().create(flat, new Shape(2L * b, 3, s, s));
    }

    /** Finalisation (docs/methods/pipnet.md#phases): zero the columns of relevant prototypes never present above 0.1 in their top-10. */
    static int[] prune(PipNet model, ImageDataset train) {
        PresenceTable table = PresenceTable.compute(model, train, 128);
        List<Integer> pruned = new ArrayList<>();
        for (int d : model.relevantPrototypes()) {
            int[] top = table.topK(d, TOP_K);
            if (top.length == 0 || table.presence()[top[0]][d] <= PipNet.PRESENCE_THRESHOLD) {
                pruned.add(d);
            }
        }
        int[] ids = pruned.stream().mapToInt(Integer::intValue).toArray();
        model.prunePrototypes(ids);
        LOG.info("finalisation: pruned {} prototypes never present above 0.1: {}", ids.length, Arrays.toString(ids));
        return ids;
    }

    /** The network optimizer's parameters: the backbone's in group order, then the add-on's. */
    List<Parameter> netParameters(PipNet model) {
        List<Parameter> net = new ArrayList<>();
        for (PipNetBackbone.GroupedParameter g : model.backbone().parameters()) {
            net.add(g.parameter());
        }
        net.addAll(model.addOnParameters());
        return net;
    }

    /** Per-parameter base rates: early lr_net, mid/last lr_block, add-on 10·lr_block. */
    double[] baseRates(PipNet model, List<Parameter> params) {
        List<PipNetBackbone.GroupedParameter> groups = model.backbone().parameters();
        double[] rates = new double[params.size()];
        for (int i = 0; i < params.size(); i++) {
            rates[i] = i < groups.size()
                    ? (groups.get(i).group() == PipNetBackbone.Group.EARLY ? config.lrNet() : config.lrBlock())
                    : 10 * config.lrBlock();
        }
        return rates;
    }

    /** Which net parameters train: add-on, last, mid; early only for a random backbone or after freezeEpochs in phase 2. */
    boolean[] netActive(PipNet model, List<Parameter> params, boolean phase2, int epoch) {
        List<PipNetBackbone.GroupedParameter> groups = model.backbone().parameters();
        boolean earlyTrains = !model.backbone().pretrained() || (phase2 && epoch > config.freezeEpochs());
        boolean[] active = new boolean[params.size()];
        for (int i = 0; i < params.size(); i++) {
            active[i] = i >= groups.size() || groups.get(i).group() != PipNetBackbone.Group.EARLY || earlyTrains;
        }
        return active;
    }

    private static void setRequiresGradient(PipNet model, List<Parameter> net, boolean[] active, boolean classifier) {
        for (int i = 0; i < net.size(); i++) {
            net.get(i).array().setRequiresGradient(active[i]);
        }
        for (Parameter p : model.classifierParameters()) {
            p.array().setRequiresGradient(classifier);
        }
    }

    /**
     * Loss weights {λ_A, λ_T, λ_C} (docs/methods/pipnet.md#losses): phase 1 epoch e of E_pre (e/E_pre, 5, 0); phase 2 classifier-only epochs
     * (0, 0, 2); other phase-2 epochs (5, 2, 2).
     */
    static double[] lossWeights(boolean pretrain, boolean classifierOnly, int epoch, int pretrainEpochs) {
        if (pretrain) {
            return new double[] {(double) epoch / pretrainEpochs, W_TANH_PRETRAIN, 0};
        }
        return classifierOnly ? new double[] {0, 0, W_CLASS} : new double[] {W_ALIGN, W_TANH, W_CLASS};
    }

    /**
     * The classifier's cosine schedule with warm restarts (docs/methods/pipnet.md#parameter-groups-and-schedules) at fractional epoch t: period T0 = 5 epochs if
     * E ≤ 30 else 10, eta_min 0.001: lr(t) = 0.001 + (lr − 0.001)·(1 + cos(π·(t mod T0)/T0))/2.
     */
    static double classifierLearningRate(double lr, double t, int epochs) {
        double period = epochs <= 30 ? 5 : 10;
        return 0.001 + (lr - 0.001) * (1 + Math.cos(Math.PI * (t % period) / period)) / 2;
    }

    /**
     * The fractional epoch at which the classifier rate of phase-2 step {@code step} (0-based) of epoch {@code epoch}
     * (1-based) is evaluated. The official loop steps the optimizer first and then calls
     * {@code scheduler_classifier.step(epoch − 1 + i/iters)}, so step i uses the rate set after step i − 1: t =
     * (e − 1) + (i − 1)/iters; the first step of an epoch uses the previous epoch's last value, (e − 2) + (iters −
     * 1)/iters, and the very first step the initial rate, t = 0.
     */
    static double classifierScheduleTime(int epoch, int step, int iters) {
        if (step > 0) {
            return (epoch - 1) + (double) (step - 1) / iters;
        }
        return epoch == 1 ? 0 : (epoch - 2) + (double) (iters - 1) / iters;
    }

    /** The network's cosine schedule per group: eta + (base − eta)·(1 + cos(π·min(1, t/total)))/2. */
    static double[] cosine(double[] base, double eta, double t, double total) {
        double[] lr = new double[base.length];
        double c = (1 + Math.cos(Math.PI * Math.min(1, t / total))) / 2;
        for (int i = 0; i < lr.length; i++) {
            lr[i] = eta + (base[i] - eta) * c;
        }
        return lr;
    }

    private static int iterations(ImageDataset train, int batch) {
        int iters = train.size() / batch;
        if (iters < 1) {
            throw new IllegalArgumentException("the training set has " + train.size() + " images, fewer than one batch of " + batch
                    + " (batches drop the last incomplete one)");
        }
        return iters;
    }

    /** Seeded order of one epoch: a permutation, or with the weighted sampler N draws with weight 1/class count. */
    private int[] order(ImageDataset train, PipNetPhase phase, int epoch) {
        SplittableRandom rng = new SplittableRandom(mix(config.seed(), phase.label().hashCode(), epoch, -1));
        int n = train.size();
        if (config.weightedSampler()) {
            int[] p = new int[n];
            int[] counts = new int[train.numClasses()];
            for (int i = 0; i < n; i++) {
                counts[train.label(i)]++;
            }
            double[] cumulative = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += 1.0 / counts[train.label(i)];
                cumulative[i] = sum;
            }
            for (int i = 0; i < n; i++) {
                int j = Arrays.binarySearch(cumulative, rng.nextDouble() * sum);
                p[i] = Math.min(n - 1, j >= 0 ? j : -j - 1);
            }
            return p;
        }
        return SampleOrder.permutation(n, rng);
    }

    static long mix(long seed, long a, long b, long c) {
        long h = seed * 0x9E3779B97F4A7C15L;
        h = (h ^ a) * 0xBF58476D1CE4E5B9L;
        h = (h ^ b) * 0x94D049BB133111EBL;
        h = (h ^ c) * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 31);
    }

    static int gridSize(PipNet model) {
        try (NDManager m = NDManager.newBaseManager()) {
            int s = model.imageSize();
            return (int) model.backbone().forward(m.zeros(new Shape(1, 3, s, s)), false).getShape().get(2);
        }
    }

    /**
     * What a checkpoint must share with this run to be resumed: backbone, architecture, classes,
     * normalisation, the training labels and every training setting (the epochs of both phases included:
     * they set the phase boundaries and schedules).
     */
    private ObjectNode fingerprint(PipNet model, ImageDataset train) {
        ObjectNode run = Json.MAPPER.valueToTree(PipNetFile.headerOf(model, backboneSpec, null));
        run.remove("extra");
        run.put("trainingLabels", RunFingerprint.labels(train.size(), train::label));
        run.set("training", Json.MAPPER.valueToTree(config));
        return run;
    }

    private static long[] steps(JsonNode node) {
        return Json.MAPPER.convertValue(node, long[].class);
    }

    private static String f(double v) {
        return String.format("%.4f", v);
    }
}

package io.xai4j.graph.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.xai4j.core.io.AtomicFiles;
import io.xai4j.core.io.Json;
import io.xai4j.core.runtime.Autograd;
import io.xai4j.core.runtime.Tensors;
import io.xai4j.core.train.EpochProgress;
import io.xai4j.core.train.ResumableTraining;
import io.xai4j.core.train.SinglePhase;
import io.xai4j.graph.data.Graph;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link Gcn} as the official {@code keras_gcn} does (docs/methods/gcn.md#training): loss = mean over the C
 * outputs of sigmoid binary cross-entropy with logits against the one-hot label, Adam (Keras form,
 * ε = 1e-7), class-balanced resampling every epoch. Deviation from the official code (docs/methods/gcn.md#deviations-from-the-official-code):
 * resampling draws from the training split only. Optionally the epoch order is stratified so that
 * every mini-batch has equal class counts ({@link TrainingConfig#stratifiedBatches()}, a documented
 * deviation needed for BA-2Motifs). With a checkpoint file, a killed run resumes after its last
 * completed epoch ({@link GcnCheckpoint}); the loop, the checkpoint's writing and the fingerprint check are
 * {@link ResumableTraining}'s. With {@link TrainingConfig#bestValid()} the weights of the epoch with the lowest
 * validation loss are kept aside (and in the checkpoint) and restored at the end ({@code --select best-val},
 * docs/methods/gcn.md).
 */
public final class GcnTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(GcnTrainer.class);
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-7;

    /** One epoch's log line; {@code validLoss} is the training loss on the validation graphs (NaN without them). */
    public record EpochLog(int epoch, double meanLoss, double validRocAuc, double validAccuracy, double validLoss) {

        /** A line without the validation loss. */
        public EpochLog(int epoch, double meanLoss, double validRocAuc, double validAccuracy) {
            this(epoch, meanLoss, validRocAuc, validAccuracy, Double.NaN);
        }
    }

    /**
     * What a training run did; {@code selectedEpoch} is the epoch whose weights the model holds at the end: the last one,
     * or with {@link TrainingConfig#bestValid()} the one with the lowest validation loss (0 when no epoch ran).
     */
    public record TrainingResult(List<EpochLog> epochs, double seconds, long graphsSeen, int selectedEpoch) {

        /** Training throughput in graphs per second. */
        public double graphsPerSecond() {
            return seconds > 0 ? graphsSeen / seconds : Double.NaN;
        }
    }

    private GcnTrainer() {}

    /** Trains {@code model} in place; {@code valid} may be empty (no validation logging). */
    public static TrainingResult train(Gcn model, List<Graph> train, List<Graph> valid, TrainingConfig config) {
        return train(model, train, valid, config, null, log -> {});
    }

    /**
     * Trains {@code model} in place with an atomic checkpoint after every epoch (weights, Adam moments,
     * step count, the sampler's random state and the epoch log). When {@code checkpoint} exists, the run
     * resumes after its last completed epoch and ends with the same weights, bit for bit, as a run that
     * was never interrupted. The checkpoint is kept; a finished run found there returns at once.
     *
     * @param checkpoint file to write after each epoch and to resume from; null for none
     * @param onEpoch called after each epoch, after its checkpoint was written
     */
    public static TrainingResult train(Gcn model, List<Graph> train, List<Graph> valid, TrainingConfig config, Path checkpoint,
            Consumer<EpochLog> onEpoch) {
        int c = model.numClasses();
        List<List<Integer>> byClass = new ArrayList<>();
        for (int k = 0; k < c; k++) {
            byClass.add(new ArrayList<>());
        }
        for (Graph g : valid) {
            if (g.label() < 0 || g.label() >= c) {
                throw new IllegalArgumentException("validation graph " + g.id() + " has label " + g.label()
                        + "; expected a class index in 0.." + (c - 1) + " (an unlabelled graph would count as a wrong one)");
            }
        }
        for (int i = 0; i < train.size(); i++) {
            int y = train.get(i).label();
            if (y < 0 || y >= c) {
                throw new IllegalArgumentException("training graph " + train.get(i).id() + " has label " + y
                        + "; expected a class index in 0.." + (c - 1));
            }
            byClass.get(y).add(i);
        }
        if (config.bestValid() && valid.isEmpty()) {
            throw new IllegalArgumentException("selecting the best validation-loss epoch needs validation graphs; none were given");
        }
        Run run = new Run(model, train, valid, config, byClass);
        List<EpochLog> logs = ResumableTraining.builder(SinglePhase.class, EpochLog.class)
                .setRun(run)
                .setFingerprint(fingerprint(model, train, config))
                .optCheckpoint(checkpoint, GcnCheckpoint::readState)
                .optProgressBar(config.progressBar())
                .optOnEpoch(onEpoch)
                .build()
                .run()
                .history();
        return new TrainingResult(logs, run.seconds(), run.seen, config.bestValid() ? run.bestEpoch : logs.size());
    }

    /** One training run: weights, Adam moments and counters, and the sampler, whose state carries from epoch to epoch. */
    private static final class Run implements ResumableTraining.Run<SinglePhase, EpochLog> {
        private final Gcn model;
        private final List<Graph> train;
        private final List<Graph> valid;
        private final TrainingConfig config;
        private final List<List<Integer>> byClass;
        private final NDArray[] w;
        private final NDArray[] b;
        private final long start = System.nanoTime();
        private NDManager state;
        private NDArray[] mw, vw, mb, vb;
        private Random rnd;
        private long step;
        private long seen;
        private double secondsBefore;
        private Best best;
        private int bestEpoch;
        private double bestLoss = Double.NaN;

        Run(Gcn model, List<Graph> train, List<Graph> valid, TrainingConfig config, List<List<Integer>> byClass) {
            this.model = model;
            this.train = train;
            this.valid = valid;
            this.config = config;
            this.byClass = byClass;
            this.w = model.weightArrays();
            this.b = model.biasArrays();
        }

        @Override
        public int epochs(SinglePhase phase) {
            return config.epochs();
        }

        @Override
        public long unitsPerEpoch(SinglePhase phase) {
            return epochSize(byClass, config.classBalanced(), train.size());
        }

        @Override
        public void beginPhase(SinglePhase phase, ResumableTraining.Checkpoint resumed) {
            state = model.manager().newSubManager();
            mw = zerosLike(state, w);
            vw = zerosLike(state, w);
            mb = zerosLike(state, b);
            vb = zerosLike(state, b);
            rnd = new Random(config.seed());
            best = config.bestValid() ? new Best(zerosLike(state, w), zerosLike(state, b)) : null;
            if (resumed != null) {
                bestEpoch = resumed.state().path("bestEpoch").asInt();
                JsonNode kept = resumed.state().path("history").path(bestEpoch - 1);
                bestLoss = bestEpoch > 0 && kept.hasNonNull("validLoss") ? kept.get("validLoss").asDouble() : Double.NaN;
                rnd = GcnCheckpoint.restore(resumed.file(), w, b, mw, vw, mb, vb, bestEpoch > 0 ? best : null);
                step = resumed.state().path("step").asLong();
                seen = resumed.state().path("seen").asLong();
                secondsBefore = resumed.state().path("seconds").asDouble();
            }
        }

        @Override
        public EpochLog epoch(SinglePhase phase, int epoch, EpochProgress progress) {
            List<Integer> order = config.stratifiedBatches()
                    ? sampleStratified(byClass, config.batchSize(), rnd)
                    : sample(byClass, config.classBalanced(), rnd);
            double lossSum = 0;
            int batches = 0;
            for (int s = 0; s < order.size(); s += config.batchSize()) {
                List<Graph> chunk = new ArrayList<>();
                int[] labels = new int[Math.min(config.batchSize(), order.size() - s)];
                for (int i = 0; i < labels.length; i++) {
                    Graph g = train.get(order.get(s + i));
                    chunk.add(g);
                    labels[i] = g.label();
                }
                step++;
                lossSum += step(model, chunk, labels, w, b, mw, vw, mb, vb, config.learningRate(), step, config.batching());
                batches++;
                seen += chunk.size();
                progress.advance(chunk.size(), null);
            }
            double auc = Double.NaN, acc = Double.NaN, validLoss = Double.NaN;
            if (!valid.isEmpty()) {
                float[][] y = model.logits(valid, null, 64, config.batching());
                auc = rocAuc(y, valid);
                acc = ClassificationMetrics.accuracy(Tensors.argmax(y), labels(valid));
                validLoss = meanLoss(y, labels(valid));
            }
            EpochLog log = new EpochLog(epoch, batches == 0 ? Double.NaN : lossSum / batches, auc, acc, validLoss);
            if (best != null && (bestEpoch == 0 || lower(validLoss, bestLoss))) {
                bestEpoch = epoch;
                bestLoss = validLoss;
                best.keep(w, b);
            }
            if (LOG.isInfoEnabled()) {
                LOG.info("{}", describe(log));
            }
            progress.message(String.format("loss %.4f val-auc %.3f", log.meanLoss(), auc));
            return log;
        }

        @Override
        public AtomicFiles.Writer checkpoint(ObjectNode json) {
            json.put("step", step);
            json.put("seen", seen);
            json.put("seconds", seconds());
            json.put("bestEpoch", bestEpoch);
            return GcnCheckpoint.writer(json, rnd, w, b, mw, vw, mb, vb, bestEpoch > 0 ? best : null);
        }

        @Override
        public void endPhase(SinglePhase phase, List<EpochLog> history) {
            if (best != null && bestEpoch > 0) {
                best.restore(w, b);
                LOG.info("kept the weights of epoch {} (lowest validation loss {})", bestEpoch, history.get(bestEpoch - 1).validLoss());
            }
        }

        @Override
        public void release() {
            if (state != null) {
                state.close();
            }
        }

        double seconds() {
            return secondsBefore + (System.nanoTime() - start) / 1e9;
        }
    }

    /**
     * An epoch's log line, 4 decimals: {@code epoch 3: loss 0.6658 valid ROC-AUC 0.9001 accuracy 0.8125}; without
     * validation graphs (NaN metrics, e.g. the timing-only training of {@code graph bench}) just {@code epoch 1: loss 0.6931}.
     */
    /** Whether validation loss {@code v} beats {@code best}: a number beats NaN, ties keep the earlier epoch. */
    private static boolean lower(double v, double best) {
        return !Double.isNaN(v) && (Double.isNaN(best) || v < best);
    }

    /** The weights and biases of the best validation-loss epoch so far, copied in place ({@link Tensors#copyInto}). */
    record Best(NDArray[] w, NDArray[] b) {

        void keep(NDArray[] fromW, NDArray[] fromB) {
            for (int l = 0; l < w.length; l++) {
                Tensors.copyInto(fromW[l], w[l]);
                Tensors.copyInto(fromB[l], b[l]);
            }
        }

        void restore(NDArray[] toW, NDArray[] toB) {
            for (int l = 0; l < w.length; l++) {
                Tensors.copyInto(w[l], toW[l]);
                Tensors.copyInto(b[l], toB[l]);
            }
        }
    }

    /**
     * The training loss of {@link #sigmoidCrossEntropy} computed in double from the logits: the mean over graphs and
     * classes of max(z,0) − z·y + log(1 + e^{−|z|}) against the one-hot labels; NaN for no graphs.
     */
    static double meanLoss(float[][] logits, int[] labels) {
        if (logits.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            for (int c = 0; c < logits[i].length; c++) {
                double z = logits[i][c];
                double y = labels[i] == c ? 1 : 0;
                sum += Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
            }
        }
        return sum / (logits.length * (double) logits[0].length);
    }

    static String describe(EpochLog log) {
        String line = String.format(java.util.Locale.ROOT, "epoch %d: loss %.4f", log.epoch(), log.meanLoss());
        if (Double.isNaN(log.validRocAuc()) && Double.isNaN(log.validAccuracy())) {
            return line;
        }
        String loss = Double.isNaN(log.validLoss()) ? "" : String.format(java.util.Locale.ROOT, " loss %.4f", log.validLoss());
        return line + String.format(java.util.Locale.ROOT, " valid%s ROC-AUC %.4f accuracy %.4f", loss, log.validRocAuc(), log.validAccuracy());
    }

    /** The training-state file kept beside a model file ({@code model.gcn.ckpt}); null for null. */
    public static Path stateFileFor(Path modelFile) {
        return modelFile == null ? null : modelFile.resolveSibling(modelFile.getFileName() + ".ckpt");
    }

    /**
     * What must match for a checkpoint to be resumed: the model's shapes and classes, the training
     * graphs (count and a hash of their ids) and every setting but the number of epochs and the progress bar.
     */
    static ObjectNode fingerprint(Gcn model, List<Graph> train, TrainingConfig config) {
        int ids = 1;
        for (Graph g : train) {
            ids = 31 * ids + g.id().hashCode();
        }
        ObjectNode run = Json.MAPPER.createObjectNode();
        run.put("inputDim", model.inputDim());
        run.set("widths", Json.MAPPER.valueToTree(model.widths()));
        run.set("classes", Json.MAPPER.valueToTree(model.classes()));
        run.put("trainingGraphs", train.size() + "/" + Integer.toHexString(ids));
        ObjectNode settings = Json.MAPPER.valueToTree(config);
        settings.remove("epochs");
        settings.remove("progressBar");
        run.set("training", settings);
        return run;
    }

    private static int epochSize(List<List<Integer>> byClass, boolean balanced, int all) {
        if (!balanced) {
            return all;
        }
        int m = byClass.stream().mapToInt(List::size).min().orElse(0);
        return m * byClass.size();
    }

    /** One epoch's order: m = min class count of each class without replacement, shuffled (docs/methods/gcn.md#training). */
    static List<Integer> sample(List<List<Integer>> byClass, boolean balanced, Random rnd) {
        List<Integer> order = new ArrayList<>();
        if (balanced) {
            int m = byClass.stream().mapToInt(List::size).min().orElse(0);
            for (List<Integer> members : byClass) {
                List<Integer> copy = new ArrayList<>(members);
                Collections.shuffle(copy, rnd);
                order.addAll(copy.subList(0, m));
            }
        } else {
            byClass.forEach(order::addAll);
            Collections.sort(order);
        }
        Collections.shuffle(order, rnd);
        return order;
    }

    /**
     * One epoch's order with class-stratified batches: the same draw as {@link #sample} (m = min class
     * count of each class, without replacement), dealt round-robin over the classes, then shuffled
     * within each consecutive block of {@code batchSize}. Every batch therefore holds ⌊B/C⌋ or ⌈B/C⌉
     * graphs of each class (exactly B/C when C divides B); for B = 1 the classes alternate.
     */
    static List<Integer> sampleStratified(List<List<Integer>> byClass, int batchSize, Random rnd) {
        int m = byClass.stream().mapToInt(List::size).min().orElse(0);
        List<List<Integer>> drawn = new ArrayList<>();
        for (List<Integer> members : byClass) {
            List<Integer> copy = new ArrayList<>(members);
            Collections.shuffle(copy, rnd);
            drawn.add(copy.subList(0, m));
        }
        List<Integer> order = new ArrayList<>(m * byClass.size());
        for (int i = 0; i < m; i++) {
            for (List<Integer> d : drawn) {
                order.add(d.get(i));
            }
        }
        for (int s = 0; s < order.size(); s += batchSize) {
            Collections.shuffle(order.subList(s, Math.min(order.size(), s + batchSize)), rnd);
        }
        return order;
    }

    private static double step(Gcn model, List<Graph> chunk, int[] labels, NDArray[] w, NDArray[] b,
            NDArray[] mw, NDArray[] vw, NDArray[] mb, NDArray[] vb, double lr, long t, GraphBatch.Batching batching) {
        try (NDScope scope = new NDScope(); NDManager sub = model.manager().newSubManager()) {
            GraphBatch batch = GraphBatch.pack(sub, chunk, batching);
            NDArray target = Tensors.oneHot(sub, labels, model.numClasses());
            return Autograd.run(gc -> {
                NDArray[] tw = leaves(sub, w);
                NDArray[] tb = leaves(sub, b);
                NDArray z = model.forward(batch, batch.x(), tw, tb, null).logits();
                NDArray loss = sigmoidCrossEntropy(z, target);
                gc.backward(loss);
                double a = lr * Math.sqrt(1 - Math.pow(BETA2, t)) / (1 - Math.pow(BETA1, t));
                for (int l = 0; l < w.length; l++) {
                    adam(w[l], tw[l].getGradient(), mw[l], vw[l], a);
                    adam(b[l], tb[l].getGradient(), mb[l], vb[l], a);
                }
                return (double) loss.getFloat();
            });
        }
    }

    /** Mean over batch and classes of max(z,0) − z·y + log(1 + e^{−|z|}), the stable BCE with logits. */
    static NDArray sigmoidCrossEntropy(NDArray z, NDArray y) {
        return Tensors.relu(z).sub(z.mul(y)).add(z.abs().neg().exp().add(1f).log()).mean();
    }

    /** Keras Adam: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², w ← w − lr_t·m/(√v + ε). */
    private static void adam(NDArray w, NDArray g, NDArray m, NDArray v, double lrT) {
        m.muli((float) BETA1).addi(g.mul((float) (1 - BETA1)));
        v.muli((float) BETA2).addi(g.square().mul((float) (1 - BETA2)));
        w.subi(m.div(v.sqrt().add((float) EPSILON)).mul((float) lrT));
    }

    private static NDArray[] leaves(NDManager sub, NDArray[] params) {
        NDArray[] out = new NDArray[params.length];
        for (int i = 0; i < params.length; i++) {
            out[i] = params[i].duplicate();
            out[i].attach(sub);
            out[i].setRequiresGradient(true);
        }
        return out;
    }

    private static NDArray[] zerosLike(NDManager m, NDArray[] a) {
        NDArray[] out = new NDArray[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = m.zeros(a[i].getShape());
        }
        return out;
    }

    /** ROC-AUC of softmax(y)[1] against label 1 (two classes); for C > 2 the macro one-vs-rest mean. */
    public static double rocAuc(float[][] logits, List<Graph> graphs) {
        float[][] p = Tensors.softmax(logits);
        int c = p[0].length;
        int[] y = labels(graphs);
        if (c == 2) {
            return ClassificationMetrics.rocAuc(column(p, 1), binary(y, 1));
        }
        double sum = 0;
        int n = 0;
        for (int k = 0; k < c; k++) {
            double auc = ClassificationMetrics.rocAuc(column(p, k), binary(y, k));
            if (!Double.isNaN(auc)) {
                sum += auc;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    static double[] column(float[][] p, int k) {
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = p[i][k];
        }
        return out;
    }

    static int[] binary(int[] y, int k) {
        int[] out = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i] == k ? 1 : 0;
        }
        return out;
    }

    public static int[] labels(List<Graph> graphs) {
        return graphs.stream().mapToInt(Graph::label).toArray();
    }
}

package io.xai4j.core.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.xai4j.core.io.AtomicFiles;
import io.xai4j.core.io.Json;
import io.xai4j.core.io.RunFingerprint;
import io.xai4j.core.runtime.ProgressBars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import me.tongfei.progressbar.ProgressBar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The epoch loop that every xai4j trainer runs, with its checkpoints. A {@link Run} supplies what is specific
 * to a trainer (its phases' lengths, one epoch of its step and schedule, its optimizer state and file format);
 * this class does the rest, the same way for all of them:
 *
 * <ul>
 *   <li><b>resume</b>: an existing checkpoint is read (its JSON state only), its run fingerprint compared with
 *       this run's ({@link RunFingerprint#requireSameRun}, before anything is loaded), the history restored, and
 *       training continues in the checkpoint's phase after its last completed epoch; a checkpoint holding more
 *       epochs of that phase than this run plans is refused;
 *   <li><b>the loop</b>: phases in enum order, epochs 1..E of each; the run's {@link Run#beginPhase} builds its
 *       optimizers (restoring them from the checkpoint in the resumed phase);
 *   <li><b>checkpoints</b>: after every epoch, the state {@code {run, phase, epochsDone, history}} plus the
 *       run's own fields, written atomically ({@link AtomicFiles}) by the run's writer, then the epoch
 *       listener is called (a listener that throws simulates a kill right after a checkpoint);
 *   <li><b>one progress bar per phase</b> ({@link ProgressBars}) over all its epochs, resumed ones counted.
 * </ul>
 *
 * A run with a finalisation (PIP-Net's pruning) records it with {@link #finish}; a finished checkpoint is
 * returned as {@link Outcome#finished()} without training again. Without one, a finished run is simply a
 * checkpoint whose last phase is complete, so a larger epoch count (where the fingerprint leaves it out)
 * continues it.
 *
 * @param <P> the trainer's phases
 * @param <E> its per-epoch record (kept in the checkpoint as JSON)
 */
public final class ResumableTraining<P extends Enum<P> & TrainingPhase, E> {

    private static final Logger LOG = LoggerFactory.getLogger(ResumableTraining.class);

    /** The phase label of a checkpoint written by {@link #finish}. */
    public static final String FINISHED = "done";

    /** What is specific to a trainer. */
    public interface Run<P extends Enum<P> & TrainingPhase, E> {

        /** Epochs of {@code phase} (0 skips it). */
        int epochs(P phase);

        /** Units (images, graphs) of one epoch of {@code phase}, for the progress bar. */
        long unitsPerEpoch(P phase);

        /**
         * Prepares {@code phase} (fresh optimizers, trainable parameters). {@code resumed} is the checkpoint when the
         * run resumes inside this phase: the model, the optimizers and the run's counters then come from it.
         */
        void beginPhase(P phase, Checkpoint resumed);

        /** Trains epoch {@code epoch} (1-based) of {@code phase} and returns its record. */
        E epoch(P phase, int epoch, EpochProgress progress);

        /**
         * The writer of a checkpoint holding {@code state} (to which the run adds its own fields, e.g. optimizer step
         * counts) and the model and optimizer arrays; the loop writes it atomically.
         */
        AtomicFiles.Writer checkpoint(ObjectNode state);

        /** After an epoch's checkpoint and listener (e.g. clears gradients a listener left on the parameters). */
        default void afterEpoch(P phase, E record) {}

        /**
         * Whether {@code phase} stops before its planned epochs (early stopping), asked after each epoch's checkpoint and
         * listener and, on resume, before the first epoch; {@code history} holds every epoch so far. The answer must
         * depend on the history alone, so that a resumed run stops where the uninterrupted one did.
         */
        default boolean stopAfter(P phase, List<E> history) {
            return false;
        }

        /** After the last epoch of {@code phase}. */
        default void endPhase(P phase, List<E> history) {}

        /** Once at the end of {@link #run}, also after a failure (e.g. turns gradients off, frees optimizer state). */
        default void release() {}
    }

    /** Reads the JSON state of a checkpoint file without loading its arrays. */
    @FunctionalInterface
    public interface StateReader {
        JsonNode read(Path file);
    }

    /** A checkpoint found on disk: its file and its JSON state. */
    public record Checkpoint(Path file, JsonNode state) {}

    /**
     * What {@link #run} did.
     *
     * @param history every epoch of every phase, the resumed ones included
     * @param finished the checkpoint when it recorded a finished run (nothing was trained), else null
     */
    public record Outcome<E>(List<E> history, Checkpoint finished) {}

    private final Class<P> phases;
    private final Class<E> recordType;
    private final Run<P, E> run;
    private final ObjectNode fingerprint;
    private final Path file;
    private final StateReader reader;
    private final boolean progressBar;
    private final Consumer<? super E> onEpoch;

    private ResumableTraining(Builder<P, E> b) {
        this.phases = b.phases;
        this.recordType = b.recordType;
        this.run = b.run;
        this.fingerprint = b.fingerprint;
        this.file = b.file;
        this.reader = b.reader;
        this.progressBar = b.progressBar;
        this.onEpoch = b.onEpoch;
    }

    /** A builder for a trainer with phases {@code phases} and epoch records of type {@code recordType}. */
    public static <P extends Enum<P> & TrainingPhase, E> Builder<P, E> builder(Class<P> phases, Class<E> recordType) {
        return new Builder<>(phases, recordType);
    }

    /** Runs (or resumes) the training. */
    public Outcome<E> run() {
        P[] order = phases.getEnumConstants();
        List<E> history = new ArrayList<>();
        int start = 0, done = 0;
        Checkpoint resumed = null;
        if (file != null && Files.exists(file)) {
            JsonNode state = reader.read(file);
            RunFingerprint.requireSameRun(file, state.get("run"), fingerprint);
            for (JsonNode e : state.path("history")) {
                history.add(Json.MAPPER.convertValue(e, recordType));
            }
            resumed = new Checkpoint(file, state);
            String label = state.path("phase").asText(order[0].label());
            if (label.equals(FINISHED)) {
                LOG.info("{} holds a finished run ({}); nothing to train", file, epochs(history.size()));
                return new Outcome<>(history, resumed);
            }
            start = phaseIndex(order, label);
            done = state.path("epochsDone").asInt();
            int planned = run.epochs(order[start]);
            if (done > planned) {
                throw new IllegalArgumentException("checkpoint " + file + " holds " + done + " epochs, more than the " + planned
                        + " asked for; ask for at least " + done + " or train into another output");
            }
            LOG.info("resumed from {}: phase {}, {} done", file, label, epochs(done));
        }
        try {
            for (int i = start; i < order.length; i++) {
                P phase = order[i];
                Checkpoint from = i == start ? resumed : null;
                run.beginPhase(phase, from);
                int epochs = run.epochs(phase), first = from == null ? 1 : done + 1;
                if (from != null && run.stopAfter(phase, history)) {
                    first = epochs + 1;
                }
                try (ProgressBar bar = progressBar && first <= epochs ? bar(phase, epochs, first) : null) {
                    for (int e = first; e <= epochs; e++) {
                        E record = run.epoch(phase, e, new EpochProgress(bar, "epoch " + e + "/" + epochs));
                        history.add(record);
                        save(phase.label(), e, history, null);
                        onEpoch.accept(record);
                        run.afterEpoch(phase, record);
                        if (run.stopAfter(phase, history)) {
                            LOG.info("{}: stopped early after epoch {} of {}", phase.label(), e, epochs);
                            break;
                        }
                    }
                }
                run.endPhase(phase, history);
            }
        } finally {
            run.release();
        }
        return new Outcome<>(history, null);
    }

    /**
     * Records a finalised run: a checkpoint whose phase is {@link #FINISHED}, with {@code fields} (e.g. what was
     * pruned) added to its state, and {@code epochsDone} the last phase's epochs. Nothing is written without a file.
     */
    public void finish(List<E> history, Consumer<ObjectNode> fields) {
        P[] order = phases.getEnumConstants();
        save(FINISHED, run.epochs(order[order.length - 1]), history, fields);
    }

    private void save(String phase, int epochsDone, List<E> history, Consumer<ObjectNode> fields) {
        if (file == null) {
            return;
        }
        ObjectNode state = Json.MAPPER.createObjectNode();
        state.set("run", fingerprint);
        state.put("phase", phase);
        state.put("epochsDone", epochsDone);
        state.set("history", Json.MAPPER.valueToTree(history));
        if (fields != null) {
            fields.accept(state);
        }
        AtomicFiles.write(file, run.checkpoint(state));
    }

    /** One bar over all epochs of {@code phase}, the ones before {@code first} already done. */
    private ProgressBar bar(P phase, int epochs, int first) {
        long units = run.unitsPerEpoch(phase);
        ProgressBar bar = ProgressBars.bar(phase.label(), units * epochs);
        bar.stepTo(units * (first - 1));
        return bar;
    }

    private int phaseIndex(P[] order, String label) {
        for (int i = 0; i < order.length; i++) {
            if (order[i].label().equals(label)) {
                return i;
            }
        }
        List<String> known = new ArrayList<>();
        for (P p : order) {
            known.add(p.label());
        }
        throw new IllegalArgumentException("checkpoint " + file + " is in phase '" + label + "', expected one of " + known + " or "
                + FINISHED);
    }

    private static String epochs(int n) {
        return n == 1 ? "1 epoch" : n + " epochs";
    }

    /** Builds a {@link ResumableTraining}: the run and its fingerprint are required; a checkpoint file, bar and listener optional. */
    public static final class Builder<P extends Enum<P> & TrainingPhase, E> {
        private final Class<P> phases;
        private final Class<E> recordType;
        private Run<P, E> run;
        private ObjectNode fingerprint;
        private Path file;
        private StateReader reader;
        private boolean progressBar;
        private Consumer<? super E> onEpoch = e -> {};

        private Builder(Class<P> phases, Class<E> recordType) {
            this.phases = phases;
            this.recordType = recordType;
        }

        public Builder<P, E> setRun(Run<P, E> run) {
            this.run = run;
            return this;
        }

        /** What a checkpoint must share with this run to be resumed ({@link RunFingerprint}). */
        public Builder<P, E> setFingerprint(ObjectNode fingerprint) {
            this.fingerprint = fingerprint;
            return this;
        }

        /** The checkpoint written after every epoch and resumed from (null: none), and how to read its state. */
        public Builder<P, E> optCheckpoint(Path file, StateReader reader) {
            this.file = file;
            this.reader = reader;
            return this;
        }

        public Builder<P, E> optProgressBar(boolean progressBar) {
            this.progressBar = progressBar;
            return this;
        }

        /** Called after each epoch's checkpoint. */
        public Builder<P, E> optOnEpoch(Consumer<? super E> onEpoch) {
            this.onEpoch = onEpoch;
            return this;
        }

        public ResumableTraining<P, E> build() {
            if (run == null || fingerprint == null) {
                throw new IllegalStateException("a training loop needs its run and its fingerprint");
            }
            if (file != null && reader == null) {
                throw new IllegalStateException("a checkpoint file needs a reader of its state");
            }
            return new ResumableTraining<>(this);
        }
    }
}

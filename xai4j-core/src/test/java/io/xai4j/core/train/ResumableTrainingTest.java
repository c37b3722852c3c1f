package io.xai4j.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.xai4j.core.io.AtomicFiles;
import io.xai4j.core.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared epoch loop on a toy trainer whose "weights" depend on every epoch's seeded order and on its optimizer state. */
class ResumableTrainingTest {

    enum Phase implements TrainingPhase {
        WARM("warm"), MAIN("main");

        private final String label;

        Phase(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    record Log(Phase phase, int epoch, double value) {}

    /** Thrown by a listener to simulate a kill right after a checkpoint. */
    static final class Killed extends RuntimeException {}

    /**
     * A toy trainer: weights w (4 values) and a momentum m, a fresh momentum per phase (like PIP-Net's optimizers);
     * each step moves w by a function of the sample drawn in a seeded per-epoch order.
     */
    static class Toy implements ResumableTraining.Run<Phase, Log> {
        final Map<Phase, Integer> epochs;
        final long seed;
        double[] w;
        double m;
        long steps;
        final List<String> calls = new ArrayList<>();

        Toy(int warm, int main, long seed, double init) {
            this.epochs = Map.of(Phase.WARM, warm, Phase.MAIN, main);
            this.seed = seed;
            this.w = new double[] {init, -init, 2 * init, 0.5};
        }

        public int epochs(Phase phase) {
            return epochs.get(phase);
        }

        public long unitsPerEpoch(Phase phase) {
            return 5;
        }

        public void beginPhase(Phase phase, ResumableTraining.Checkpoint resumed) {
            calls.add("begin " + phase.label() + (resumed == null ? "" : " resumed"));
            m = 0;
            if (resumed != null) {
                JsonNode s = resumed.state();
                w = Json.MAPPER.convertValue(s.get("w"), double[].class);
                m = s.get("m").asDouble();
                steps = s.get("steps").asLong();
            }
        }

        public Log epoch(Phase phase, int epoch, EpochProgress progress) {
            calls.add(phase.label() + " " + epoch);
            int[] order = SampleOrder.permutation(5, new SplittableRandom(seed * 1_000_003L + phase.ordinal() * 1_009L + epoch));
            for (int i : order) {
                double g = w[i % 4] - i + 0.1 * steps;
                m = 0.9 * m + g;
                w[i % 4] -= 0.01 * m;
                steps++;
                progress.advance(1, "step " + steps);
            }
            return new Log(phase, epoch, w[0] + w[1] + w[2] + w[3]);
        }

        public AtomicFiles.Writer checkpoint(ObjectNode state) {
            state.set("w", Json.MAPPER.valueToTree(w));
            state.put("m", m);
            state.put("steps", steps);
            byte[] bytes = state.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return out -> out.write(bytes);
        }

        @Override
        public void release() {
            calls.add("release");
        }
    }

    static JsonNode read(Path file) {
        try {
            return Json.MAPPER.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode fingerprint(long seed) {
        ObjectNode run = Json.MAPPER.createObjectNode();
        run.put("seed", seed);
        return run;
    }

    static ResumableTraining<Phase, Log> loop(Toy toy, Path file, java.util.function.Consumer<Log> onEpoch) {
        return ResumableTraining.builder(Phase.class, Log.class).setRun(toy).setFingerprint(fingerprint(toy.seed))
                .optCheckpoint(file, ResumableTrainingTest::read).optOnEpoch(onEpoch).build();
    }

    @Test
    void aRunKilledAfterAnyEpochAndResumedEndsBitForBitWhereTheUninterruptedRunEnds(@TempDir Path dir) {
        Toy straight = new Toy(2, 3, 7, 1.0);
        List<Log> reference = loop(straight, null, e -> {}).run().history();
        assertEquals(5, reference.size());
        assertEquals(List.of("begin warm", "warm 1", "warm 2", "begin main", "main 1", "main 2", "main 3", "release"), straight.calls);
        for (int kill = 1; kill <= 4; kill++) {
            Path file = dir.resolve("kill" + kill + ".json");
            int at = kill;
            int[] seen = {0};
            Toy first = new Toy(2, 3, 7, 1.0);
            Killed k = new Killed();
            assertSame(k, assertThrows(Killed.class, () -> loop(first, file, e -> {
                if (++seen[0] == at) {
                    throw k;
                }
            }).run()));
            assertEquals("release", first.calls.get(first.calls.size() - 1), "released after a failure too");
            Toy resumed = new Toy(2, 3, 7, 99.0); // another initialisation: everything must come from the checkpoint
            List<Log> history = loop(resumed, file, e -> {}).run().history();
            assertEquals(reference, history, "history after a kill at epoch " + kill);
            assertArrayEquals(straight.w, resumed.w, 0.0, "weights after a kill at epoch " + kill);
            assertEquals(straight.steps, resumed.steps);
            assertEquals(5 - kill, resumed.calls.stream().filter(c -> !c.startsWith("begin") && !c.equals("release")).count(),
                    "epochs trained after a kill at epoch " + kill + ": " + resumed.calls);
        }
    }

    @Test
    void theResumedPhaseGetsTheCheckpointAndLaterPhasesStartFresh(@TempDir Path dir) {
        Path file = dir.resolve("run.json");
        Toy first = new Toy(2, 2, 3, 1.0);
        assertThrows(Killed.class, () -> loop(first, file, e -> {
            if (e.phase() == Phase.WARM && e.epoch() == 1) {
                throw new Killed();
            }
        }).run());
        JsonNode state = read(file);
        assertEquals("warm", state.get("phase").asText());
        assertEquals(1, state.get("epochsDone").asInt());
        assertEquals(3, state.get("run").get("seed").asInt());
        Toy resumed = new Toy(2, 2, 3, 5.0);
        loop(resumed, file, e -> {}).run();
        assertEquals(List.of("begin warm resumed", "warm 2", "begin main", "main 1", "main 2", "release"), resumed.calls);
    }

    @Test
    void aCheckpointOfAnotherRunIsRefusedBeforeAnythingIsLoaded(@TempDir Path dir) {
        Path file = dir.resolve("run.json");
        loop(new Toy(1, 1, 3, 1.0), file, e -> {}).run();
        Toy other = new Toy(1, 1, 4, 1.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loop(other, file, x -> {}).run());
        assertEquals("checkpoint " + file + " belongs to another run (seed: checkpoint 3, this run 4); delete it to start afresh, or write"
                + " this run elsewhere", e.getMessage());
        assertEquals(List.of(), other.calls, "nothing may be loaded or trained");
    }

    /** The toy trainer stopping its main phase once {@code after} main epochs are in the history. */
    static final class EarlyStopping extends Toy {
        final int after;

        EarlyStopping(int main, int after) {
            super(1, main, 5, 1.0);
            this.after = after;
        }

        @Override
        public boolean stopAfter(Phase phase, List<Log> history) {
            return phase == Phase.MAIN && history.stream().filter(l -> l.phase() == Phase.MAIN).count() >= after;
        }
    }

    @Test
    void aPhaseStopsEarlyWhenTheRunSaysSoAndAResumedStoppedRunTrainsNoMore(@TempDir Path dir) {
        Path file = dir.resolve("run.json");
        EarlyStopping stopped = new EarlyStopping(5, 2);
        assertEquals(3, loop(stopped, file, e -> {}).run().history().size());
        assertEquals(List.of("begin warm", "warm 1", "begin main", "main 1", "main 2", "release"), stopped.calls);
        EarlyStopping again = new EarlyStopping(5, 2);
        assertEquals(3, loop(again, file, e -> {}).run().history().size());
        assertEquals(List.of("begin main resumed", "release"), again.calls, "the stop is read from the resumed history");
    }

    @Test
    void moreEpochsContinueAFinishedRunAndFewerAreRefused(@TempDir Path dir) {
        Path file = dir.resolve("run.json");
        loop(new Toy(0, 2, 3, 1.0), file, e -> {}).run();
        Toy longer = new Toy(0, 3, 3, 1.0);
        assertEquals(3, loop(longer, file, e -> {}).run().history().size());
        assertEquals(List.of("begin main resumed", "main 3", "release"), longer.calls, "the checkpoint is in phase main: it continues there");
        IllegalArgumentException fewer = assertThrows(IllegalArgumentException.class, () -> loop(new Toy(0, 2, 3, 1.0), file, e -> {}).run());
        assertEquals("checkpoint " + file + " holds 3 epochs, more than the 2 asked for; ask for at least 3 or train into another output",
                fewer.getMessage());
    }

    @Test
    void aFinishedRunIsReturnedWithoutTraining(@TempDir Path dir) {
        Path file = dir.resolve("run.json");
        Toy toy = new Toy(1, 2, 3, 1.0);
        ResumableTraining<Phase, Log> loop = loop(toy, file, e -> {});
        ResumableTraining.Outcome<Log> outcome = loop.run();
        assertNull(outcome.finished());
        loop.finish(outcome.history(), s -> s.put("pruned", 4));
        JsonNode state = read(file);
        assertEquals(ResumableTraining.FINISHED, state.get("phase").asText());
        assertEquals(2, state.get("epochsDone").asInt());
        Toy again = new Toy(1, 2, 3, 1.0);
        ResumableTraining.Outcome<Log> second = loop(again, file, e -> {
            throw new AssertionError("a finished run must not train again");
        }).run();
        assertNotNull(second.finished());
        assertEquals(4, second.finished().state().get("pruned").asInt());
        assertEquals(outcome.history(), second.history());
        assertEquals(List.of(), again.calls);
    }

    @Test
    void sampleOrderIsAUniformSeededPermutation() {
        Map<String, Integer> counts = new HashMap<>();
        int draws = 60_000;
        for (int s = 0; s < draws; s++) {
            int[] p = SampleOrder.permutation(3, new SplittableRandom(s));
            assertEquals(3, java.util.Arrays.stream(p).distinct().filter(i -> i >= 0 && i < 3).count(), java.util.Arrays.toString(p));
            counts.merge(java.util.Arrays.toString(p), 1, Integer::sum);
        }
        assertEquals(6, counts.size(), counts.toString());
        // Each of the 3! orders has probability 1/6: 10,000 expected, standard deviation about 91.
        counts.forEach((p, c) -> assertTrue(Math.abs(c - draws / 6) < 500, p + " drawn " + c + " times of " + draws));
        assertArrayEquals(SampleOrder.permutation(50, new SplittableRandom(9)), SampleOrder.permutation(50, new SplittableRandom(9)));
    }
}

package io.xai4j.core.io;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RunFingerprintTest {

    private static ObjectNode run(long seed, float mean, int[] labels) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.set("mean", Json.MAPPER.valueToTree(new float[] {mean, 0.456f}));
        ObjectNode t = n.putObject("training");
        t.put("seed", seed);
        t.put("lr", 2e-3);
        n.put("trainingLabels", RunFingerprint.labels(labels.length, i -> labels[i]));
        return n;
    }

    @Test
    void aRunMatchesItsOwnCheckpointAfterTheFileRoundTripAndNamesEveryDifference() throws Exception {
        int[] labels = {0, 1, 1, 2};
        int[] other = {0, 1, 2, 1};
        // As a checkpoint stores it: written as text, read back (floats come back as doubles, longs as ints).
        JsonNode saved = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(run(0, 0.485f, labels)));
        assertDoesNotThrow(() -> RunFingerprint.requireSameRun(Path.of("c.ckpt"), saved, run(0, 0.485f, labels)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunFingerprint.requireSameRun(Path.of("c.ckpt"), saved, run(1, 0.5f, other)));
        assertEquals("checkpoint c.ckpt belongs to another run (mean: checkpoint [0.485,0.456], this run [0.5,0.456]; training.seed: checkpoint 0,"
                + " this run 1; trainingLabels: checkpoint " + RunFingerprint.labels(4, i -> labels[i]) + ", this run "
                + RunFingerprint.labels(4, i -> other[i]) + "); delete it to start afresh, or write this run elsewhere", e.getMessage());
        assertDoesNotThrow(() -> RunFingerprint.requireSameRun(Path.of("old.ckpt"), null, run(5, 0f, labels)), "pre-fingerprint checkpoints");
        assertNotEquals(RunFingerprint.labels(3, i -> i), RunFingerprint.labels(3, i -> 2 - i), "label order counts");
    }
}

package io.xai4j.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * What must be the same for a training checkpoint to be resumed: the model's shape, the training data and
 * the settings that change the arithmetic. A trainer records it in each checkpoint and checks it before
 * resuming, so that a run started again with another seed, learning rate or data set fails with a message
 * naming the checkpoint and every setting that differs, instead of silently continuing the old run.
 */
public final class RunFingerprint {

    private RunFingerprint() {}

    /** A digest of a labelled data set: its size and a hash of its labels in order ({@code "3000/1f2e3d4c"}). */
    public static String labels(int size, IntUnaryOperator label) {
        int h = 1;
        for (int i = 0; i < size; i++) {
            h = 31 * h + label.applyAsInt(i);
        }
        return size + "/" + Integer.toHexString(h);
    }

    /**
     * Fails unless {@code saved} (read from {@code checkpoint}) equals {@code current}, listing each differing
     * field with both values. A null {@code saved} (a checkpoint written before fingerprints) is accepted.
     */
    public static void requireSameRun(Path checkpoint, JsonNode saved, ObjectNode current) {
        if (saved == null || saved.isMissingNode() || saved.isNull()) {
            return;
        }
        List<String> diffs = new ArrayList<>();
        diff("", saved, asWritten(current), diffs);
        if (!diffs.isEmpty()) {
            throw new IllegalArgumentException("checkpoint " + checkpoint + " belongs to another run (" + String.join("; ", diffs)
                    + "); delete it to start afresh, or write this run elsewhere");
        }
    }

    private static void diff(String path, JsonNode saved, JsonNode current, List<String> out) {
        if (saved.isObject() && current.isObject()) {
            List<String> names = new ArrayList<>();
            current.fieldNames().forEachRemaining(names::add);
            for (Iterator<String> it = saved.fieldNames(); it.hasNext(); ) {
                String n = it.next();
                if (!current.has(n)) {
                    names.add(n);
                }
            }
            for (String n : names) {
                JsonNode s = saved.path(n), c = current.path(n);
                diff(path.isEmpty() ? n : path + "." + n, s, c, out);
            }
        } else if (!saved.equals(current)) {
            out.add(path + ": checkpoint " + text(saved) + ", this run " + text(current));
        }
    }

    /** {@code node} as it reads back from a file (a float 0.485f written as 0.485 reads back as the double 0.485). */
    private static JsonNode asWritten(JsonNode node) {
        try {
            return Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(node));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a run fingerprint: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode n) {
        return n.isMissingNode() ? "(none)" : n.isTextual() ? n.asText() : n.toString();
    }
}

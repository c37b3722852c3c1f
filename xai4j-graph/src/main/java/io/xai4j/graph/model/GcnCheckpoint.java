package io.xai4j.graph.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.xai4j.core.io.AtomicFiles;
import io.xai4j.core.io.Blocks;
import io.xai4j.core.io.Json;
import io.xai4j.core.runtime.Tensors;
import io.xai4j.core.train.ResumableTraining;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The mid-training state of {@link GcnTrainer} in one file, written atomically after every epoch by
 * {@link ResumableTraining}: the loop's JSON state (run fingerprint, phase, completed epochs, epoch log) with the
 * trainer's counters (Adam step count, graphs seen, seconds spent), then the sampler's {@link Random} (serialised,
 * so the resumed run draws the same epochs), then weights, biases and both Adam moments of every layer, and
 * last, when the run selects the best validation-loss epoch ({@link TrainingConfig#bestValid()}) and one was
 * kept, that epoch's weights and biases (the state's {@code bestEpoch} says which).
 * Restored arrays are written in place ({@link Tensors#copyInto}), so a resumed run does the same arithmetic as
 * one that never stopped.
 */
final class GcnCheckpoint {

    private static final int MAGIC = 0x47434B32; // "GCK2"
    private static final int MAGIC_V1 = 0x47434B31; // "GCK1": a string fingerprint, before the shared training loop

    private GcnCheckpoint() {}

    /** The file's content; the arrays are copied now. */
    static AtomicFiles.Writer writer(ObjectNode state, Random random, NDArray[] w, NDArray[] b, NDArray[] mw, NDArray[] vw, NDArray[] mb,
            NDArray[] vb, GcnTrainer.Best best) {
        byte[] json;
        try {
            json = Json.MAPPER.writeValueAsBytes(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the GCN training state: " + e.getMessage(), e);
        }
        byte[] sampler = serialise(random);
        List<float[]> arrays = new ArrayList<>();
        for (int l = 0; l < w.length; l++) {
            for (NDArray a : new NDArray[] {w[l], b[l], mw[l], vw[l], mb[l], vb[l]}) {
                arrays.add(a.toFloatArray());
            }
        }
        if (best != null) {
            for (int l = 0; l < w.length; l++) {
                arrays.add(best.w()[l].toFloatArray());
                arrays.add(best.b()[l].toFloatArray());
            }
        }
        return raw -> {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw));
            out.writeInt(MAGIC);
            Blocks.write(out, json);
            Blocks.write(out, sampler);
            out.writeInt(arrays.size());
            for (float[] a : arrays) {
                Gcn.writeFloats(out, a);
            }
            out.flush();
        };
    }

    /** The JSON state alone. */
    static JsonNode readState(Path file) {
        try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(new BufferedInputStream(raw))) {
            return state(in, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read GCN training checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /** Restores the arrays in place (the kept best epoch's into {@code best} when given) and returns the sampler. */
    static Random restore(Path file, NDArray[] w, NDArray[] b, NDArray[] mw, NDArray[] vw, NDArray[] mb, NDArray[] vb, GcnTrainer.Best best) {
        try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(new BufferedInputStream(raw))) {
            state(in, file);
            Random random = deserialise(Blocks.read(in, file), file);
            int arrays = in.readInt();
            int expected = (best != null ? 8 : 6) * w.length;
            if (arrays != expected) {
                throw new IllegalArgumentException("checkpoint " + file + " holds " + arrays + " arrays, expected " + expected);
            }
            for (int l = 0; l < w.length; l++) {
                for (NDArray a : new NDArray[] {w[l], b[l], mw[l], vw[l], mb[l], vb[l]}) {
                    restore(in, file, l, a);
                }
            }
            if (best != null) {
                for (int l = 0; l < w.length; l++) {
                    restore(in, file, l, best.w()[l]);
                    restore(in, file, l, best.b()[l]);
                }
            }
            return random;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read GCN training checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    private static void restore(DataInputStream in, Path file, int layer, NDArray a) throws IOException {
        float[] v = Gcn.readFloats(in);
        if (v.length != a.size()) {
            throw new IllegalArgumentException("checkpoint " + file + ": layer " + (layer + 1) + " has an array of " + v.length
                    + " values, the model needs " + a.size());
        }
        try (NDManager tmp = a.getManager().newSubManager()) {
            Tensors.copyInto(tmp.create(v, a.getShape()), a);
        }
    }

    private static JsonNode state(DataInputStream in, Path file) throws IOException {
        int magic = in.readInt();
        if (magic == MAGIC_V1) {
            throw new IllegalArgumentException("checkpoint " + file + " was written by an earlier xai4j (format GCK1) and cannot be resumed;"
                    + " delete it to start afresh");
        }
        if (magic != MAGIC) {
            throw new IllegalArgumentException(file + " is not a GCN training checkpoint (bad magic number)");
        }
        return Json.MAPPER.readTree(Blocks.read(in, file));
    }

    private static byte[] serialise(Random random) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(random);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static Random deserialise(byte[] bytes, Path file) throws IOException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(ObjectInputFilter.Config.createFilter("java.util.Random;!*"));
            Object o = in.readObject();
            if (!(o instanceof Random r) || o.getClass() != Random.class) {
                throw new IOException("the sampler state is not a java.util.Random");
            }
            return r;
        } catch (ClassNotFoundException e) {
            throw new IOException("unreadable sampler state in " + file, e);
        }
    }
}

package io.xai4j.graph.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.xai4j.core.io.AtomicFiles;
import io.xai4j.core.runtime.Tensors;
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
 * The mid-training state of {@link GcnTrainer} in one file, written atomically after every epoch:
 * a fingerprint of the run (model shapes, training graphs, settings), the completed epochs, the Adam
 * step count, graphs seen, seconds spent, the epoch log, the sampler's {@link Random} (serialised, so
 * the resumed run draws the same epochs), then weights, biases and both Adam moments of every layer,
 * and last the best validation-loss epoch with its weights and biases when the run selects it
 * ({@link TrainingConfig#bestValid()}). Files of the first format ("GCK1", before the validation loss was
 * logged) are still read. Restored arrays are written in place ({@link Tensors#copyInto}), so a resumed run does the same
 * arithmetic as one that never stopped.
 */
final class GcnCheckpoint {

    private static final int MAGIC_V1 = 0x47434B31; // "GCK1"
    private static final int MAGIC = 0x47434B32; // "GCK2": the validation loss in the log, the best epoch at the end

    private GcnCheckpoint() {}

    /** Writes the state; {@code best} (null when the run does not select) is saved when {@code p.bestEpoch() > 0}. */
    static void write(Path file, String fingerprint, GcnTrainer.Progress p, NDArray[] w, NDArray[] b, NDArray[] mw, NDArray[] vw,
            NDArray[] mb, NDArray[] vb, GcnTrainer.Best best) {
        byte[] random = serialise(p.random());
        List<float[]> arrays = new ArrayList<>();
        for (int l = 0; l < w.length; l++) {
            for (NDArray a : new NDArray[] {w[l], b[l], mw[l], vw[l], mb[l], vb[l]}) {
                arrays.add(a.toFloatArray());
            }
        }
        List<float[]> bestArrays = new ArrayList<>();
        if (best != null && p.bestEpoch() > 0) {
            for (int l = 0; l < w.length; l++) {
                bestArrays.add(best.w()[l].toFloatArray());
                bestArrays.add(best.b()[l].toFloatArray());
            }
        }
        AtomicFiles.write(file, raw -> {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw));
            out.writeInt(MAGIC);
            out.writeUTF(fingerprint);
            out.writeInt(p.epoch());
            out.writeLong(p.step());
            out.writeLong(p.seen());
            out.writeDouble(p.seconds());
            out.writeInt(p.logs().size());
            for (GcnTrainer.EpochLog log : p.logs()) {
                out.writeInt(log.epoch());
                out.writeDouble(log.meanLoss());
                out.writeDouble(log.validRocAuc());
                out.writeDouble(log.validAccuracy());
                out.writeDouble(log.validLoss());
            }
            out.writeInt(random.length);
            out.write(random);
            out.writeInt(arrays.size());
            for (float[] a : arrays) {
                Gcn.writeFloats(out, a);
            }
            out.writeInt(bestArrays.isEmpty() ? 0 : p.bestEpoch());
            for (float[] a : bestArrays) {
                Gcn.writeFloats(out, a);
            }
            out.flush();
        });
    }

    /**
     * Restores the arrays in place (the best epoch's into {@code best}, when the run selects) and returns the progress; the
     * fingerprint must match.
     */
    static GcnTrainer.Progress read(Path file, String fingerprint, NDArray[] w, NDArray[] b, NDArray[] mw, NDArray[] vw, NDArray[] mb,
            NDArray[] vb, GcnTrainer.Best best) {
        try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(new BufferedInputStream(raw))) {
            int magic = in.readInt();
            if (magic != MAGIC && magic != MAGIC_V1) {
                throw new IllegalArgumentException(file + " is not a GCN training checkpoint (bad magic number)");
            }
            String saved = in.readUTF();
            if (!saved.equals(fingerprint)) {
                throw new IllegalArgumentException("checkpoint " + file + " belongs to another run; delete it to start afresh.\n  checkpoint: "
                        + saved + "\n  this run:   " + fingerprint);
            }
            int epoch = in.readInt();
            long step = in.readLong();
            long seen = in.readLong();
            double seconds = in.readDouble();
            int n = in.readInt();
            List<GcnTrainer.EpochLog> logs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                logs.add(new GcnTrainer.EpochLog(in.readInt(), in.readDouble(), in.readDouble(), in.readDouble(),
                        magic == MAGIC ? in.readDouble() : Double.NaN));
            }
            byte[] random = new byte[in.readInt()];
            in.readFully(random);
            int arrays = in.readInt();
            if (arrays != 6 * w.length) {
                throw new IllegalArgumentException("checkpoint " + file + " holds " + arrays + " arrays, expected " + 6 * w.length);
            }
            for (int l = 0; l < w.length; l++) {
                for (NDArray a : new NDArray[] {w[l], b[l], mw[l], vw[l], mb[l], vb[l]}) {
                    restore(in, file, l, a);
                }
            }
            int bestEpoch = magic == MAGIC ? in.readInt() : 0;
            if (bestEpoch > 0 && best == null) {
                throw new IllegalArgumentException("checkpoint " + file + " holds a best validation-loss epoch, but this run keeps the final one");
            }
            if (bestEpoch > 0) {
                for (int l = 0; l < w.length; l++) {
                    restore(in, file, l, best.w()[l]);
                    restore(in, file, l, best.b()[l]);
                }
            }
            return new GcnTrainer.Progress(deserialise(random, file), logs, epoch, step, seen, seconds, bestEpoch);
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

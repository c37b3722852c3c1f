package io.xai4j.graph.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import io.xai4j.core.io.AtomicFiles;
import io.xai4j.core.runtime.Tensors;
import io.xai4j.graph.data.Graph;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The graph convolutional network of Pope et al. (CVPR 2019), after the official {@code keras_gcn}
 * (docs/methods/gcn.md#model): L Kipf–Welling layers Fˡ = ReLU(Â F^{l−1} Wˡ + bˡ) (Kipf &amp; Welling, ICLR 2017,
 * arXiv 1609.02907), global average pooling over the true nodes, and a linear head y = e W + b that
 * gives pre-softmax class scores. Defaults are the official widths 128/256/512.
 *
 * <p>Parameters are plain NDArrays owned by this model's manager. Every method that computes on a
 * batch opens its own {@link NDScope}; callers of {@link #forward} must hold one themselves.
 */
public final class Gcn implements GraphModel, AutoCloseable {

    /** The official widths. */
    public static final int[] DEFAULT_WIDTHS = {128, 256, 512};

    private static final int MAGIC = 0x47434E31; // "GCN1"

    private final NDManager manager;
    private final int inputDim;
    private final int[] widths;
    private final List<String> classes;
    private final NDArray[] weights;
    private final NDArray[] biases;

    private Gcn(int inputDim, int[] widths, List<String> classes, float[][] w, float[][] b) {
        this.manager = NDManager.newBaseManager();
        this.inputDim = inputDim;
        this.widths = widths.clone();
        this.classes = List.copyOf(classes);
        int layers = widths.length + 1;
        this.weights = new NDArray[layers];
        this.biases = new NDArray[layers];
        for (int l = 0; l < layers; l++) {
            int in = l == 0 ? inputDim : widths[l - 1];
            int out = l == widths.length ? classes.size() : widths[l];
            weights[l] = manager.create(w[l], new Shape(in, out));
            biases[l] = manager.create(b[l], new Shape(out));
        }
    }

    /** A fresh model with all kernels and biases drawn from N(0, 0.1²) with {@code seed} (docs/methods/gcn.md#model). */
    public static Gcn create(int inputDim, int[] widths, List<String> classes, long seed) {
        if (classes.size() < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + classes);
        }
        Random rnd = new Random(seed);
        int layers = widths.length + 1;
        float[][] w = new float[layers][];
        float[][] b = new float[layers][];
        for (int l = 0; l < layers; l++) {
            int in = l == 0 ? inputDim : widths[l - 1];
            int out = l == widths.length ? classes.size() : widths[l];
            w[l] = gaussian(rnd, in * out);
            b[l] = gaussian(rnd, out);
        }
        return new Gcn(inputDim, widths, classes, w, b);
    }

    /**
     * A model with given parameters: {@code w[l]} is the row-major kernel of layer l+1 (in×out),
     * {@code b[l]} its bias; the last entry is the linear head.
     */
    public static Gcn fromParameters(int inputDim, int[] widths, List<String> classes, float[][] w, float[][] b) {
        if (w.length != widths.length + 1 || b.length != widths.length + 1) {
            throw new IllegalArgumentException("expected " + (widths.length + 1) + " kernels and biases, got " + w.length + " and " + b.length);
        }
        for (int l = 0; l <= widths.length; l++) {
            int in = l == 0 ? inputDim : widths[l - 1];
            int out = l == widths.length ? classes.size() : widths[l];
            if (w[l].length != in * out || b[l].length != out) {
                throw new IllegalArgumentException("layer " + (l + 1) + " needs a " + in + "x" + out + " kernel and " + out
                        + " biases, got " + w[l].length + " and " + b[l].length + " values");
            }
        }
        return new Gcn(inputDim, widths, classes, w, b);
    }

    private static float[] gaussian(Random rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (0.1 * rnd.nextGaussian());
        }
        return v;
    }

    @Override
    public int inputDim() {
        return inputDim;
    }

    @Override
    public int[] widths() {
        return widths.clone();
    }

    /** Number of graph-convolution layers L. */
    @Override
    public int numLayers() {
        return widths.length;
    }

    @Override
    public List<String> classes() {
        return classes;
    }

    @Override
    public int numClasses() {
        return classes.size();
    }

    /** Kernel of layer l (1..L: graph convolutions, L+1: the linear head); owned by the model, do not close. */
    @Override
    public NDArray weight(int l) {
        return weights[l - 1];
    }

    /** Bias of layer l (1..L+1); owned by the model, do not close. */
    @Override
    public NDArray bias(int l) {
        return biases[l - 1];
    }

    /** The model's manager, parent of training state. */
    NDManager manager() {
        return manager;
    }

    NDArray[] weightArrays() {
        return weights;
    }

    NDArray[] biasArrays() {
        return biases;
    }

    /** Forward pass with the model's own parameters. The caller must hold an {@link NDScope}. */
    @Override
    public Activations forward(GraphBatch batch) {
        return forward(batch, batch.x(), weights, biases, null);
    }

    /**
     * Forward pass with the model's parameters, input {@code x} (e.g. a leaf that requires gradients)
     * and gradient probes (see {@link #forward(GraphBatch, NDArray, NDArray[], NDArray[], NDArray[])}).
     */
    @Override
    public Activations forward(GraphBatch batch, NDArray x, NDArray[] probes) {
        return forward(batch, x, weights, biases, probes);
    }

    /**
     * Forward pass with explicit inputs: {@code x} replaces the batch features (e.g. a leaf that
     * requires gradients), {@code w}/{@code b} replace the parameters (training copies), and
     * {@code probes[l]} (l = 1..L, may be null) are zero leaves added to Fˡ before masking so that
     * their gradients equal ∂y/∂Fˡ.
     */
    public Activations forward(GraphBatch batch, NDArray x, NDArray[] w, NDArray[] b, NDArray[] probes) {
        long d = x.getShape().get(x.getShape().dimension() - 1);
        if (d != inputDim) {
            throw new IllegalArgumentException("the graphs have " + d + " features per node but this GCN was trained on " + inputDim
                    + " (give it graphs built the way its training graphs were)");
        }
        List<NDArray> features = new ArrayList<>();
        features.add(x);
        NDArray h = x;
        NDArray adj = batch.adjacency();
        for (int l = 1; l <= widths.length; l++) {
            NDArray z = Tensors.relu(adj.matMul(h).matMul(w[l - 1]).add(b[l - 1]));
            if (probes != null && probes[l] != null) {
                z = z.add(probes[l]);
            }
            h = batch.maskNodes(z);
            features.add(h);
        }
        NDArray pooled = batch.meanNodes(h);
        NDArray logits = pooled.matMul(w[widths.length]).add(b[widths.length]);
        return new Activations(features, pooled, logits);
    }

    /** Pre-softmax scores y [G][C] for the graphs, computed in batches of {@code batchSize}. */
    @Override
    public float[][] logits(List<Graph> graphs, int batchSize) {
        return logits(graphs, null, batchSize);
    }

    /** Scores with replacement node features (null = the graphs' own), adjacency unchanged. */
    public float[][] logits(List<Graph> graphs, List<float[][]> features, int batchSize) {
        return logits(graphs, features, batchSize, GraphBatch.Batching.AUTO);
    }

    /** Scores with replacement node features (null = the graphs' own), packed as {@code batching} says. */
    public float[][] logits(List<Graph> graphs, List<float[][]> features, int batchSize, GraphBatch.Batching batching) {
        float[][] out = new float[graphs.size()][];
        for (int s = 0; s < graphs.size(); s += batchSize) {
            int e = Math.min(graphs.size(), s + batchSize);
            try (NDScope scope = new NDScope(); NDManager sub = manager.newSubManager()) {
                GraphBatch batch = GraphBatch.pack(sub, graphs.subList(s, e), features == null ? null : features.subList(s, e), batching);
                float[][] y = Tensors.toArray2(forward(batch).logits());
                System.arraycopy(y, 0, out, s, y.length);
            }
        }
        return out;
    }

    /** Predicted classes: argmax y, ties to the lower index. */
    public int[] predict(List<Graph> graphs, int batchSize) {
        return Tensors.argmax(logits(graphs, batchSize));
    }

    /** Parameter values as Java arrays: [layer][flat row-major], layers 1..L+1 at indices 0..L. */
    float[][] weightValues() {
        return Arrays.stream(weights).map(NDArray::toFloatArray).toArray(float[][]::new);
    }

    float[][] biasValues() {
        return Arrays.stream(biases).map(NDArray::toFloatArray).toArray(float[][]::new);
    }

    /** Writes the model atomically; {@link #load} restores bit-identical parameters. */
    public void save(Path file) {
        float[][] w = weightValues();
        float[][] b = biasValues();
        AtomicFiles.write(file, raw -> {
            DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(raw));
            out.writeInt(MAGIC);
            out.writeInt(inputDim);
            out.writeInt(widths.length);
            for (int width : widths) {
                out.writeInt(width);
            }
            out.writeInt(classes.size());
            for (String c : classes) {
                out.writeUTF(c);
            }
            for (int l = 0; l < w.length; l++) {
                writeFloats(out, w[l]);
                writeFloats(out, b[l]);
            }
            out.flush();
        });
    }

    static void writeFloats(DataOutputStream out, float[] v) throws IOException {
        out.writeInt(v.length);
        for (float f : v) {
            out.writeFloat(f);
        }
    }

    /** Reads a model written by {@link #save}. */
    public static Gcn load(Path file) {
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException(file + " is not an xai4j GCN checkpoint (bad magic number)");
            }
            int inputDim = in.readInt();
            int[] widths = new int[in.readInt()];
            for (int i = 0; i < widths.length; i++) {
                widths[i] = in.readInt();
            }
            List<String> classes = new ArrayList<>();
            int c = in.readInt();
            for (int i = 0; i < c; i++) {
                classes.add(in.readUTF());
            }
            float[][] w = new float[widths.length + 1][];
            float[][] b = new float[widths.length + 1][];
            for (int l = 0; l <= widths.length; l++) {
                w[l] = readFloats(in);
                b[l] = readFloats(in);
            }
            return new Gcn(inputDim, widths, classes, w, b);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("GCN checkpoint not found: " + file, e);
        } catch (EOFException e) {
            throw new UncheckedIOException("GCN checkpoint " + file + " is truncated (the file ends early)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read GCN checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    static float[] readFloats(DataInputStream in) throws IOException {
        float[] v = new float[in.readInt()];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.readFloat();
        }
        return v;
    }

    @Override
    public void close() {
        manager.close();
    }
}

package io.xai4j.core.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/** Conversions between NDArrays and plain Java arrays, the currency of xai4j's result records. */
public final class Tensors {

    private Tensors() {}

    /**
     * Copies {@code src}'s values into {@code dst} in place (PyTorch {@code copy_} through an indexed
     * assignment), keeping {@code dst}'s own storage.
     *
     * <p>Use this instead of DJL's {@code NDArray.copyTo}: on the PyTorch engine {@code copyTo} re-points
     * {@code dst} at a fresh Java-owned direct buffer, so views and aliases of {@code dst} silently keep
     * the old values, and the new memory has malloc's alignment rather than PyTorch's 64 bytes. xai4j
     * restores checkpoints, optimiser moments and randomised layers through this method so that a
     * restored tensor is the same kind of tensor as one that was never saved.
     *
     * @throws IllegalArgumentException if the shapes or data types differ
     */
    public static void copyInto(NDArray src, NDArray dst) {
        if (!src.getShape().equals(dst.getShape()) || src.getDataType() != dst.getDataType()) {
            throw new IllegalArgumentException("cannot copy " + describe(src) + " into " + describe(dst) + ": shapes and types must match");
        }
        dst.set(new NDIndex("..."), src);
    }

    /**
     * A sparse COO matrix whose indices and values live in memory that PyTorch owns.
     *
     * <p>Use this instead of DJL's {@code NDManager.createCoo}: on the PyTorch engine (DJL 0.36.0)
     * {@code createCoo} wraps the Java buffers in two temporary NDArrays, builds the sparse tensor on
     * their storage without copying, and then closes the temporaries, so the sparse tensor points into
     * direct buffers that the garbage collector may free and reuse (seen as "index out of row bound:
     * 139916679839888" in a later product). Here the temporaries stay open until the sparse tensor has
     * been cloned into PyTorch-owned memory.
     *
     * @param rows row index of each entry
     * @param cols column index of each entry
     * @param values entry values (duplicates of a (row, col) pair add up)
     */
    public static NDArray sparseCoo(NDManager manager, long[] rows, long[] cols, float[] values, Shape shape) {
        if (rows.length != values.length || cols.length != values.length || shape.dimension() != 2) {
            throw new IllegalArgumentException("a 2-D COO matrix needs as many rows and columns as values, got "
                    + rows.length + ", " + cols.length + " and " + values.length + " for shape " + shape);
        }
        try (NDManager scratch = manager.newSubManager()) {
            NDArray v = scratch.create(values);
            NDArray i = scratch.create(new long[][] {rows, cols});
            NDArray shared = ai.djl.pytorch.jni.JniUtils.createSparseCoo((ai.djl.pytorch.engine.PtNDArray) i,
                    (ai.djl.pytorch.engine.PtNDArray) v, shape);
            shared.attach(scratch);
            NDArray owned = shared.duplicate();
            owned.attach(manager);
            return owned;
        }
    }

    /**
     * A 0-dimensional constant of {@code like}'s type and device, in memory that PyTorch owns.
     *
     * <p>Use it instead of DJL's {@code Number} overloads ({@code x.mul(2f)}, {@code x.div(n)},
     * {@code x.maximum(0f)}, ...) wherever a gradient flows: on the PyTorch engine (DJL 0.36.0) those
     * overloads wrap the number in a temporary array backed by a Java direct buffer and close it right
     * after the forward op, while autograd keeps a non-owning reference to it for the backward pass
     * (mul, div, maximum, minimum and pow read it there). Once the garbage collector frees the buffer,
     * the backward pass reads whatever reuses that memory: intermittently wrong gradients, seen as
     * GCN first-layer gradients of 0 or 3.4e-7 instead of 7.97e-6 in about one CI run in three.
     */
    public static NDArray constant(NDArray like, double value) {
        return like.getManager().full(new Shape(), (float) value, like.getDataType());
    }

    /** max(x, 0) as PyTorch's own {@code relu} (no scalar operand; see {@link #constant}). */
    public static NDArray relu(NDArray x) {
        return x.getNDArrayInternal().relu();
    }

    private static String describe(NDArray a) {
        return (a.getName() == null ? "an array" : "'" + a.getName() + "'") + " " + a.getShape() + " " + a.getDataType();
    }

    /** Copies a [B,H,W] array into Java memory. */
    public static float[][][] toArray3(NDArray a) {
        Shape s = a.getShape();
        if (s.dimension() != 3) {
            throw new IllegalArgumentException("expected a [B,H,W] array, got shape " + s);
        }
        int b = (int) s.get(0), h = (int) s.get(1), w = (int) s.get(2);
        float[] flat = a.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        float[][][] out = new float[b][h][w];
        for (int i = 0; i < b; i++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(flat, (i * h + y) * w, out[i][y], 0, w);
            }
        }
        return out;
    }

    /** Copies a [B,C] array into Java memory. */
    public static float[][] toArray2(NDArray a) {
        Shape s = a.getShape();
        if (s.dimension() != 2) {
            throw new IllegalArgumentException("expected a [B,C] array, got shape " + s);
        }
        int b = (int) s.get(0), c = (int) s.get(1);
        float[] flat = a.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        float[][] out = new float[b][c];
        for (int i = 0; i < b; i++) {
            System.arraycopy(flat, i * c, out[i], 0, c);
        }
        return out;
    }

    /** Creates a [R,C] float32 array from Java memory. */
    public static NDArray fromArray2(NDManager manager, float[][] rows) {
        int r = rows.length, c = rows[0].length;
        float[] flat = new float[r * c];
        for (int i = 0; i < r; i++) {
            System.arraycopy(rows[i], 0, flat, i * c, c);
        }
        return manager.create(flat, new Shape(r, c));
    }

    /** Creates a [B,H,W] float32 array from Java memory. */
    public static NDArray fromArray3(NDManager manager, float[][][] maps) {
        int b = maps.length, h = maps[0].length, w = maps[0][0].length;
        float[] flat = new float[b * h * w];
        for (int i = 0; i < b; i++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(maps[i][y], 0, flat, (i * h + y) * w, w);
            }
        }
        return manager.create(flat, new Shape(b, h, w));
    }

    /** One-hot [B,C] float32 mask selecting {@code targets[b]} in row b. */
    public static NDArray oneHot(NDManager manager, int[] targets, int numClasses) {
        float[] flat = new float[targets.length * numClasses];
        for (int b = 0; b < targets.length; b++) {
            if (targets[b] < 0 || targets[b] >= numClasses) {
                throw new IllegalArgumentException(
                        "target " + targets[b] + " of image " + b + " is outside 0.." + (numClasses - 1));
            }
            flat[b * numClasses + targets[b]] = 1f;
        }
        return manager.create(flat, new Shape(targets.length, numClasses));
    }

    /** Row-wise argmax of a [B,C] array, ties to the lower index. */
    public static int[] argmax(float[][] rows) {
        int[] out = new int[rows.length];
        for (int b = 0; b < rows.length; b++) {
            int best = 0;
            for (int c = 1; c < rows[b].length; c++) {
                if (rows[b][c] > rows[b][best]) {
                    best = c;
                }
            }
            out[b] = best;
        }
        return out;
    }

    /** Row-wise softmax in double precision, returned as float. */
    public static float[][] softmax(float[][] logits) {
        float[][] out = new float[logits.length][];
        for (int b = 0; b < logits.length; b++) {
            double max = Double.NEGATIVE_INFINITY;
            for (float v : logits[b]) {
                max = Math.max(max, v);
            }
            double sum = 0;
            double[] e = new double[logits[b].length];
            for (int c = 0; c < e.length; c++) {
                e[c] = Math.exp(logits[b][c] - max);
                sum += e[c];
            }
            out[b] = new float[e.length];
            for (int c = 0; c < e.length; c++) {
                out[b][c] = (float) (e[c] / sum);
            }
        }
        return out;
    }
}

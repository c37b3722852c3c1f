package io.xai4j.graph.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.xai4j.graph.data.Graph;
import io.xai4j.core.runtime.Tensors;
import java.util.Arrays;
import java.util.List;

/**
 * Graphs packed for the GCN in one of the two layouts of docs/methods/gcn.md#batching:
 *
 * <ul>
 *   <li>{@link Layout#PADDED}: dense tensors padded to the largest graph: X [B,Nmax,d], Â [B,Nmax,Nmax],
 *       a node mask [B,Nmax,1]. Padding rows are zero and are masked after every layer (ReLU(b) ≠ 0),
 *       and means use the true N. Fast for small graphs such as molecules; memory grows as B·Nmax².
 *   <li>{@link Layout#SPARSE}: the graphs' nodes stacked into one node set of T = Σ N_b rows, X [T,d],
 *       and a block-diagonal sparse (COO) Â [T,T] with one block per graph. Per-graph sums and means
 *       are sparse products with a [B,T] membership matrix. Memory grows as T + nnz(Â), so graphs with
 *       tens of thousands of nodes fit.
 * </ul>
 *
 * <p>Node tensors are [B,Nmax,K] in the padded layout and [T,K] in the sparse one; every model and
 * explainer step goes through Â·H (a matrix product in both) and the operations below ({@link #sumNodes},
 * {@link #toNodes}, {@link #maskNodes}, {@link #perGraph}) and so works in both. Both layouts give the
 * same results up to float rounding (tested for the forward pass, training steps and all six
 * explainers).
 *
 * <p>All arrays belong to the manager passed to {@link #pack}; close that manager (or the enclosing
 * NDScope) to free them.
 */
public final class GraphBatch {

    /** How a batch is laid out in memory. */
    public enum Layout {
        PADDED,
        SPARSE
    }

    /** The layout to use: a fixed one, or {@link #AUTO}. */
    public enum Batching {
        /** Padded unless the padded Â of the batch would hold more than {@link #AUTO_DENSE_LIMIT} entries. */
        AUTO,
        PADDED,
        SPARSE;

        /** The layout this choice gives for {@code graphs}. */
        public Layout resolve(List<Graph> graphs) {
            return switch (this) {
                case PADDED -> Layout.PADDED;
                case SPARSE -> Layout.SPARSE;
                case AUTO -> {
                    long nMax = graphs.stream().mapToInt(Graph::numNodes).max().orElse(0);
                    yield graphs.size() * nMax * nMax > AUTO_DENSE_LIMIT ? Layout.SPARSE : Layout.PADDED;
                }
            };
        }

        /** Parses {@code auto}, {@code padded} or {@code sparse} (any case). */
        public static Batching parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("batching must be auto, padded or sparse, got '" + s + "'");
            }
        }
    }

    /**
     * {@link Batching#AUTO} switches to the sparse layout above this many padded Â entries per batch
     * (2²² floats = 16 MiB; EB holds float64 copies of Â and Âᵀ on top). Molecule batches of 32 stay
     * far below it (BACE's largest molecule has 97 atoms: 32·97² ≈ 3·10⁵).
     */
    public static final long AUTO_DENSE_LIMIT = 1L << 22;

    private final Layout layout;
    private final NDArray x;
    private final NDArray adjacency;
    private final NDArray mask;
    private final NDArray counts;
    private final NDArray membership;
    private final int[] sizes;
    private final int[] offsets;

    private GraphBatch(Layout layout, NDArray x, NDArray adjacency, NDArray mask, NDArray counts, NDArray membership,
            int[] sizes) {
        this.layout = layout;
        this.x = x;
        this.adjacency = adjacency;
        this.mask = mask;
        this.counts = counts;
        this.membership = membership;
        this.sizes = sizes;
        this.offsets = new int[sizes.length + 1];
        for (int i = 0; i < sizes.length; i++) {
            offsets[i + 1] = offsets[i] + sizes[i];
        }
    }

    /** Packs graphs into {@code manager}, padded unless they are large ({@link Batching#AUTO}). */
    public static GraphBatch pack(NDManager manager, List<Graph> graphs) {
        return pack(manager, graphs, null, Batching.AUTO);
    }

    /** Packs graphs in the given layout. */
    public static GraphBatch pack(NDManager manager, List<Graph> graphs, Batching batching) {
        return pack(manager, graphs, null, batching);
    }

    /** Packs graphs with replacement node features (null = their own), padded unless they are large. */
    public static GraphBatch pack(NDManager manager, List<Graph> graphs, List<float[][]> features) {
        return pack(manager, graphs, features, Batching.AUTO);
    }

    /**
     * Packs graphs, optionally with replacement node features (same shapes as the graphs' own),
     * which is how occlusion metrics evaluate X′ with the original Â.
     */
    public static GraphBatch pack(NDManager manager, List<Graph> graphs, List<float[][]> features, Batching batching) {
        if (graphs.isEmpty()) {
            throw new IllegalArgumentException("cannot pack an empty list of graphs");
        }
        int d = graphs.get(0).featureDim();
        for (Graph g : graphs) {
            if (g.featureDim() != d) {
                throw new IllegalArgumentException(
                        "graph " + g.id() + " has " + g.featureDim() + " node features, expected " + d);
            }
        }
        return batching.resolve(graphs) == Layout.PADDED ? padded(manager, graphs, features, d) : sparse(manager, graphs, features, d);
    }

    private static GraphBatch padded(NDManager manager, List<Graph> graphs, List<float[][]> features, int d) {
        int b = graphs.size();
        int nMax = graphs.stream().mapToInt(Graph::numNodes).max().orElseThrow();
        float[] xs = new float[b * nMax * d];
        float[] as = new float[b * nMax * nMax];
        float[] ms = new float[b * nMax];
        float[] cs = new float[b];
        int[] sizes = new int[b];
        for (int i = 0; i < b; i++) {
            Graph g = graphs.get(i);
            int n = g.numNodes();
            sizes[i] = n;
            cs[i] = n;
            float[][] x = features == null ? g.x() : features.get(i);
            Graph.NormalisedAdjacency a = g.normalisedEntries();
            for (int k = 0; k < a.nonZeros(); k++) {
                as[(i * nMax + a.rows()[k]) * nMax + a.cols()[k]] = a.values()[k];
            }
            for (int u = 0; u < n; u++) {
                System.arraycopy(x[u], 0, xs, (i * nMax + u) * d, d);
                ms[i * nMax + u] = 1f;
            }
        }
        return new GraphBatch(Layout.PADDED,
                manager.create(xs, new Shape(b, nMax, d)),
                manager.create(as, new Shape(b, nMax, nMax)),
                manager.create(ms, new Shape(b, nMax, 1)),
                manager.create(cs, new Shape(b, 1)),
                null,
                sizes);
    }

    private static GraphBatch sparse(NDManager manager, List<Graph> graphs, List<float[][]> features, int d) {
        int b = graphs.size();
        int[] sizes = graphs.stream().mapToInt(Graph::numNodes).toArray();
        int total = Arrays.stream(sizes).sum();
        Graph.NormalisedAdjacency[] blocks = new Graph.NormalisedAdjacency[b];
        int nnz = 0;
        for (int i = 0; i < b; i++) {
            blocks[i] = graphs.get(i).normalisedEntries();
            nnz += blocks[i].nonZeros();
        }
        float[] xs = new float[total * d];
        long[] rows = new long[nnz];
        long[] cols = new long[nnz];
        float[] values = new float[nnz];
        long[] graphOf = new long[total];
        long[] nodeOf = new long[total];
        float[] cs = new float[b];
        int offset = 0;
        int k = 0;
        for (int i = 0; i < b; i++) {
            float[][] x = features == null ? graphs.get(i).x() : features.get(i);
            for (int u = 0; u < sizes[i]; u++) {
                System.arraycopy(x[u], 0, xs, (offset + u) * d, d);
                graphOf[offset + u] = i;
                nodeOf[offset + u] = offset + u;
            }
            Graph.NormalisedAdjacency a = blocks[i];
            for (int e = 0; e < a.nonZeros(); e++, k++) {
                rows[k] = offset + a.rows()[e];
                cols[k] = offset + a.cols()[e];
                values[k] = a.values()[e];
            }
            cs[i] = sizes[i];
            offset += sizes[i];
        }
        float[] ones = new float[total];
        Arrays.fill(ones, 1f);
        return new GraphBatch(Layout.SPARSE,
                manager.create(xs, new Shape(total, d)),
                Tensors.sparseCoo(manager, rows, cols, values, new Shape(total, total)),
                null,
                manager.create(cs, new Shape(b, 1)),
                Tensors.sparseCoo(manager, graphOf, nodeOf, ones, new Shape(b, total)),
                sizes);
    }

    public Layout layout() {
        return layout;
    }

    /** Node features: [B,Nmax,d] padded, [T,d] sparse. */
    public NDArray x() {
        return x;
    }

    /** Â: dense [B,Nmax,Nmax] padded, sparse COO [T,T] (block diagonal) sparse. */
    public NDArray adjacency() {
        return adjacency;
    }

    /** Number of graphs B. */
    public int size() {
        return sizes.length;
    }

    /** True node counts of the graphs. */
    public int[] sizes() {
        return sizes.clone();
    }

    /** Shape of a node tensor with K channels: (B, Nmax, K) padded, (T, K) sparse. */
    public Shape nodeShape(int channels) {
        return layout == Layout.PADDED
                ? new Shape(size(), x.getShape().get(1), channels)
                : new Shape(x.getShape().get(0), channels);
    }

    /** Âᵀ (or the transpose of a copy of Â): batched transpose padded, sparse transpose sparse. */
    public NDArray transposeAdjacency(NDArray a) {
        return layout == Layout.PADDED ? a.transpose(0, 2, 1) : a.transpose();
    }

    /** Zeroes the padding nodes of a node tensor [.., K] or node map (no channel axis); no-op when sparse. */
    public NDArray maskNodes(NDArray h) {
        if (layout == Layout.SPARSE) {
            return h;
        }
        NDArray m = mask.toType(h.getDataType(), false);
        return h.getShape().dimension() == 3 ? h.mul(m) : h.mul(m.squeeze(2));
    }

    /** Σ over each graph's true nodes of a node tensor: [B,K]. Padding must already be zero. */
    public NDArray sumNodes(NDArray h) {
        if (layout == Layout.PADDED) {
            return h.sum(new int[] {1});
        }
        NDArray m = h.getDataType() == DataType.FLOAT32 ? membership : membership.toType(h.getDataType(), false);
        return m.matMul(h);
    }

    /** Mean over each graph's true nodes: [B,K] (padding must already be zero). */
    public NDArray meanNodes(NDArray h) {
        return sumNodes(h).div(counts.toType(h.getDataType(), false));
    }

    /** A per-graph vector [B,K] broadcast to the graph's nodes: [B,1,K] padded, [T,K] sparse. */
    public NDArray toNodes(NDArray v) {
        if (layout == Layout.PADDED) {
            return v.expandDims(1);
        }
        NDArray m = v.getDataType() == DataType.FLOAT32 ? membership : membership.toType(v.getDataType(), false);
        return m.transpose().matMul(v);
    }

    /** Σ over the channel (last) axis of a node tensor: a node map [B,Nmax] or [T]. */
    public static NDArray sumChannels(NDArray h) {
        return h.sum(new int[] {h.getShape().dimension() - 1});
    }

    /** A node map ([B,Nmax] padded, [T] sparse) as one array per graph, cut to its true size. */
    public float[][] perGraph(NDArray map) {
        float[] flat = map.toType(DataType.FLOAT32, false).toFloatArray();
        float[][] out = new float[size()][];
        for (int i = 0; i < size(); i++) {
            int start = layout == Layout.PADDED ? i * (int) x.getShape().get(1) : offsets[i];
            out[i] = Arrays.copyOfRange(flat, start, start + sizes[i]);
        }
        return out;
    }
}

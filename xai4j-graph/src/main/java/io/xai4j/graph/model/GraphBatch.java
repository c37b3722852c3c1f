package io.xai4j.graph.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.xai4j.graph.data.Graph;
import java.util.List;

/**
 * Graphs packed for the GCN as padded dense tensors (gcnn.md §2, "padded dense Â"): X [B,Nmax,d],
 * Â [B,Nmax,Nmax], a node mask [B,Nmax,1] and the true node counts [B,1,1]. Padding rows of X and Â
 * are zero; the model masks padding nodes after every layer and averages over the true N only, so a
 * graph's outputs do not depend on the other graphs of its batch.
 *
 * <p>All arrays belong to the manager passed to {@link #pack}; close that manager (or the enclosing
 * NDScope) to free them.
 */
public record GraphBatch(NDArray x, NDArray adjacency, NDArray mask, NDArray counts, int[] sizes) {

    public int size() {
        return sizes.length;
    }

    public int maxNodes() {
        return (int) x.getShape().get(1);
    }

    /** Packs graphs into {@code manager}; every graph must have the same feature dimension. */
    public static GraphBatch pack(NDManager manager, List<Graph> graphs) {
        return pack(manager, graphs, null);
    }

    /**
     * Packs graphs, optionally with replacement node features (same shapes as the graphs' own),
     * which is how occlusion metrics evaluate X′ with the original Â.
     */
    public static GraphBatch pack(NDManager manager, List<Graph> graphs, List<float[][]> features) {
        int b = graphs.size();
        int d = graphs.get(0).featureDim();
        int nMax = 0;
        for (Graph g : graphs) {
            if (g.featureDim() != d) {
                throw new IllegalArgumentException(
                        "graph " + g.id() + " has " + g.featureDim() + " node features, expected " + d);
            }
            nMax = Math.max(nMax, g.numNodes());
        }
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
            float[][] a = g.normalisedAdjacency();
            for (int u = 0; u < n; u++) {
                System.arraycopy(x[u], 0, xs, (i * nMax + u) * d, d);
                System.arraycopy(a[u], 0, as, (i * nMax + u) * nMax, n);
                ms[i * nMax + u] = 1f;
            }
        }
        return new GraphBatch(
                manager.create(xs, new Shape(b, nMax, d)),
                manager.create(as, new Shape(b, nMax, nMax)),
                manager.create(ms, new Shape(b, nMax, 1)),
                manager.create(cs, new Shape(b, 1, 1)),
                sizes);
    }
}

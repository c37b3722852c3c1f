package io.xai4j.graph.explain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import io.xai4j.graph.data.Graph;
import io.xai4j.graph.model.Gcn;
import io.xai4j.graph.model.GraphBatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A node-saliency method for a {@link Gcn} (Pope et al., CVPR 2019). This base class owns what all
 * methods share: batching (padded or block-diagonal sparse, see {@link GraphBatch}), one NDArray scope
 * per batch (flat memory over any number of graphs), cutting maps back to each graph's true size, and
 * the post-processing of {@link GraphExplanation#of}. Subclasses only compute the raw maps of one
 * packed batch, through {@link GraphBatch}'s layout-independent operations.
 */
public abstract class GraphExplainer {

    /** Graphs per batch unless a subclass constructor says otherwise. */
    public static final int DEFAULT_BATCH = 32;

    private final int batchSize;

    protected GraphExplainer(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        this.batchSize = batchSize;
    }

    /** The method's name as used in reports and files ({@code CG}, {@code CAM}, {@code Grad-CAM}, ...). */
    public abstract String method();

    /** Raw maps of a batch: out[b][c][n] over each graph's true nodes, plus per-graph flags. */
    protected abstract BatchMaps explainBatch(Gcn model, GraphBatch batch);

    /** Raw maps of a packed batch with per-graph diagnostics. */
    protected record BatchMaps(float[][][] raw, List<Map<String, Double>> flags) {

        /** Maps without flags. */
        public static BatchMaps of(float[][][] raw) {
            List<Map<String, Double>> f = new ArrayList<>();
            for (int i = 0; i < raw.length; i++) {
                f.add(Map.of());
            }
            return new BatchMaps(raw, f);
        }
    }

    /**
     * Explains every class of every graph; result i belongs to graph i. Batches are padded unless
     * their graphs are large ({@link GraphBatch.Batching#AUTO}).
     */
    public final List<GraphExplanation> explain(Gcn model, List<Graph> graphs) {
        return explain(model, graphs, GraphBatch.Batching.AUTO);
    }

    /** Explains every class of every graph with batches laid out as {@code batching} says. */
    public final List<GraphExplanation> explain(Gcn model, List<Graph> graphs, GraphBatch.Batching batching) {
        for (Graph g : graphs) {
            if (g.featureDim() != model.inputDim()) {
                throw new IllegalArgumentException("graph " + g.id() + " has " + g.featureDim() + " features per node but the GCN was trained on "
                        + model.inputDim());
            }
        }
        List<GraphExplanation> out = new ArrayList<>(graphs.size());
        for (int s = 0; s < graphs.size(); s += batchSize) {
            List<Graph> chunk = graphs.subList(s, Math.min(graphs.size(), s + batchSize));
            BatchMaps maps;
            try (NDScope scope = new NDScope(); NDManager sub = NDManager.newBaseManager()) {
                maps = explainBatch(model, GraphBatch.pack(sub, chunk, batching));
            }
            for (int b = 0; b < chunk.size(); b++) {
                int n = chunk.get(b).numNodes();
                float[][] raw = new float[model.numClasses()][];
                for (int c = 0; c < raw.length; c++) {
                    raw[c] = java.util.Arrays.copyOf(maps.raw()[b][c], n);
                }
                out.add(GraphExplanation.of(chunk.get(b).id(), method(), model.classes(), raw, new HashMap<>(maps.flags().get(b))));
            }
        }
        return out;
    }

    /** Explains one graph. */
    public final GraphExplanation explain(Gcn model, Graph graph) {
        return explain(model, List.of(graph)).get(0);
    }

    /** Stores a node map of class c ([B,Nmax] padded, [T] sparse) into out[b][c][n]. */
    static void store(float[][][] out, int c, NDArray map, GraphBatch batch) {
        float[][] m = batch.perGraph(map);
        for (int b = 0; b < m.length; b++) {
            out[b][c] = m[b];
        }
    }

    static float[][][] allocate(GraphBatch batch, int classes) {
        return new float[batch.size()][classes][];
    }
}

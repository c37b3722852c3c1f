package io.xai4j.graph.explain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import io.xai4j.core.explain.ExplanationMethod;
import io.xai4j.core.explain.Targets;
import io.xai4j.core.runtime.Tensors;
import io.xai4j.graph.data.Graph;
import io.xai4j.graph.model.GraphBatch;
import io.xai4j.graph.model.GraphModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A node-saliency method for a {@link GraphModel} (Pope et al., CVPR 2019), built for one model like the image
 * explainers ({@code X.builder().setModel(model).optBatchSize(32).build()}). This base class owns what all methods
 * share: batching (padded or block-diagonal sparse, see {@link GraphBatch}), one NDArray scope per batch (flat
 * memory over any number of graphs), target resolution ({@link Targets}), cutting maps back to each graph's true
 * size, and the post-processing of {@link GraphExplanation#of}. Subclasses only compute the raw maps of every class
 * for one packed batch, through {@link GraphBatch}'s layout-independent operations.
 */
public abstract class GraphExplainer implements ExplanationMethod<List<Graph>, List<GraphExplanation>> {

    /** Graphs per batch unless the builder says otherwise. */
    public static final int DEFAULT_BATCH = 32;

    protected final GraphModel model;
    private final int batchSize;

    protected GraphExplainer(Builder<?, ?> b) {
        if (b.model == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " needs a model: call setModel");
        }
        if (b.batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + b.batchSize);
        }
        this.model = b.model;
        this.batchSize = b.batchSize;
    }

    /** The method's title as used in reports, tables and {@link GraphExplanation#method()} ({@code CG}, {@code Grad-CAM}, ...). */
    public abstract String method();

    /** The model this explainer explains. */
    public GraphModel model() {
        return model;
    }

    /** Raw maps of a batch: out[b][c][n] over each graph's true nodes, plus per-graph flags. */
    protected abstract BatchMaps explainBatch(GraphBatch batch);

    /** The method's parameters recorded in each explanation (the batch size; subclasses add theirs). */
    protected Map<String, Object> params() {
        return Map.of("batchSize", batchSize);
    }

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

    /** Explains every class of every graph for the top-1 class; result i belongs to graph i. */
    public final List<GraphExplanation> explain(List<Graph> graphs) {
        return explain(graphs, Targets.top1(), GraphBatch.Batching.AUTO);
    }

    @Override
    public final List<GraphExplanation> explain(List<Graph> graphs, Targets targets) {
        return explain(graphs, targets, GraphBatch.Batching.AUTO);
    }

    /** As {@link #explain(List)}, with batches laid out as {@code batching} says. */
    public final List<GraphExplanation> explain(List<Graph> graphs, GraphBatch.Batching batching) {
        return explain(graphs, Targets.top1(), batching);
    }

    /**
     * Explains every class of every graph (graph metrics compare classes), records the requested targets and their
     * scores; batches are padded unless their graphs are large ({@link GraphBatch.Batching#AUTO}).
     */
    public final List<GraphExplanation> explain(List<Graph> graphs, Targets targets, GraphBatch.Batching batching) {
        for (Graph g : graphs) {
            if (g.featureDim() != model.inputDim()) {
                throw new IllegalArgumentException("graph " + g.id() + " has " + g.featureDim() + " features per node but the GCN was trained on "
                        + model.inputDim());
            }
        }
        int[] explicit = targets.explicit();
        if (explicit != null && explicit.length != graphs.size()) {
            throw new IllegalArgumentException("got " + explicit.length + " targets for " + graphs.size() + " graphs");
        }
        Map<String, Object> params = params();
        List<GraphExplanation> out = new ArrayList<>(graphs.size());
        for (int s = 0; s < graphs.size(); s += batchSize) {
            List<Graph> chunk = graphs.subList(s, Math.min(graphs.size(), s + batchSize));
            BatchMaps maps;
            float[][] logits;
            try (NDScope scope = new NDScope(); NDManager sub = NDManager.newBaseManager()) {
                GraphBatch batch = GraphBatch.pack(sub, chunk, batching);
                maps = explainBatch(batch);
                logits = Tensors.toArray2(model.forward(batch).logits());
            }
            int[][] rows = rows(targets, explicit, s, logits);
            for (int b = 0; b < chunk.size(); b++) {
                int n = chunk.get(b).numNodes();
                float[][] raw = new float[model.numClasses()][];
                for (int c = 0; c < raw.length; c++) {
                    raw[c] = Arrays.copyOf(maps.raw()[b][c], n);
                }
                float[] scores = new float[rows[b].length];
                for (int i = 0; i < scores.length; i++) {
                    scores[i] = logits[b][rows[b][i]];
                }
                out.add(GraphExplanation.of(chunk.get(b).id(), method(), model.classes(), raw, new HashMap<>(maps.flags().get(b)))
                        .withTargets(rows[b], scores, params));
            }
        }
        return out;
    }

    private int[][] rows(Targets targets, int[] explicit, int offset, float[][] logits) {
        int[][] rows = new int[logits.length][];
        int[] top = targets.isTop1() ? Targets.top1().resolve(logits) : null;
        for (int b = 0; b < logits.length; b++) {
            if (targets.isAllClasses()) {
                rows[b] = new int[logits[b].length];
                Arrays.setAll(rows[b], c -> c);
            } else if (top != null) {
                rows[b] = new int[] {top[b]};
            } else {
                int t = explicit[offset + b];
                if (t < 0 || t >= logits[b].length) {
                    throw new IllegalArgumentException("target " + t + " of graph " + (offset + b) + " is outside 0.." + (logits[b].length - 1));
                }
                rows[b] = new int[] {t};
            }
        }
        return rows;
    }

    /** Explains one graph. */
    public final GraphExplanation explain(Graph graph) {
        return explain(List.of(graph)).get(0);
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

    /**
     * Builder shared by the graph methods: {@code setModel} required, {@code optBatchSize} defaults to
     * {@value #DEFAULT_BATCH}; a method's builder adds its own options.
     */
    public abstract static class Builder<B extends Builder<B, E>, E extends GraphExplainer> {
        private GraphModel model;
        private int batchSize = DEFAULT_BATCH;

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }

        public B setModel(GraphModel model) {
            this.model = model;
            return self();
        }

        public B optBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return self();
        }

        /** Builds the explainer; fails without a model. */
        public abstract E build();
    }
}

package io.xai4j.graph.explain;

import io.xai4j.core.explain.Explanation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Node saliency maps of one graph for every class (docs/methods/graph-explainers.md, post-processing): raw maps M
 * (C×N) and M̂ = M / max M (all zero when max M ≤ 0), after NaN/±Inf were replaced by 0. The fields shared with
 * image explanations ({@link Explanation}) have the same names: {@code method}, {@code raw}, {@code maps},
 * {@code targets}, {@code targetScores}, {@code params}.
 *
 * @param graphId id of the explained graph (null for maps made by hand); metrics check it against the graph
 *     they pair the explanation with
 * @param method the explainer's title ("Grad-CAM"), as in the paper's tables
 * @param classes class names, row c of the maps explains class c
 * @param raw M[c][n]
 * @param maps M̂[c][n]
 * @param targets the class(es) this explanation is asked for (top-1 by default; every row is always computed,
 *     since graph metrics compare classes)
 * @param targetScores the model's pre-softmax score of each target (NaN for maps made by hand)
 * @param edgeMask per class, one weight per edge in {@link io.xai4j.graph.data.Graph#edges()} order, or null for
 *     node-only methods (GNNExplainer-style methods fill it)
 * @param flags diagnostics: {@code nonFinite} (values replaced by 0), and method-specific entries
 *     such as {@code degenerate} (EB classes whose top normaliser Z was 0) and {@code droppedMass}
 * @param params the method's parameters (layer, batch size, ...)
 */
public record GraphExplanation(String graphId, String method, List<String> classes, float[][] raw, float[][] maps, int[] targets,
        float[] targetScores, float[][] edgeMask, Map<String, Double> flags, Map<String, Object> params) implements Explanation {

    /** As {@link #of(String, String, List, float[][], Map)} without a graph id. */
    public static GraphExplanation of(String method, List<String> classes, float[][] raw, Map<String, Double> flags) {
        return of(null, method, classes, raw, flags);
    }

    /**
     * Builds the explanation from raw maps: sanitises (counting replaced values) and normalises jointly; the targets
     * are every class, without scores, until {@link #withTargets} sets them.
     */
    public static GraphExplanation of(String graphId, String method, List<String> classes, float[][] raw, Map<String, Double> flags) {
        int nonFinite = 0;
        float max = 0f;
        float[][] m = new float[raw.length][];
        for (int c = 0; c < raw.length; c++) {
            m[c] = raw[c].clone();
            for (int n = 0; n < m[c].length; n++) {
                if (!Float.isFinite(m[c][n])) {
                    m[c][n] = 0f;
                    nonFinite++;
                }
                max = Math.max(max, m[c][n]);
            }
        }
        float[][] norm = new float[m.length][];
        for (int c = 0; c < m.length; c++) {
            norm[c] = new float[m[c].length];
            if (max > 0f) {
                for (int n = 0; n < m[c].length; n++) {
                    norm[c][n] = m[c][n] / max;
                }
            }
        }
        Map<String, Double> f = new LinkedHashMap<>(flags);
        f.put("nonFinite", (double) nonFinite);
        int[] all = new int[raw.length];
        float[] scores = new float[raw.length];
        for (int c = 0; c < all.length; c++) {
            all[c] = c;
            scores[c] = Float.NaN;
        }
        return new GraphExplanation(graphId, method, List.copyOf(classes), m, norm, all, scores, null, Map.copyOf(f), Map.of());
    }

    /** This explanation asked for {@code targets}, whose scores are {@code scores}, made with {@code parameters}. */
    public GraphExplanation withTargets(int[] targets, float[] scores, Map<String, Object> parameters) {
        return new GraphExplanation(graphId, method, classes, raw, maps, targets.clone(), scores.clone(), edgeMask, flags, Map.copyOf(parameters));
    }

    public int numNodes() {
        return raw[0].length;
    }

    /**
     * Fails unless explanation i belongs to graph i for every i: as many explanations as graphs, the same
     * number of nodes, and the same graph id where the explanation has one. Metrics pair the two lists by
     * index, so a list explained for all test graphs scored against the correctly classified ones only would
     * otherwise be scored against the wrong graphs without a word (BA-2Motifs graphs all have 25 nodes).
     */
    public static void requirePaired(List<io.xai4j.graph.data.Graph> graphs, List<GraphExplanation> explanations) {
        if (graphs.size() != explanations.size()) {
            throw new IllegalArgumentException(graphs.size() + " graphs but " + explanations.size() + " explanations; explanation i must belong"
                    + " to graph i");
        }
        for (int i = 0; i < graphs.size(); i++) {
            io.xai4j.graph.data.Graph g = graphs.get(i);
            GraphExplanation e = explanations.get(i);
            if ((e.graphId() != null && !e.graphId().equals(g.id())) || e.numNodes() != g.numNodes()) {
                throw new IllegalArgumentException("explanation " + i + " (graph " + e.graphId() + ", " + e.numNodes() + " nodes) does not"
                        + " belong to graph " + i + " (" + g.id() + ", " + g.numNodes() + " nodes); explanation i must belong to graph i");
            }
        }
    }

    /** True when the flag is present and non-zero. */
    public boolean flagged(String name) {
        Double v = flags.get(name);
        return v != null && v != 0.0;
    }
}

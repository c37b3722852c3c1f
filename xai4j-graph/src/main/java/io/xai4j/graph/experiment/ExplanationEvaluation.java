package io.xai4j.graph.experiment;

import io.xai4j.core.metrics.MetricResult;
import io.xai4j.core.runtime.Tensors;
import io.xai4j.graph.data.Graph;
import io.xai4j.graph.explain.GraphExplainer;
import io.xai4j.graph.explain.GraphExplanation;
import io.xai4j.graph.metrics.ContrastivitySparsity;
import io.xai4j.graph.metrics.FidelityPlusMinus;
import io.xai4j.graph.metrics.MethodScores;
import io.xai4j.graph.metrics.OcclusionFidelity;
import io.xai4j.graph.model.Gcn;
import java.util.List;
import java.util.Map;

/** Explains a set of graphs with one method and scores it with the graph metrics (docs/methods/graph-metrics.md). */
public final class ExplanationEvaluation {

    private ExplanationEvaluation() {}

    /** Scores precomputed explanations of {@code graphs}, without the τ sweep of fidelity. */
    public static MethodScores score(Gcn model, List<Graph> graphs, String method, List<GraphExplanation> ex, double tau, int batchSize) {
        return score(model, graphs, method, ex, tau, batchSize, false);
    }

    /**
     * Scores precomputed explanations of {@code graphs}; with {@code sweep} also the official fidelity at every τ of
     * {@link OcclusionFidelity#SWEEP} (docs/methods/graph-metrics.md: 12 more occlusion passes).
     */
    public static MethodScores score(Gcn model, List<Graph> graphs, String method, List<GraphExplanation> ex, double tau, int batchSize,
            boolean sweep) {
        return score(model, graphs, model.logits(graphs, batchSize), method, ex, tau, batchSize, sweep);
    }

    /**
     * As {@link #score(Gcn, List, String, List, double, int, boolean)} with the model's scores on the unmodified graphs
     * given ({@code logits} [G][C], from {@code model.logits(graphs, batchSize)}), so that an evaluation of several methods
     * computes its predictions once and every metric reads them.
     */
    public static MethodScores score(Gcn model, List<Graph> graphs, float[][] logits, String method, List<GraphExplanation> ex, double tau,
            int batchSize, boolean sweep) {
        int[] predicted = Tensors.argmax(logits);
        OcclusionFidelity.Result fid = OcclusionFidelity.compute(model, graphs, ex, tau, batchSize, predicted);
        Map<String, MetricResult> cs = PerGraphMetrics.contrastivitySparsity(model, logits, ex, tau);
        FidelityPlusMinus.Result pm = PerGraphMetrics.fidelityPlusMinus(model, graphs, ex, tau, batchSize, predicted);
        int flagged = 0;
        for (GraphExplanation e : ex) {
            flagged += e.flagged("degenerate") || e.flagged("nonFinite") ? 1 : 0;
        }
        Map<String, double[]> perGraph = new java.util.LinkedHashMap<>();
        for (MetricResult r : List.of(fid.perGraph(), cs.get(ContrastivitySparsity.CONTRASTIVITY_UNION), cs.get(ContrastivitySparsity.CONTRASTIVITY_NODES),
                cs.get(ContrastivitySparsity.SPARSITY_UNION), cs.get(ContrastivitySparsity.SPARSITY_CLASSAVG), pm.plusPerGraph(), pm.minusPerGraph())) {
            perGraph.put(r.metric(), r.values());
        }
        List<String> ids = graphs.stream().map(Graph::id).toList();
        return new MethodScores(method, fid.accuracy(), fid.fidelity(), fid.perClass(),
                cs.get(ContrastivitySparsity.CONTRASTIVITY_UNION).mean(), cs.get(ContrastivitySparsity.CONTRASTIVITY_NODES).mean(),
                cs.get(ContrastivitySparsity.SPARSITY_UNION).mean(), cs.get(ContrastivitySparsity.SPARSITY_CLASSAVG).mean(),
                pm.fidelityPlus(), pm.fidelityMinus(), pm.characterization(), flagged,
                sweep ? OcclusionFidelity.sweep(model, graphs, ex, batchSize, predicted).stream()
                        .map(r -> new MethodScores.FidelityPoint(r.tau(), r.fidelity(), r.perClass())).toList() : List.of(),
                perGraph, ids);
    }

    /** Explains then scores (no τ sweep). */
    public static MethodScores evaluate(Gcn model, List<Graph> graphs, GraphExplainer method, double tau, int batchSize) {
        return evaluate(model, graphs, method, tau, batchSize, false);
    }

    /** Explains then scores; {@code sweep} as in {@link #score(Gcn, List, String, List, double, int, boolean)}. */
    public static MethodScores evaluate(Gcn model, List<Graph> graphs, GraphExplainer method, double tau, int batchSize, boolean sweep) {
        return score(model, graphs, method.method(), method.explain(graphs), tau, batchSize, sweep);
    }

    /**
     * Explains with every method and scores each, the model's predictions on {@code graphs} computed once for all of them;
     * {@code sweep} as in {@link #score(Gcn, List, String, List, double, int, boolean)}.
     */
    public static List<MethodScores> evaluate(Gcn model, List<Graph> graphs, List<GraphExplainer> methods, double tau, int batchSize,
            boolean sweep) {
        float[][] logits = model.logits(graphs, batchSize);
        List<MethodScores> out = new java.util.ArrayList<>();
        for (GraphExplainer m : methods) {
            out.add(score(model, graphs, logits, m.method(), m.explain(graphs), tau, batchSize, sweep));
        }
        return out;
    }
}

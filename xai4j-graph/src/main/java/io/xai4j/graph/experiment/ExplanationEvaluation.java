package io.xai4j.graph.experiment;

import io.xai4j.core.metrics.MetricResult;
import io.xai4j.graph.data.Graph;
import io.xai4j.graph.explain.GraphExplainer;
import io.xai4j.graph.explain.GraphExplanation;
import io.xai4j.graph.metrics.ContrastivitySparsity;
import io.xai4j.graph.metrics.FidelityPlusMinus;
import io.xai4j.graph.metrics.OcclusionFidelity;
import io.xai4j.graph.model.Gcn;
import java.util.List;
import java.util.Map;

/** Explains a set of graphs with one method and scores it with the gcnn.md §7 metrics. */
public final class ExplanationEvaluation {

    private ExplanationEvaluation() {}

    /** Scores precomputed explanations of {@code graphs}. */
    public static MethodScores score(Gcn model, List<Graph> graphs, String method, List<GraphExplanation> ex, double tau, int batchSize) {
        OcclusionFidelity.Result fid = OcclusionFidelity.compute(model, graphs, ex, tau, batchSize);
        int[][] pairs = model.numClasses() == 2 ? null : ContrastivitySparsity.predictedAndRunnerUp(model.logits(graphs, batchSize));
        Map<String, MetricResult> cs = ContrastivitySparsity.compute(ex, pairs, tau);
        FidelityPlusMinus.Result pm = FidelityPlusMinus.compute(model, graphs, ex, tau, 0, FidelityPlusMinus.Mode.MODEL, batchSize);
        int flagged = 0;
        for (GraphExplanation e : ex) {
            flagged += e.flagged("degenerate") || e.flagged("nonFinite") ? 1 : 0;
        }
        return new MethodScores(method, fid.accuracy(), fid.fidelity(), fid.perClass(),
                cs.get(ContrastivitySparsity.CONTRASTIVITY_UNION).mean(), cs.get(ContrastivitySparsity.CONTRASTIVITY_NODES).mean(),
                cs.get(ContrastivitySparsity.SPARSITY_UNION).mean(), cs.get(ContrastivitySparsity.SPARSITY_CLASSAVG).mean(),
                pm.fidelityPlus(), pm.fidelityMinus(), pm.characterization(), flagged);
    }

    /** Explains then scores. */
    public static MethodScores evaluate(Gcn model, List<Graph> graphs, GraphExplainer method, double tau, int batchSize) {
        return score(model, graphs, method.method(), method.explain(model, graphs), tau, batchSize);
    }
}

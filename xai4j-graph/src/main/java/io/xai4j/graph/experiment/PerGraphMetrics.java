package io.xai4j.graph.experiment;

import io.xai4j.core.metrics.Metric;
import io.xai4j.core.metrics.MetricResult;
import io.xai4j.core.runtime.Tensors;
import io.xai4j.graph.data.Graph;
import io.xai4j.graph.explain.GraphExplanation;
import io.xai4j.graph.metrics.ContrastivitySparsity;
import io.xai4j.graph.metrics.FidelityPlusMinus;
import io.xai4j.graph.model.Gcn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The per-graph metrics of {@code xai4j graph evaluate} that need no label (docs/methods/graph-metrics.md), with its settings:
 * {@link ExplanationEvaluation} scores every method with them, and the Spark job adds them to its rows when asked
 * ({@code graph-explain --metrics}), so both give the same value for the same graph and maps.
 *
 * <p>Contrastivity and sparsity compare the maps of the classes (0, 1), or for C &gt; 2 of the predicted class and the
 * runner-up; fidelity± ({@link FidelityPlusMinus.Mode#MODEL}, S = the nodes above τ, no top-k) takes the predicted class's
 * map and compares with the prediction. Both read the model's scores on the unmodified graphs, computed once per set of
 * graphs for every method. The occlusion fidelity is not here: it compares with the true labels.
 */
public final class PerGraphMetrics {

    /** {@code graph evaluate}'s default saliency threshold τ ({@code --tau}). */
    public static final double TAU = 0.01;

    /** Every per-graph metric without labels, in the order of {@link io.xai4j.graph.metrics.MethodScores#perGraph()}. */
    public static final List<String> WITHOUT_GROUND_TRUTH = List.of(ContrastivitySparsity.CONTRASTIVITY_UNION,
            ContrastivitySparsity.CONTRASTIVITY_NODES, ContrastivitySparsity.SPARSITY_UNION, ContrastivitySparsity.SPARSITY_CLASSAVG,
            FidelityPlusMinus.PLUS.name(), FidelityPlusMinus.MINUS.name());

    private static final List<String> CONTRASTIVITY_SPARSITY = ContrastivitySparsity.METRICS.stream().map(Metric::name).toList();

    private final List<String> names;

    private PerGraphMetrics(List<String> names) {
        this.names = names;
    }

    /**
     * The metrics {@code names}, in the order of {@link #WITHOUT_GROUND_TRUTH} whatever the order given (a name given twice
     * counts once).
     *
     * @throws IllegalArgumentException naming an unknown metric and listing {@link #WITHOUT_GROUND_TRUTH}
     */
    public static PerGraphMetrics of(List<String> names) {
        for (String n : names) {
            if (!WITHOUT_GROUND_TRUTH.contains(n)) {
                throw new IllegalArgumentException("unknown per-graph metric '" + n + "'; expected one of " + String.join(", ", WITHOUT_GROUND_TRUTH));
            }
        }
        LinkedHashSet<String> wanted = new LinkedHashSet<>(names);
        List<String> ordered = new ArrayList<>();
        for (String n : WITHOUT_GROUND_TRUTH) {
            if (wanted.contains(n)) {
                ordered.add(n);
            }
        }
        return new PerGraphMetrics(List.copyOf(ordered));
    }

    public List<String> names() {
        return names;
    }

    /**
     * Scores one method's explanations of {@code graphs} at threshold {@code tau}.
     *
     * @param logits [G][C] the model's scores on the unmodified {@code graphs} ({@code model.logits(graphs, batchSize)})
     * @param explanations explanation i of graph i
     * @return per-graph values of each metric, by name, in the order of {@link #names()}
     */
    public Map<String, MetricResult> evaluate(Gcn model, List<Graph> graphs, float[][] logits, List<GraphExplanation> explanations, double tau,
            int batchSize) {
        Map<String, MetricResult> all = new LinkedHashMap<>();
        if (names.stream().anyMatch(CONTRASTIVITY_SPARSITY::contains)) {
            GraphExplanation.requirePaired(graphs, explanations);
            all.putAll(contrastivitySparsity(model, logits, explanations, tau));
        }
        if (names.contains(FidelityPlusMinus.PLUS.name()) || names.contains(FidelityPlusMinus.MINUS.name())) {
            FidelityPlusMinus.Result pm = fidelityPlusMinus(model, graphs, explanations, tau, batchSize, Tensors.argmax(logits));
            all.put(pm.plusPerGraph().metric(), pm.plusPerGraph());
            all.put(pm.minusPerGraph().metric(), pm.minusPerGraph());
        }
        Map<String, MetricResult> out = new LinkedHashMap<>();
        names.forEach(n -> out.put(n, all.get(n)));
        return out;
    }

    /** The four contrastivity and sparsity variants, for the class pair {@code graph evaluate} compares. */
    static Map<String, MetricResult> contrastivitySparsity(Gcn model, float[][] logits, List<GraphExplanation> explanations, double tau) {
        int[][] pairs = model.numClasses() == 2 ? null : ContrastivitySparsity.predictedAndRunnerUp(logits);
        return ContrastivitySparsity.compute(explanations, pairs, tau);
    }

    /** fid+ and fid− in model mode, S the nodes of the predicted class's map above τ. */
    static FidelityPlusMinus.Result fidelityPlusMinus(Gcn model, List<Graph> graphs, List<GraphExplanation> explanations, double tau,
            int batchSize, int[] predicted) {
        return FidelityPlusMinus.compute(model, graphs, explanations, tau, 0, FidelityPlusMinus.Mode.MODEL, batchSize, predicted);
    }
}

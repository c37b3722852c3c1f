package io.xai4j.graph.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.xai4j.core.metrics.MetricResult;
import io.xai4j.core.runtime.Tensors;
import io.xai4j.graph.data.Graph;
import io.xai4j.graph.explain.GraphExplainers;
import io.xai4j.graph.explain.GraphExplanation;
import io.xai4j.graph.metrics.ContrastivitySparsity;
import io.xai4j.graph.metrics.FidelityPlusMinus;
import io.xai4j.graph.model.Gcn;
import io.xai4j.graph.synth.Ba2Motifs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PerGraphMetricsTest {

    /**
     * With three classes (contrastivity compares the predicted class with the runner-up): every metric's per-graph values
     * equal {@code ContrastivitySparsity} and {@code FidelityPlusMinus} called directly with {@code graph evaluate}'s
     * settings, and {@code ExplanationEvaluation}'s per-graph values; the results come in the order of
     * {@code WITHOUT_GROUND_TRUTH} whatever the order asked for.
     */
    @Test
    void perGraphValuesAreTheMetricClassesWithEvaluatesSettings() {
        List<Graph> graphs = Ba2Motifs.generate(4, 3);
        try (Gcn model = Gcn.create(graphs.get(0).featureDim(), new int[] {8, 8}, List.of("a", "b", "c"), 0)) {
            // c-EB's maps of classes 2 and 1 (predicted and runner-up for every graph here) differ from those of 0 and 1
            List<GraphExplanation> ex = GraphExplainers.named("ceb", model, 4).explain(graphs);
            float[][] logits = model.logits(graphs, 4);
            List<String> asked = List.of("fidelity_minus", "sparsity_union", "fidelity_plus", "contrastivity_union", "sparsity_classavg",
                    "contrastivity_nodes", "sparsity_union");
            Map<String, MetricResult> got = PerGraphMetrics.of(asked).evaluate(model, graphs, logits, ex, PerGraphMetrics.TAU, 4);
            assertEquals(PerGraphMetrics.WITHOUT_GROUND_TRUTH, List.copyOf(got.keySet()));

            int[][] pairs = ContrastivitySparsity.predictedAndRunnerUp(logits);
            assertArrayEquals(new int[] {2, 1}, pairs[0], "the pair compared is not (0, 1)");
            Map<String, MetricResult> cs = ContrastivitySparsity.compute(ex, pairs, 0.01);
            FidelityPlusMinus.Result pm = FidelityPlusMinus.compute(model, graphs, ex, 0.01, 0, FidelityPlusMinus.Mode.MODEL, 4,
                    Tensors.argmax(logits));
            Map<String, double[]> evaluate = ExplanationEvaluation.score(model, graphs, "ceb", ex, 0.01, 4).perGraph();
            for (String m : PerGraphMetrics.WITHOUT_GROUND_TRUTH) {
                double[] direct = m.equals("fidelity_plus") ? pm.plusPerGraph().values()
                        : m.equals("fidelity_minus") ? pm.minusPerGraph().values() : cs.get(m).values();
                assertArrayEquals(direct, got.get(m).values(), 0, m);
                assertArrayEquals(direct, evaluate.get(m), 0, m + ": graph evaluate's per-graph values");
            }
        }
    }

    @Test
    void anUnknownNameListsTheMetrics() {
        assertEquals("unknown per-graph metric 'fidelity'; expected one of contrastivity_union, contrastivity_nodes, sparsity_union,"
                + " sparsity_classavg, fidelity_plus, fidelity_minus",
                assertThrows(IllegalArgumentException.class, () -> PerGraphMetrics.of(List.of("fidelity"))).getMessage());
    }
}

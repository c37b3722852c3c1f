package io.xai4j.graph.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xai4j.core.metrics.MetricResult;
import io.xai4j.graph.data.Edge;
import io.xai4j.graph.data.Graph;
import io.xai4j.graph.explain.GraphExplanation;
import io.xai4j.graph.model.Gcn;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Metric values computed by hand on toy graphs (docs/methods/graph-metrics.md). */
class GraphMetricsTest {

    private static GraphExplanation ex(float[]... maps) {
        return GraphExplanation.of("toy", List.of("a", "b"), maps, Map.of());
    }

    @Test
    void explanationsMustBelongToTheGraphsTheyArePairedWith() {
        // BA-2Motifs graphs all have 25 nodes: only the recorded graph id tells a shifted list apart.
        List<Graph> graphs = io.xai4j.graph.synth.Ba2Motifs.generate(2, 0);
        try (Gcn model = Gcn.create(10, new int[] {4, 4, 4}, io.xai4j.graph.synth.Ba2Motifs.CLASSES, 0)) {
            List<GraphExplanation> e = io.xai4j.graph.explain.GraphExplainers.named("CAM", model, 8).explain(graphs);
            assertEquals(graphs.get(1).id(), e.get(1).graphId());
            assertEquals(4, GroundTruthAccuracy.nodeAuroc(graphs, e).values().length);
            List<GraphExplanation> shifted = List.of(e.get(1), e.get(2), e.get(3), e.get(0));
            IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> GroundTruthAccuracy.nodeAuroc(graphs, shifted));
            assertEquals("explanation 0 (graph " + graphs.get(1).id() + ", 25 nodes) does not belong to graph 0 (" + graphs.get(0).id()
                    + ", 25 nodes); explanation i must belong to graph i", x.getMessage());
            assertThrows(IllegalArgumentException.class, () -> OcclusionFidelity.compute(model, graphs.subList(0, 3), e, 0.01, 8));
            assertThrows(IllegalArgumentException.class,
                    () -> FidelityPlusMinus.compute(model, graphs, shifted, 0.01, 0, FidelityPlusMinus.Mode.MODEL, 8));
        }
    }

    @Test
    void contrastivityAndSparsityMatchHandCounts() {
        // Graph 1 (N = 4): M̂0 = [1, .5, 0, 0], M̂1 = [0, .5, .5, 0] → b0 = 1100, b1 = 0110:
        // H = 2, U = 3, n0 = n1 = 2. Graph 2 (N = 2): all-zero maps → H = U = 0.
        List<GraphExplanation> e = List.of(ex(new float[] {1f, .5f, 0f, 0f}, new float[] {0f, .5f, .5f, 0f}),
                ex(new float[] {0f, 0f}, new float[] {0f, 0f}));
        Map<String, MetricResult> m = ContrastivitySparsity.compute(e, null, 0.01);
        assertEquals(2.0 / 3, m.get("contrastivity_union").values()[0], 1e-12);
        assertEquals(0.0, m.get("contrastivity_union").values()[1], "U = 0 gives 0");
        assertEquals(0.5, m.get("contrastivity_nodes").values()[0], 1e-12);
        assertEquals(0.0, m.get("contrastivity_nodes").values()[1]);
        assertEquals(0.25, m.get("sparsity_union").values()[0], 1e-12);
        assertEquals(1.0, m.get("sparsity_union").values()[1], "all-zero maps select nothing");
        assertEquals(0.5, m.get("sparsity_classavg").values()[0], 1e-12);
        assertEquals(1.0, m.get("sparsity_classavg").values()[1]);
        assertEquals((2.0 / 3 + 0) / 2, m.get("contrastivity_union").mean(), 1e-12);
        // docs/methods/image-metrics.md#conventions: contrastivity and graph sparsity are complexity metrics, higher is better
        for (MetricResult r : m.values()) {
            assertEquals(io.xai4j.core.metrics.Category.COMPLEXITY, r.category(), r.metric());
            assertEquals(io.xai4j.core.metrics.Direction.HIGHER, r.direction(), r.metric());
        }
    }

    @Test
    void allZeroRawMapsNormaliseToZero() {
        GraphExplanation z = ex(new float[] {0f, 0f}, new float[] {0f, Float.NaN});
        assertEquals(0f, z.maps()[1][1]);
        assertEquals(1.0, z.flags().get("nonFinite"));
    }

    /** A GCN whose score for class 1 is the mean of feature 0 over nodes, with threshold 0.5 (1 layer of width 1). */
    private static Gcn thresholdModel() {
        // F¹ = ReLU(Â X [1]) ; y = e·[−1, 1] + [0.5, −0.5]·... → y1 − y0 = 2e − 1: class 1 iff e > 0.5.
        return Gcn.fromParameters(1, new int[] {1}, List.of("a", "b"), new float[][] {{1f}, {-1f, 1f}}, new float[][] {{0f}, {0.5f, -0.5f}});
    }

    @Test
    void occlusionFidelityFollowsTheOfficialProtocol() {
        try (Gcn model = thresholdModel()) {
            // Two isolated nodes (Â = I): e = mean x. Graph A: x = [1, 1] (class 1, label 1). Graph B: x = [0, 0] (class 0, label 0).
            Graph a = Graph.of("A", new float[][] {{1f}, {1f}}, List.of(), 1);
            Graph b = Graph.of("B", new float[][] {{0f}, {0f}}, List.of(), 0);
            // Class-0 maps select nothing; class-1 maps select node 0 of A (→ e = 0.5, predicted 0: wrong) and nothing in B.
            List<GraphExplanation> e = List.of(ex(new float[] {0f, 0f}, new float[] {1f, 0f}), ex(new float[] {0f, 0f}, new float[] {0f, 0f}));
            OcclusionFidelity.Result r = OcclusionFidelity.compute(model, List.of(a, b), e, 0.01, 4);
            assertEquals(1.0, r.accuracy());
            assertEquals(1.0, r.maskedAccuracy()[0]);
            assertEquals(0.5, r.maskedAccuracy()[1]);
            assertEquals(0.0, r.perClass()[0]);
            assertEquals(0.5, r.perClass()[1]);
            assertEquals(0.25, r.fidelity(), 1e-12);
            assertEquals(r.fidelity(), r.perGraph().mean(), 1e-12);

            FidelityPlusMinus.Result pm = FidelityPlusMinus.compute(model, List.of(a, b), e, 0.01, 0, FidelityPlusMinus.Mode.MODEL, 4);
            // Predicted classes: A → 1, B → 0. S(A) = {0}: G∖S flips A; G_S keeps x0 = 1 only → e = 0.5 → flips A too.
            // S(B) = ∅: G∖S = B (same); G_S zeroes everything = B (same).
            assertEquals(0.5, pm.fidelityPlus(), 1e-12);
            assertEquals(0.5, pm.fidelityMinus(), 1e-12);
            assertEquals(1 / (0.5 / 0.5 + 0.5 / 0.5), pm.characterization(), 1e-12);
            assertArrayEquals(new double[] {1, 0}, pm.plusPerGraph().values(), "A flips without S, B does not");
            assertArrayEquals(new double[] {1, 0}, pm.minusPerGraph().values());
            // phenomenon mode compares with the label: both graphs are right, A's G∖S and G_S are wrong → the same here
            FidelityPlusMinus.Result ph = FidelityPlusMinus.compute(model, List.of(a, b), e, 0.01, 0, FidelityPlusMinus.Mode.PHENOMENON, 4);
            assertArrayEquals(new double[] {1, 0}, ph.plusPerGraph().values());
            assertEquals("phenomenon", ph.plusPerGraph().params().get("mode"));

            // docs/methods/graph-metrics.md: the evaluation also emits fidelity at every τ of the sweep; the class-1 map of A is 1 on
            // node 0, so every τ < 1 selects it and fidelity stays 0.25
            io.xai4j.graph.metrics.MethodScores scored = io.xai4j.graph.experiment.ExplanationEvaluation.score(model, List.of(a, b), "m", e,
                    0.01, 4, true);
            assertEquals(OcclusionFidelity.SWEEP.length, scored.fidelitySweep().size());
            for (int t = 0; t < OcclusionFidelity.SWEEP.length; t++) {
                assertEquals(OcclusionFidelity.SWEEP[t], scored.fidelitySweep().get(t).tau());
                assertEquals(0.25, scored.fidelitySweep().get(t).fidelity(), 1e-12);
            }
            assertEquals(scored.fidelity(), scored.fidelitySweep().get(1).fidelity(), 1e-12);
            // docs/methods/image-metrics.md#conventions: the per-graph values behind every reported mean, in the order of the graph ids
            assertEquals(List.of("A", "B"), scored.graphIds());
            assertEquals(List.of("fidelity", "contrastivity_union", "contrastivity_nodes", "sparsity_union", "sparsity_classavg",
                    "fidelity_plus", "fidelity_minus"), List.copyOf(scored.perGraph().keySet()));
            assertEquals(scored.fidelity(), java.util.Arrays.stream(scored.perGraph().get("fidelity")).average().orElseThrow(), 1e-12);
            assertEquals(scored.contrastivityUnion(), java.util.Arrays.stream(scored.perGraph().get("contrastivity_union")).average().orElseThrow(),
                    1e-12);
            assertArrayEquals(new double[] {1, 0}, scored.perGraph().get("fidelity_plus"));
            assertTrue(io.xai4j.graph.experiment.ExplanationEvaluation.score(model, List.of(a, b), "m", e, 0.01, 4).fidelitySweep().isEmpty());
        }
    }

    @Test
    void mapsAreNormalisedJointlyOverClassesAndNodes() {
        // docs/methods/graph-explainers.md#post-processing: M̂ = M / max over all classes and nodes (not per class)
        GraphExplanation e = ex(new float[] {2f, 1f}, new float[] {1f, 0f});
        assertArrayEquals(new float[] {1f, 0.5f}, e.maps()[0]);
        assertArrayEquals(new float[] {0.5f, 0f}, e.maps()[1]);
    }

    @Test
    void thresholdsCompareInFloat32AsNumPyDoes() {
        // (double) 0.1f = 0.10000000149 > 0.1, but the official NumPy code compares float32 maps with τ in float32: not above
        assertArrayEquals(new boolean[] {false, true}, FidelityPlusMinus.selection(new float[] {0.1f, 0.2f}, 0.1, 0));
        Graph g = Graph.of("g", new float[][] {{1f}, {1f}}, List.of(), 0);
        assertEquals(1f, OcclusionFidelity.occlude(g, new float[] {0.1f, 0.2f}, 0.1, true)[0][0], "node 0 is not salient");
        Map<String, MetricResult> m = ContrastivitySparsity.compute(List.of(ex(new float[] {0.1f, 1f}, new float[] {0.1f, 0f})), null, 0.1);
        assertEquals(0.5, m.get("sparsity_union").values()[0], 1e-12, "only node 1 is selected (by class 0)");
    }

    @Test
    void characterizationEdgeCasesAndWeights() {
        assertEquals(0.0, FidelityPlusMinus.characterization(0, 0.2, 0.5, 0.5));
        assertEquals(0.0, FidelityPlusMinus.characterization(0.5, 1, 0.5, 0.5));
        assertEquals(2 / (1 / 0.8 + 1 / 0.9), FidelityPlusMinus.characterization(0.8, 0.1, 0.5, 0.5), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> FidelityPlusMinus.characterization(0.5, 0.5, 0.6, 0.6));
    }

    @Test
    void groundTruthAurocAndPrecisionAtK() {
        int[] gt = {1, 1, 0, 0, 0, 0, 1};
        float[] map = {0.9f, 0.2f, 0.2f, 0f, 0.5f, 0.1f, 0.9f};
        Graph g = new Graph("g", new float[7][1], List.<Edge>of(), false, 0, null, gt, null);
        GraphExplanation e = ex(map, new float[7]);
        // Positives 0.9, 0.2, 0.9; negatives 0.2, 0, 0.5, 0.1: wins 4 + (2 + 0.5) + 4 = 10.5 of 12.
        assertEquals(10.5 / 12, GroundTruthAccuracy.nodeAuroc(List.of(g), List.of(e)).mean(), 1e-12);
        // Top-5 (ties to lower index): 0, 6, 4, 1, 2 → motif hits 0, 6, 1 → 3/5.
        assertEquals(0.6, GroundTruthAccuracy.precisionAtK(List.of(g), List.of(e), 5).mean(), 1e-12);
        // docs/methods/graph-metrics.md: node AUROC and precision@k are graph ground-truth metrics, higher is better
        assertEquals(io.xai4j.core.metrics.Category.GRAPH, GroundTruthAccuracy.nodeAuroc(List.of(g), List.of(e)).category());
        assertEquals(io.xai4j.core.metrics.Category.GRAPH, GroundTruthAccuracy.precisionAtK(List.of(g), List.of(e), 5).category());
        // ties at the top-5 border go to the lower index: map 1,1,1,1,.5,.5 with gt on node 5 → top-5 = 0..4 → 0/5
        Graph tie = new Graph("t", new float[6][1], List.<Edge>of(), false, 0, null, new int[] {0, 0, 0, 0, 0, 1}, null);
        assertEquals(0.0, GroundTruthAccuracy.precisionAtK(List.of(tie), List.of(ex(new float[] {1, 1, 1, 1, .5f, .5f}, new float[6])), 5).mean());
        Graph single = new Graph("s", new float[2][1], List.<Edge>of(), false, 0, null, new int[] {1, 1}, null);
        assertEquals(1, GroundTruthAccuracy.nodeAuroc(List.of(single), List.of(ex(new float[2], new float[2]))).nUndefined());
    }
}

package io.xai4j.graph.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.xai4j.graph.data.Graph;
import io.xai4j.graph.explain.GraphExplainer;
import io.xai4j.graph.explain.GraphExplainers;
import io.xai4j.graph.explain.GraphExplanation;
import io.xai4j.graph.metrics.FidelityPlusMinus;
import io.xai4j.graph.metrics.MethodScores;
import io.xai4j.graph.metrics.OcclusionFidelity;
import io.xai4j.graph.model.Gcn;
import io.xai4j.graph.synth.Ba2Motifs;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExplanationEvaluationTest {

    @Test
    void scoringEveryMethodOnPredictionsComputedOnceEqualsEachMetricComputingItsOwn() {
        List<Graph> graphs = Ba2Motifs.generate(4, 3);
        try (Gcn model = Gcn.create(graphs.get(0).featureDim(), new int[] {8, 8}, Ba2Motifs.CLASSES, 5)) {
            List<GraphExplainer> methods = GraphExplainers.pope2019(model, 4).subList(0, 2); // CG and EB: a few seconds
            List<MethodScores> once = ExplanationEvaluation.evaluate(model, graphs, methods, 0.01, 4, true);
            assertEquals(methods.size(), once.size());
            for (int m = 0; m < methods.size(); m++) {
                // reference: each metric on its own, running the model on the unmodified graphs itself
                List<GraphExplanation> ex = methods.get(m).explain(graphs);
                OcclusionFidelity.Result fid = OcclusionFidelity.compute(model, graphs, ex, 0.01, 4);
                FidelityPlusMinus.Result pm = FidelityPlusMinus.compute(model, graphs, ex, 0.01, 0, FidelityPlusMinus.Mode.MODEL, 4);
                List<OcclusionFidelity.Result> sweep = OcclusionFidelity.sweep(model, graphs, ex, 4);
                MethodScores shared = once.get(m);
                String what = methods.get(m).method();
                assertEquals(what, shared.method());
                assertEquals(fid.accuracy(), shared.accuracy(), 0, what);
                assertEquals(fid.fidelity(), shared.fidelity(), 0, what);
                assertArrayEquals(fid.perClass(), shared.fidelityPerClass(), 0, what);
                assertArrayEquals(fid.perGraph().values(), shared.perGraph().get("fidelity"), 0, what);
                assertEquals(pm.fidelityPlus(), shared.fidelityPlus(), 0, what);
                assertEquals(pm.fidelityMinus(), shared.fidelityMinus(), 0, what);
                assertArrayEquals(pm.plusPerGraph().values(), shared.perGraph().get("fidelity_plus"), 0, what);
                for (int t = 0; t < sweep.size(); t++) {
                    assertEquals(sweep.get(t).fidelity(), shared.fidelitySweep().get(t).fidelity(), 0, what + " sweep " + t);
                }
            }
        }
    }

    @Test
    void theMeanOverSeedsIsEachFiguresMeanAndDegenerateGraphsAddUp() {
        MethodScores a = new MethodScores("EB", 0.8, 0.1, new double[] {0.1, 0.3}, 0.2, 0, 0, 0, 0.5, 0.25, 0.4, 1,
                List.of(new MethodScores.FidelityPoint(0.01, 0.1, new double[] {0.1, 0.3})), java.util.Map.of(), List.of());
        MethodScores b = new MethodScores("EB", 0.6, Double.NaN, new double[] {0.3, 0.5}, 0.4, 0, 0, 0, 0.7, 0.75, 0.6, 2,
                List.of(new MethodScores.FidelityPoint(0.01, 0.3, new double[] {0.3, 0.5})), java.util.Map.of(), List.of());
        MethodScores mean = MethodScores.mean(List.of(List.of(a), List.of(b))).get(0);
        assertEquals(0.7, mean.accuracy(), 1e-15);
        assertEquals(0.1, mean.fidelity(), 1e-15, "an undefined figure of one seed is left out, as over images");
        assertArrayEquals(new double[] {0.2, 0.4}, mean.fidelityPerClass(), 1e-15);
        assertEquals(0.3, mean.contrastivityUnion(), 1e-15);
        assertEquals(0.6, mean.fidelityPlus(), 1e-15);
        assertEquals(0.5, mean.fidelityMinus(), 1e-15);
        assertEquals(3, mean.degenerateGraphs());
        assertEquals(0.2, mean.fidelitySweep().get(0).fidelity(), 1e-15);
        assertArrayEquals(new double[] {0.2, 0.4}, mean.fidelitySweep().get(0).perClass(), 1e-15);
    }
}

package io.xai4j.graph.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xai4j.graph.model.TrainingConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link GraphDataExperiment#summarise} against values computed by hand. */
class GraphDataSummaryTest {

    private static GraphDataExperiment.Result run(long seed, double acc, List<GraphDataExperiment.MethodAccuracy> methods) {
        return new GraphDataExperiment.Result("BA-2Motifs", List.of("house", "cycle"), seed, 7, new int[] {4}, new TrainingConfig(1, 32, 1e-3, seed, true, false), acc, 100,
                (int) Math.round(acc * 100), 1.0, methods, List.of(), 1);
    }

    private static GraphDataExperiment.MethodAccuracy eb(double auroc, double house, double cycle) {
        return new GraphDataExperiment.MethodAccuracy("EB", auroc, 0, 0.5, 0.6, 0.1, 0.7, new double[] {house, cycle});
    }

    @Test
    void meansAndSampleStdsOverSeedsSkipRunsWithoutScores() {
        GraphDataExperiment.Summary s = GraphDataExperiment.summarise(List.of(
                run(0, 0.90, List.of(eb(0.7, 0.5, Double.NaN))),
                run(1, 1.00, List.of(eb(0.9, 0.8, 1.0))),
                run(2, 0.50, List.of()))); // collapsed run, no correctly classified graphs to explain
        assertEquals(List.of(0L, 1L, 2L), s.seeds());
        assertEquals(List.of(7L, 7L, 7L), s.dataSeeds());
        assertEquals(0.8, s.meanTestAccuracy(), 1e-12);
        // sample std of 0.9, 1.0, 0.5: deviations 0.1, 0.2, −0.3 → sqrt(0.14 / 2)
        assertEquals(Math.sqrt(0.07), s.stdTestAccuracy(), 1e-12);
        assertEquals(1, s.seedsAtExpectedAccuracy(), "only 1.00 reaches 0.95");
        GraphDataExperiment.MethodSummary m = s.methods().get(0);
        assertEquals("EB", m.method());
        assertEquals(2, m.seeds());
        assertEquals(0.8, m.meanNodeAuroc(), 1e-12);
        assertEquals(Math.sqrt(0.02), m.stdNodeAuroc(), 1e-12);
        assertArrayEquals(new double[] {0.65, 1.0}, m.meanNodeAurocByClass(), 1e-12, "NaN class values are left out of the class mean");
        assertEquals(0.6, m.meanFidelityPlus(), 1e-12);
        // class 0 over 0.5 and 0.8: deviations ±0.15 → sqrt(0.045 / 1); class 1 has one value, no std
        assertEquals(Math.sqrt(0.045), m.stdNodeAurocByClass()[0], 1e-12);
        assertTrue(Double.isNaN(m.stdNodeAurocByClass()[1]));
        assertEquals(List.of(1, 1, 1), s.selectedEpochs());
    }

    @Test
    void aRunWithoutAMotifGraphLeavesTheNodeAurocMeanAlone() {
        // e.g. a BA-3Motifs-null run that classified only "none" graphs correctly: node AUROC undefined (NaN)
        GraphDataExperiment.Summary s = GraphDataExperiment.summarise(List.of(
                run(0, 0.4, List.of(eb(Double.NaN, Double.NaN, Double.NaN))),
                run(1, 0.9, List.of(eb(0.9, 0.8, 1.0))),
                run(2, 0.9, List.of(eb(0.7, 0.6, 0.8)))));
        GraphDataExperiment.MethodSummary m = s.methods().get(0);
        assertEquals(3, m.seeds(), "three runs scored the method");
        assertEquals(0.8, m.meanNodeAuroc(), 1e-12, "the undefined AUROC is left out, not averaged as NaN");
        assertEquals(Math.sqrt(0.02), m.stdNodeAuroc(), 1e-12);
        assertEquals(List.of("house", "cycle"), s.classes());
    }
}

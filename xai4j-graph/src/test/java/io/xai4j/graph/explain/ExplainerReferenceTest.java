package io.xai4j.graph.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import io.xai4j.graph.data.Graph;
import io.xai4j.graph.model.Gcn;
import io.xai4j.graph.model.GraphBatch;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every explainer against an independent double-precision reference on tiny graphs (docs/methods/graph-explainers.md#where-in-the-code), in
 * both batch layouts (padded dense and block-diagonal sparse Â).
 */
class ExplainerReferenceTest {

    private static final int D = 4;
    private static ReferenceGcn reference;
    private static Gcn model;
    private static List<Graph> graphs;

    @BeforeAll
    static void setUp() {
        reference = new ReferenceGcn(D, new int[] {3, 3, 3}, 2, 7, 0.9);
        model = reference.toGcn();
        graphs = ReferenceGcn.randomGraphs(4, 4, 1, D, 100);
    }

    @AfterAll
    static void tearDown() {
        model.close();
    }

    private static void assertMap(double[] expected, float[] actual, String what) {
        double scale = 1e-3;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertEquals(expected.length, actual.length, what + ": map length");
        for (int n = 0; n < expected.length; n++) {
            assertEquals(expected[n], actual[n], 2e-4 * scale, what + ": node " + n);
        }
    }

    @ParameterizedTest
    @EnumSource(value = GraphBatch.Batching.class, names = {"PADDED", "SPARSE"})
    void contrastiveGradientMatchesFiniteDifferences(GraphBatch.Batching batching) {
        List<GraphExplanation> got = ContrastiveGradient.builder().setModel(model).build().explain(graphs, batching);
        for (int g = 0; g < graphs.size(); g++) {
            for (int c = 0; c < 2; c++) {
                assertMap(reference.contrastiveGradient(graphs.get(g), c), got.get(g).raw()[c], "CG graph " + g + " class " + c);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = GraphBatch.Batching.class, names = {"PADDED", "SPARSE"})
    void gradCamAtEveryLayerMatchesFiniteDifferences(GraphBatch.Batching batching) {
        for (int l = 0; l <= 3; l++) {
            List<GraphExplanation> got = GradCam.builder().setModel(model).optBatchSize(3).optLayer(l).build().explain(graphs, batching);
            for (int g = 0; g < graphs.size(); g++) {
                for (int c = 0; c < 2; c++) {
                    assertMap(reference.gradCam(graphs.get(g), c, l), got.get(g).raw()[c], "Grad-CAM l=" + l + " graph " + g + " class " + c);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = GraphBatch.Batching.class, names = {"PADDED", "SPARSE"})
    void gradCamAverageMatchesPerLayerReference(GraphBatch.Batching batching) {
        List<GraphExplanation> got = GradCamAverage.builder().setModel(model).build().explain(graphs, batching);
        for (int g = 0; g < graphs.size(); g++) {
            Graph graph = graphs.get(g);
            double[][] expected = new double[2][graph.numNodes()];
            for (int l = 0; l <= 3; l++) {
                double[][] gl = {reference.gradCam(graph, 0, l), reference.gradCam(graph, 1, l)};
                double max = 0;
                for (double[] row : gl) {
                    for (double v : row) {
                        max = Math.max(max, v);
                    }
                }
                for (int c = 0; c < 2 && max > 0; c++) {
                    for (int n = 0; n < graph.numNodes(); n++) {
                        expected[c][n] += gl[c][n] / max;
                    }
                }
            }
            for (int c = 0; c < 2; c++) {
                assertMap(expected[c], got.get(g).raw()[c], "Grad-CAM Avg graph " + g + " class " + c);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = GraphBatch.Batching.class, names = {"PADDED", "SPARSE"})
    void camMatchesClosedFormWithBias(GraphBatch.Batching batching) {
        List<GraphExplanation> got = Cam.builder().setModel(model).build().explain(graphs, batching);
        for (int g = 0; g < graphs.size(); g++) {
            for (int c = 0; c < 2; c++) {
                assertMap(reference.cam(graphs.get(g), c), got.get(g).raw()[c], "CAM graph " + g + " class " + c);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = GraphBatch.Batching.class, names = {"PADDED", "SPARSE"})
    void gradCamOfLastLayerEqualsCamWithoutBiasOverN(GraphBatch.Batching batching) {
        List<GraphExplanation> gradCam = GradCam.builder().setModel(model).build().explain(graphs, batching);
        for (int g = 0; g < graphs.size(); g++) {
            Graph graph = graphs.get(g);
            double[][] top = reference.features(ReferenceGcn.adj(graph), ReferenceGcn.toDouble(graph.x())).get(3);
            for (int c = 0; c < 2; c++) {
                double[] expected = new double[graph.numNodes()];
                for (int n = 0; n < expected.length; n++) {
                    double s = 0;
                    for (int k = 0; k < 3; k++) {
                        s += reference.w[3][k][c] * top[n][k];
                    }
                    expected[n] = Math.max(0, s) / graph.numNodes();
                }
                assertMap(expected, gradCam.get(g).raw()[c], "Grad-CAM(l=3) vs CAM-without-bias/N, graph " + g + " class " + c);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = GraphBatch.Batching.class, names = {"PADDED", "SPARSE"})
    void excitationBackpropMatchesPerConnectionLoops(GraphBatch.Batching batching) {
        for (boolean contrast : new boolean[] {false, true}) {
            for (int readout = 0; readout <= 3; readout++) {
                ExcitationBackprop eb = ExcitationBackprop.builder().setModel(model).optBatchSize(3).optContrastive(contrast).optReadoutLayer(readout).build();
                List<GraphExplanation> got = eb.explain(graphs, batching);
                for (int g = 0; g < graphs.size(); g++) {
                    for (int c = 0; c < 2; c++) {
                        double[] expected = reference.excitation(graphs.get(g), c, contrast, readout, null);
                        if (contrast) {
                            for (int n = 0; n < expected.length; n++) {
                                expected[n] = Math.max(0, expected[n]);
                            }
                        }
                        assertMap(expected, got.get(g).raw()[c], eb.method() + " graph " + g + " class " + c);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = GraphBatch.Batching.class, names = {"PADDED", "SPARSE"})
    void excitationBackpropConservesMassUpToReportedDrops(GraphBatch.Batching batching) {
        for (int readout = 0; readout <= 3; readout++) {
            List<GraphExplanation> got = ExcitationBackprop.builder().setModel(model).optBatchSize(8).optReadoutLayer(readout).build().explain(graphs, batching);
            for (int g = 0; g < graphs.size(); g++) {
                GraphExplanation ex = got.get(g);
                for (int c = 0; c < 2; c++) {
                    double total = 0;
                    for (float v : ex.raw()[c]) {
                        assertTrue(v >= 0, "EB probabilities must be non-negative");
                        total += v;
                    }
                    // Σ Pˡ = 1 − mass dropped at zero normalisers below the top (0 for a degenerate class).
                    double expected = ReferenceGcn.sumOf(reference.excitation(graphs.get(g), c, false, readout, null));
                    assertEquals(expected, total, 1e-4, "EB mass at level " + readout + ", graph " + g + " class " + c);
                    assertTrue(total <= 1 + 1e-5, "EB mass cannot exceed 1");
                }
                assertTrue(ex.flags().get("droppedMass") >= -1e-6);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = GraphBatch.Batching.class, names = {"PADDED", "SPARSE"})
    void excitationBackpropIsExactlyConservativeWithPositiveInputs(GraphBatch.Batching batching) {
        // Positive features and zero biases: no normaliser can vanish, so Σ P⁰ = 1 exactly.
        ReferenceGcn positive = new ReferenceGcn(D, new int[] {3, 3, 3}, 2, 11, 0.9);
        for (double[] bias : positive.b) {
            java.util.Arrays.fill(bias, 0);
        }
        for (double[][] w : positive.w) {
            for (double[] row : w) {
                for (int k = 0; k < row.length; k++) {
                    row[k] = Math.abs(row[k]);
                }
            }
        }
        positive.w[3][0][0] = -positive.w[3][0][0];
        positive.w[3][1][1] = -positive.w[3][1][1];
        Graph g = ReferenceGcn.randomGraph("pos", 5, D, 3);
        float[][] x = g.copyFeatures();
        for (float[] row : x) {
            for (int k = 0; k < row.length; k++) {
                row[k] = Math.abs(row[k]) + 0.1f;
            }
        }
        Graph pg = g.withFeatures(x);
        try (Gcn m = positive.toGcn()) {
            GraphExplanation ex = ExcitationBackprop.builder().setModel(m).build().explain(List.of(pg), batching).get(0);
            for (int c = 0; c < 2; c++) {
                double total = 0;
                for (float v : ex.raw()[c]) {
                    total += v;
                }
                assertEquals(1.0, total, 1e-5, "Σ_n L_EB must be 1 for class " + c);
            }
            assertEquals(0.0, ex.flags().get("droppedMass"), 1e-6);
            for (int readout = 0; readout <= 3; readout++) {
                try (NDScope scope = new NDScope(); NDManager nd = NDManager.newBaseManager()) {
                    float[][][] signed = ExcitationBackprop.builder().setModel(m).optBatchSize(1).optContrastive(true).optReadoutLayer(readout).build().signedMaps(m, GraphBatch.pack(nd, List.of(pg), batching)).raw();
                    for (int c = 0; c < 2; c++) {
                        double total = 0;
                        for (float v : signed[0][c]) {
                            total += v;
                        }
                        assertEquals(0.0, total, 1e-5, "c-EB must sum to 0 at level " + readout + ", class " + c);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = GraphBatch.Batching.class, names = {"PADDED", "SPARSE"})
    void contrastiveExcitationSumsToZeroBeforeTheFinalRelu(GraphBatch.Batching batching) {
        ExcitationBackprop ceb = ExcitationBackprop.builder().setModel(model).optContrastive(true).build();
        for (int readout = 0; readout <= 3; readout++) {
            ExcitationBackprop atLevel = ExcitationBackprop.builder().setModel(model).optBatchSize(8).optContrastive(true).optReadoutLayer(readout).build();
            try (NDScope scope = new NDScope(); NDManager m = NDManager.newBaseManager()) {
                float[][][] signed = atLevel.signedMaps(model, GraphBatch.pack(m, graphs, batching)).raw();
                for (int g = 0; g < graphs.size(); g++) {
                    for (int c = 0; c < 2; c++) {
                        double total = 0;
                        for (float v : signed[g][c]) {
                            total += v;
                        }
                        // Dropped mass at zero normalisers is equal for both signals only where the
                        // activations are positive; the reference tells what is left.
                        double expected = ReferenceGcn.sumOf(reference.excitation(graphs.get(g), c, true, readout, null));
                        assertEquals(expected, total, 1e-5, "c-EB signed sum, level " + readout);
                    }
                }
            }
        }
        assertEquals("c-EB", ceb.method());
    }
}

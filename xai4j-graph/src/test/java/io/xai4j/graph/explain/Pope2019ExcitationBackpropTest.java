package io.xai4j.graph.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xai4j.graph.data.Graph;
import io.xai4j.graph.model.Gcn;
import io.xai4j.graph.model.GraphBatch;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The official EB/c-EB (docs/methods/graph-explainers.md#deviations-from-the-official-code (a)–(e)) against a loop-by-loop reading of the official steps on
 * tiny graphs, in both batch layouts and with graphs of mixed sizes in one batch.
 */
class Pope2019ExcitationBackpropTest {

    private static final int D = 4;
    private static ReferenceGcn reference;
    private static Gcn model;
    private static List<Graph> graphs;

    @BeforeAll
    static void setUp() {
        reference = new ReferenceGcn(D, new int[] {3, 4, 3}, 2, 16, 0.9);
        model = reference.toGcn();
        graphs = ReferenceGcn.randomGraphs(4, 3, 2, D, 300);
    }

    @AfterAll
    static void tearDown() {
        model.close();
    }

    /** The official EB map of class c with explicit loops; {@code global} = the c-EB variant's normalisation. */
    private static double[] officialEb(Graph graph, int c, boolean global) {
        double[][] a = ReferenceGcn.adj(graph);
        List<double[][]> f = reference.features(a, ReferenceGcn.toDouble(graph.x()));
        int n = graph.numNodes();
        int layers = reference.widths.length;
        double[][] top = f.get(layers);
        int k = top[0].length;
        double[] e = new double[k];
        for (double[] row : top) {
            for (int j = 0; j < k; j++) {
                e[j] += row[j] / n;
            }
        }
        double z = 0;
        double[] p = new double[k];
        for (int j = 0; j < k; j++) {
            p[j] = e[j] * Math.max(0, reference.w[layers][j][c]);
            z += p[j];
        }
        for (int j = 0; j < k; j++) {
            p[j] = z == 0 ? 0 : p[j] / z;
        }
        double[][] pl = new double[n][k];
        for (int j = 0; j < k; j++) {
            double col = 0;
            for (int m = 0; m < n; m++) {
                col += top[m][j];
            }
            for (int m = 0; m < n; m++) {
                pl[m][j] = top[m][j] / (1e-5 + col) * p[j];
            }
        }
        if (global) {
            pl = normalise(pl);
        } else {
            for (int j = 0; j < k; j++) {
                double col = 0;
                for (int m = 0; m < n; m++) {
                    col += pl[m][j];
                }
                for (int m = 0; m < n; m++) {
                    pl[m][j] /= col + 1e-5;
                }
            }
        }
        for (int l = layers; l >= 1; l--) {
            double[][] below = f.get(l - 1);
            int in = below[0].length;
            int out = reference.widths[l - 1];
            double[][] g = new double[n][in];
            for (int u = 0; u < n; u++) {
                for (int v = 0; v < n; v++) {
                    for (int q = 0; q < in; q++) {
                        g[u][q] += a[u][v] * below[v][q];
                    }
                }
            }
            double[][] dense = new double[n][in];
            for (int u = 0; u < n; u++) {
                for (int q = 0; q < in; q++) {
                    double s = 0;
                    for (int j = 0; j < out; j++) {
                        s += pl[u][j] * g[u][q] * Math.max(0, reference.w[l - 1][q][j]);
                    }
                    dense[u][q] = s / out;
                }
            }
            if (global) {
                dense = normalise(dense);
            }
            double[][] next = new double[n][in];
            for (int u = 0; u < n; u++) {
                for (int q = 0; q < in; q++) {
                    next[u][q] = g[u][q] * dense[u][q];
                }
            }
            pl = global ? normalise(next) : next;
        }
        double[] map = new double[n];
        for (int u = 0; u < n; u++) {
            for (double v : pl[u]) {
                map[u] += v;
            }
        }
        return map;
    }

    private static double[][] normalise(double[][] x) {
        double s = 0;
        for (double[] row : x) {
            for (double v : row) {
                s += v;
            }
        }
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i].clone();
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = s == 0 ? 0 : out[i][j] / s;
            }
        }
        return out;
    }

    private static void assertMap(double[] expected, float[] actual, String what) {
        assertMap(expected, actual, expected, what);
    }

    /** Tolerance 1e-5 of the largest |value| of {@code scaleOf} (the forward pass runs in float32). */
    private static void assertMap(double[] expected, float[] actual, double[] scaleOf, String what) {
        double scale = 1e-12;
        for (double v : scaleOf) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5 * scale, what + " node " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(value = GraphBatch.Batching.class, names = {"PADDED", "SPARSE"})
    void officialEbMatchesTheLoopReading(GraphBatch.Batching batching) {
        List<GraphExplanation> got = Pope2019ExcitationBackprop.builder().setModel(model).optBatchSize(3).build().explain(graphs, batching);
        boolean nonTrivial = false;
        for (int g = 0; g < graphs.size(); g++) {
            for (int c = 0; c < 2; c++) {
                double[] expected = officialEb(graphs.get(g), c, false);
                nonTrivial |= ReferenceGcn.sumOf(expected) > 1e-6;
                assertMap(expected, got.get(g).raw()[c], "EB (pope2019) graph " + g + " class " + c);
            }
        }
        assertTrue(nonTrivial, "the fixture must give non-zero maps");
    }

    @ParameterizedTest
    @EnumSource(value = GraphBatch.Batching.class, names = {"PADDED", "SPARSE"})
    void officialContrastiveEbReusesTheUpdatedClassZeroMask(GraphBatch.Batching batching) {
        List<GraphExplanation> got = Pope2019ExcitationBackprop.builder().setModel(model).optBatchSize(3).optContrastive(true).build().explain(graphs, batching);
        int normalised = 0;
        for (int g = 0; g < graphs.size(); g++) {
            double[] m0 = officialEb(graphs.get(g), 0, true);
            double[] m1 = officialEb(graphs.get(g), 1, true);
            for (double[] m : new double[][] {m0, m1}) {
                double sum = ReferenceGcn.sumOf(m);
                assertTrue(Math.abs(sum - 1) < 1e-9 || sum == 0, "c-EB's inner maps sum to 1 (or 0 when degenerate): " + sum);
                normalised += sum == 0 ? 0 : 1;
            }
            double[] mask0 = new double[m0.length];
            double[] mask1 = new double[m0.length];
            for (int n = 0; n < m0.length; n++) {
                mask0[n] = Math.max(0, m0[n] - m1[n]);
                mask1[n] = Math.max(0, m1[n] - mask0[n]);
            }
            // The masks are differences of nearly equal maps: tolerances scale with the maps themselves.
            double[] both = java.util.stream.DoubleStream.concat(java.util.Arrays.stream(m0), java.util.Arrays.stream(m1)).toArray();
            assertMap(mask0, got.get(g).raw()[0], both, "c-EB (pope2019) graph " + g + " class 0");
            assertMap(mask1, got.get(g).raw()[1], both, "c-EB (pope2019) graph " + g + " class 1");
        }
        assertEquals(2 * graphs.size(), normalised, "the fixture must have no degenerate class");
    }

    @ParameterizedTest
    @EnumSource(value = GraphBatch.Batching.class, names = {"PADDED", "SPARSE"})
    void aGraphAloneEqualsTheGraphInsideTheBatch(GraphBatch.Batching batching) {
        for (boolean contrast : new boolean[] {false, true}) {
            Pope2019ExcitationBackprop eb = Pope2019ExcitationBackprop.builder().setModel(model).optBatchSize(4).optContrastive(contrast).build();
            List<GraphExplanation> batched = eb.explain(graphs, batching);
            for (int g = 0; g < graphs.size(); g++) {
                GraphExplanation alone = eb.explain(List.of(graphs.get(g)), batching).get(0);
                for (int c = 0; c < 2; c++) {
                    for (int n = 0; n < graphs.get(g).numNodes(); n++) {
                        assertEquals(alone.raw()[c][n], batched.get(g).raw()[c][n], 1e-6, eb.method() + " graph " + g);
                    }
                }
            }
        }
    }

    @org.junit.jupiter.api.Test
    void contrastiveNeedsTwoClasses() {
        ReferenceGcn three = new ReferenceGcn(D, new int[] {3, 3, 3}, 3, 2, 0.9);
        try (Gcn m = three.toGcn()) {
            assertThrows(IllegalArgumentException.class, () -> Pope2019ExcitationBackprop.builder().setModel(m).optBatchSize(2).optContrastive(true).build().explain(graphs.get(0)));
        }
    }
}

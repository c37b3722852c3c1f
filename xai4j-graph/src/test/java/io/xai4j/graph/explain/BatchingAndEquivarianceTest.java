package io.xai4j.graph.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xai4j.graph.data.Graph;
import io.xai4j.graph.model.Gcn;
import io.xai4j.graph.model.GraphBatch;
import io.xai4j.graph.model.GraphBatch.Batching;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Batch-vs-single parity in both batching modes, padded-vs-sparse parity (docs/methods/gcn.md#batching) and
 * node-permutation equivariance (docs/methods/graph-explainers.md#where-in-the-code) for all six methods.
 */
class BatchingAndEquivarianceTest {

    private static ReferenceGcn reference;
    private static Gcn model;

    @BeforeAll
    static void setUp() {
        // Seed 6: every method gives non-zero maps on these graphs (with seed 3, CAM and Grad-CAM were 0 everywhere
        // after their ReLU, so their parity checks compared 0 with 0).
        reference = new ReferenceGcn(5, new int[] {6, 7, 8}, 2, 6, 0.7);
        model = reference.toGcn();
    }

    @AfterAll
    static void tearDown() {
        model.close();
    }

    static List<GraphExplainer> all(int batch) {
        return GraphExplainers.pope2019(model, batch);
    }

    /** Fails when every raw map of {@code explanations} is (nearly) zero: a parity check on such maps is vacuous. */
    private static void assertNotAllZero(List<GraphExplanation> explanations, String method) {
        double largest = 0;
        for (GraphExplanation e : explanations) {
            for (float[] row : e.raw()) {
                for (float v : row) {
                    largest = Math.max(largest, Math.abs(v));
                }
            }
        }
        assertTrue(largest > 1e-2, "test is vacuous: every " + method + " map is ~0 (max |raw| " + largest + ")");
    }

    private static final int[] SIZES = {9, 3, 14, 6, 1, 11};

    private static List<Graph> mixed() {
        List<Graph> mixed = new ArrayList<>();
        for (int i = 0; i < SIZES.length; i++) {
            mixed.add(ReferenceGcn.randomGraph("m" + i, SIZES[i], 5, 40 + i));
        }
        return mixed;
    }

    @ParameterizedTest
    @EnumSource(value = Batching.class, names = {"PADDED", "SPARSE"})
    void mapsOfAGraphAloneEqualMapsInsideAMixedBatch(Batching batching) {
        List<Graph> mixed = mixed();
        int[] sizes = SIZES;
        for (GraphExplainer method : all(4)) {
            List<GraphExplanation> batched = method.explain(mixed, batching);
            assertNotAllZero(batched, method.method());
            for (int g = 0; g < mixed.size(); g++) {
                GraphExplanation alone = method.explain(List.of(mixed.get(g)), batching).get(0);
                for (int c = 0; c < 2; c++) {
                    for (int n = 0; n < sizes[g]; n++) {
                        String where = method.method() + " graph " + g + " class " + c + " node " + n;
                        assertEquals(alone.raw()[c][n], batched.get(g).raw()[c][n], 1e-5, "raw " + where);
                        assertEquals(alone.maps()[c][n], batched.get(g).maps()[c][n], 1e-5, "norm " + where);
                    }
                }
            }
        }
    }

    @Test
    void paddedAndSparseBatchesGiveTheSameMaps() {
        List<Graph> mixed = mixed();
        for (GraphExplainer method : all(4)) {
            List<GraphExplanation> padded = method.explain(mixed, Batching.PADDED);
            List<GraphExplanation> sparse = method.explain(mixed, Batching.SPARSE);
            assertNotAllZero(padded, method.method());
            for (int g = 0; g < mixed.size(); g++) {
                for (int c = 0; c < 2; c++) {
                    assertEquals(SIZES[g], sparse.get(g).raw()[c].length, "map length");
                    for (int n = 0; n < SIZES[g]; n++) {
                        String where = method.method() + " graph " + g + " class " + c + " node " + n;
                        assertEquals(padded.get(g).raw()[c][n], sparse.get(g).raw()[c][n], 1e-5, "raw " + where);
                        assertEquals(padded.get(g).maps()[c][n], sparse.get(g).maps()[c][n], 1e-5, "norm " + where);
                    }
                }
            }
        }
    }

    @Test
    void largeGraphsAreBatchedSparseAutomaticallyWithTheSameMaps() {
        // 2100 nodes: a padded Â would hold 2100² ≈ 4.4·10⁶ > AUTO_DENSE_LIMIT entries.
        Graph big = ReferenceGcn.randomGraph("big", 2100, 5, 9);
        assertEquals(GraphBatch.Layout.SPARSE, Batching.AUTO.resolve(List.of(big)));
        assertEquals(GraphBatch.Layout.PADDED, Batching.AUTO.resolve(mixed()));
        for (GraphExplainer method : List.of(GradCam.builder().setModel(model).optBatchSize(1).build(), ExcitationBackprop.builder().setModel(model).optBatchSize(1).optContrastive(true).build())) {
            float[][] auto = method.explain(List.of(big)).get(0).raw();
            float[][] padded = method.explain(List.of(big), Batching.PADDED).get(0).raw();
            for (int c = 0; c < 2; c++) {
                for (int n = 0; n < big.numNodes(); n++) {
                    assertEquals(padded[c][n], auto[c][n], 1e-5 + 1e-4 * Math.abs(padded[c][n]), method.method() + " node " + n + " class " + c);
                }
            }
        }
    }

    @Test
    void permutingNodesPermutesEveryMap() {
        Graph g = ReferenceGcn.randomGraph("p", 10, 5, 77);
        int[] perm = new int[10];
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            idx.add(i);
        }
        java.util.Collections.shuffle(idx, new Random(5));
        for (int i = 0; i < 10; i++) {
            perm[i] = idx.get(i);
        }
        Graph permuted = g.permute(perm);
        for (GraphExplainer method : all(2)) {
            GraphExplanation a = method.explain(g);
            GraphExplanation b = method.explain(permuted);
            assertNotAllZero(List.of(a), method.method());
            for (int c = 0; c < 2; c++) {
                for (int n = 0; n < 10; n++) {
                    assertEquals(a.raw()[c][n], b.raw()[c][perm[n]], 1e-5, method.method() + " node " + n + " class " + c);
                }
            }
        }
    }
}

package io.xai4j.graph.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.xai4j.graph.data.Graph;
import io.xai4j.graph.model.Gcn;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Batch-vs-single parity (gcnn.md §2) and node-permutation equivariance (§13) for all six methods. */
class BatchingAndEquivarianceTest {

    private static ReferenceGcn reference;
    private static Gcn model;

    @BeforeAll
    static void setUp() {
        reference = new ReferenceGcn(5, new int[] {6, 7, 8}, 2, 3, 0.7);
        model = reference.toGcn();
    }

    @AfterAll
    static void tearDown() {
        model.close();
    }

    static List<GraphExplainer> all(int batch) {
        return List.of(new ContrastiveGradient(batch), new Cam(batch), new GradCam(-1, batch), new GradCamAverage(batch),
                new ExcitationBackprop(false, 0, batch), new ExcitationBackprop(true, 0, batch));
    }

    @Test
    void mapsOfAGraphAloneEqualMapsInsideAMixedBatch() {
        List<Graph> mixed = new ArrayList<>();
        int[] sizes = {9, 3, 14, 6, 1, 11};
        for (int i = 0; i < sizes.length; i++) {
            mixed.add(ReferenceGcn.randomGraph("m" + i, sizes[i], 5, 40 + i));
        }
        for (GraphExplainer method : all(4)) {
            List<GraphExplanation> batched = method.explain(model, mixed);
            for (int g = 0; g < mixed.size(); g++) {
                GraphExplanation alone = method.explain(model, mixed.get(g));
                for (int c = 0; c < 2; c++) {
                    for (int n = 0; n < sizes[g]; n++) {
                        String where = method.method() + " graph " + g + " class " + c + " node " + n;
                        assertEquals(alone.raw()[c][n], batched.get(g).raw()[c][n], 1e-5, "raw " + where);
                        assertEquals(alone.norm()[c][n], batched.get(g).norm()[c][n], 1e-5, "norm " + where);
                    }
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
            GraphExplanation a = method.explain(model, g);
            GraphExplanation b = method.explain(model, permuted);
            for (int c = 0; c < 2; c++) {
                for (int n = 0; n < 10; n++) {
                    assertEquals(a.raw()[c][n], b.raw()[c][perm[n]], 1e-5, method.method() + " node " + n + " class " + c);
                }
            }
        }
    }
}

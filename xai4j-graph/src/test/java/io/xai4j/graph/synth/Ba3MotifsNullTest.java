package io.xai4j.graph.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.xai4j.graph.data.Edge;
import io.xai4j.graph.data.Graph;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** BA-3Motifs-null (docs/methods/ba2motifs.md#ba-3motifs-null): sizes, labels, the planted motifs counted edge by edge, seeded determinism. */
class Ba3MotifsNullTest {

    @Test
    void theDecidedSizeIsFiveHundredGraphsOfEachOfThreeClasses() {
        List<Graph> all = Ba3MotifsNull.generate(0);
        assertEquals(1500, all.size());
        int[] perClass = new int[3];
        for (Graph g : all) {
            perClass[g.label()]++;
            assertEquals(25, g.numNodes(), g.id() + ": every class has 25 nodes, so the node count is no cue");
        }
        assertArrayEquals(new int[] {500, 500, 500}, perClass);
        assertEquals(List.of("house", "cycle", "none"), Ba3MotifsNull.CLASSES);
    }

    @Test
    void generationIsDeterministicForASeed() {
        List<Graph> a = Ba3MotifsNull.generate(20, 3), b = Ba3MotifsNull.generate(20, 3), c = Ba3MotifsNull.generate(20, 4);
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).id(), b.get(i).id());
            assertEquals(a.get(i).label(), b.get(i).label());
            assertEquals(a.get(i).edges(), b.get(i).edges());
            assertArrayEquals(a.get(i).groundTruth(), b.get(i).groundTruth());
        }
        for (int k = 0; k < 3; k++) {
            assertNotEquals(a.get(k).edges(), c.get(k).edges(), "another seed draws other graphs of class " + k);
        }
    }

    @Test
    void motifGraphsCarryTheirMotifAndNullGraphsAreBarabasiAlbertTreesOfTwentyFiveNodes() {
        for (Graph g : Ba3MotifsNull.generate(50, 11)) {
            int[] gt = g.groundTruth();
            int motifNodes = Arrays.stream(gt).sum();
            int inside = 0, joining = 0, base = 0;
            int[] motifDegree = new int[g.numNodes()];
            for (Edge e : g.edges()) {
                int m = gt[e.u()] + gt[e.v()];
                inside += m == 2 ? 1 : 0;
                joining += m == 1 ? 1 : 0;
                base += m == 0 ? 1 : 0;
                if (m == 2) {
                    motifDegree[e.u()]++;
                    motifDegree[e.v()]++;
                }
            }
            assertEquals(g.id().startsWith("house") ? 0 : g.id().startsWith("cycle") ? 1 : 2, g.label(), g.id());
            int[] degrees = Arrays.stream(motifDegree).filter(d -> d > 0).sorted().toArray();
            switch (g.label()) {
                case 0 -> {
                    assertEquals(5, motifNodes);
                    assertEquals(6, inside, "a house has 6 motif edges");
                    assertArrayEquals(new int[] {2, 2, 2, 3, 3}, degrees, "a square with a roof on two adjacent corners");
                }
                case 1 -> {
                    assertEquals(5, motifNodes);
                    assertEquals(5, inside, "a 5-cycle has 5 edges");
                    assertArrayEquals(new int[] {2, 2, 2, 2, 2}, degrees);
                }
                default -> {
                    assertEquals(0, motifNodes, "a null graph has no ground-truth node");
                    assertEquals(24, base, "a BA tree on 25 nodes with m = 1 has 24 edges");
                }
            }
            if (g.label() != 2) {
                assertEquals(1, joining, "one edge joins motif and base");
                assertEquals(19, base, "a BA tree on 20 nodes with m = 1 has 19 edges");
            }
            assertEquals(1, components(g), g.id() + " is connected");
            for (float[] row : g.x()) {
                for (float v : row) {
                    assertEquals(0.1f, v);
                }
            }
        }
    }

    private static int components(Graph g) {
        int n = g.numNodes();
        List<List<Integer>> adj = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            adj.add(new java.util.ArrayList<>());
        }
        for (Edge e : g.edges()) {
            adj.get(e.u()).add(e.v());
            adj.get(e.v()).add(e.u());
        }
        boolean[] seen = new boolean[n];
        int count = 0;
        for (int s = 0; s < n; s++) {
            if (seen[s]) {
                continue;
            }
            count++;
            ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(s));
            seen[s] = true;
            while (!queue.isEmpty()) {
                for (int v : adj.get(queue.poll())) {
                    if (!seen[v]) {
                        seen[v] = true;
                        queue.add(v);
                    }
                }
            }
        }
        return count;
    }
}

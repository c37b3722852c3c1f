package io.xai4j.graph.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.xai4j.graph.data.Edge;
import io.xai4j.graph.data.Graph;
import java.util.List;
import org.junit.jupiter.api.Test;

class Ba2MotifsTest {

    @Test
    void generationIsDeterministicForASeed() {
        List<Graph> a = Ba2Motifs.generate(20, 3), b = Ba2Motifs.generate(20, 3), c = Ba2Motifs.generate(20, 4);
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).edges(), b.get(i).edges());
            assertArrayEquals(a.get(i).groundTruth(), b.get(i).groundTruth());
        }
        assertNotEquals(a.get(0).edges(), c.get(0).edges());
    }

    @Test
    void motifsHaveTheirEdgeCountsAndOneJoiningEdge() {
        for (Graph g : Ba2Motifs.generate(50, 11)) {
            assertEquals(25, g.numNodes());
            int[] gt = g.groundTruth();
            assertEquals(5, java.util.Arrays.stream(gt).sum());
            int inside = 0, joining = 0, base = 0;
            for (Edge e : g.edges()) {
                int m = gt[e.u()] + gt[e.v()];
                inside += m == 2 ? 1 : 0;
                joining += m == 1 ? 1 : 0;
                base += m == 0 ? 1 : 0;
            }
            assertEquals(g.label() == 0 ? 6 : 5, inside, "house has 6 motif edges, cycle 5");
            assertEquals(1, joining, "one edge joins motif and base");
            assertEquals(19, base, "a BA tree on 20 nodes with m = 1 has 19 edges");
            for (float[] row : g.x()) {
                for (float v : row) {
                    assertEquals(0.1f, v);
                }
            }
        }
    }
}

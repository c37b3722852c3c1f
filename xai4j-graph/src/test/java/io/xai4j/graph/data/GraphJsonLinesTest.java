package io.xai4j.graph.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class GraphJsonLinesTest {

    private static GraphJsonLines.Dataset read(String text) throws Exception {
        return GraphJsonLines.read("g.jsonl", new StringReader(text));
    }

    @Test
    void readsMetaNodesAndWeightedEdges() throws Exception {
        GraphJsonLines.Dataset ds = read("{\"meta\":{\"classes\":[\"house\",\"cycle\"],\"directed\":false}}\n"
                + "{\"id\":\"g1\",\"label\":1,\"nodes\":[{\"x\":[1,0],\"name\":\"roof\",\"gt\":1},{\"x\":[0,1]},{\"x\":[0,0]}],"
                + "\"edges\":[[0,1],[1,2,0.5],[2,1,0.25],[1,1]]}\n");
        assertEquals(2, ds.classes().size());
        Graph g = ds.graphs().get(0);
        assertEquals(1, g.label());
        assertEquals("roof", g.nodeNames()[0]);
        assertEquals(1, g.groundTruth()[0]);
        assertTrue(java.util.Arrays.deepEquals(new float[][] {{1, 0}, {0, 1}, {0, 0}}, g.x()), java.util.Arrays.deepToString(g.x()));
        assertEquals(2, g.edges().size(), "duplicates merge, self-loops are dropped");
        assertEquals(1f, g.adjacency()[0][1], "an edge without a weight has weight 1");
        assertEquals(1f, g.adjacency()[1][0]);
        assertEquals(0.25f, g.adjacency()[1][2]);
        assertEquals(0.25f, g.adjacency()[2][1]);
    }

    @Test
    void errorsNameLineAndField() {
        String good = "{\"label\":0,\"nodes\":[{\"x\":[1]}]}\n";
        IllegalArgumentException e1 = assertThrows(IllegalArgumentException.class, () -> read(good + "{\"label\":0,\"nodes\":[{\"x\":[1]},{\"y\":2}]}\n"));
        assertTrue(e1.getMessage().contains("line 2") && e1.getMessage().contains("nodes[1].x"), e1.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> read(good + good + "{\"nodes\":[{\"x\":[1]}],\"edges\":[[0,3]]}\n"));
        assertTrue(e2.getMessage().contains("line 3") && e2.getMessage().contains("edges[0]"), e2.getMessage());
        IllegalArgumentException e3 = assertThrows(IllegalArgumentException.class, () -> read("{\"nodes\":[{\"x\":[1,2]}]}\n" + good));
        assertTrue(e3.getMessage().contains("line 2") && e3.getMessage().contains("nodes[0].x"), e3.getMessage());
        IllegalArgumentException e4 = assertThrows(IllegalArgumentException.class, () -> read("{\"label\":\"x\",\"nodes\":[{\"x\":[1]}]}\n"));
        assertTrue(e4.getMessage().contains("line 1") && e4.getMessage().contains("'label'"), e4.getMessage());
        IllegalArgumentException e5 = assertThrows(IllegalArgumentException.class, () -> read("{not json\n"));
        assertTrue(e5.getMessage().contains("line 1"), e5.getMessage());
    }

    /** A malformed line: file, line and Jackson's reason with the column, without Jackson's internals (the redacted source). */
    @Test
    void malformedLineNamesLineAndColumnOnly() {
        String good = "{\"label\":0,\"nodes\":[{\"x\":[1]}]}\n";
        String cut = "{\"id\":\"g2\",\"label\":0,\"nodes\":[{\"x\":[1]}],\"edges\":[[0,0]";
        IllegalArgumentException eof = assertThrows(IllegalArgumentException.class, () -> read(good + cut + "\n"));
        assertEquals("g.jsonl line 2: not valid JSON (unexpected end-of-input: expected close marker for Array at column " + (cut.length() + 1)
                + ")", eof.getMessage());
        IllegalArgumentException token = assertThrows(IllegalArgumentException.class, () -> read("\n{not json\n"));
        assertEquals("g.jsonl line 2: not valid JSON (unexpected character ('n' (code 110)): was expecting double-quote to start field name"
                + " at column 2)", token.getMessage());
        IllegalArgumentException value = assertThrows(IllegalArgumentException.class, () -> read("{\"label\":tru}\n"));
        assertEquals("g.jsonl line 1: not valid JSON (unrecognized token 'tru': expected a JSON value at column 13)", value.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> read("{\"nodes\":[{\"x\":[NaN]}]}\n"));
        assertEquals("g.jsonl line 1: not valid JSON (non-standard token 'NaN' (not allowed in JSON) at column 20)", nan.getMessage());
        IllegalArgumentException array = assertThrows(IllegalArgumentException.class, () -> read("[1, 2]\n"));
        assertEquals("g.jsonl line 1: not a JSON object", array.getMessage());
    }

    /**
     * A number JSON can write but a float cannot hold ({@code 1e999} parses as infinity, {@code 1e39} overflows float32) is
     * refused with its line and field, as {@code NaN} is; the largest float and the smallest subnormal are kept.
     */
    @Test
    void nonFiniteNumbersAreRefusedWithLineAndField() throws Exception {
        String good = "{\"label\":0,\"nodes\":[{\"x\":[1]}]}\n";
        IllegalArgumentException inf = assertThrows(IllegalArgumentException.class,
                () -> read(good + "{\"label\":0,\"nodes\":[{\"x\":[1]},{\"x\":[-1e999]}]}\n"));
        assertEquals("g.jsonl line 2, field 'nodes[1].x[0]': must be a finite number within float range (±3.4e38), got -Infinity", inf.getMessage());
        IllegalArgumentException overflow = assertThrows(IllegalArgumentException.class,
                () -> read("{\"label\":0,\"nodes\":[{\"x\":[1e39]}]}\n"));
        assertEquals("g.jsonl line 1, field 'nodes[0].x[0]': must be a finite number within float range (±3.4e38), got 1.0E39", overflow.getMessage());
        IllegalArgumentException pos = assertThrows(IllegalArgumentException.class,
                () -> read("{\"label\":0,\"nodes\":[{\"x\":[1],\"pos\":[0,1e999]}]}\n"));
        assertEquals("g.jsonl line 1, field 'nodes[0].pos': must be [x, y] of finite numbers, got [0.0, Infinity]", pos.getMessage());
        IllegalArgumentException weight = assertThrows(IllegalArgumentException.class,
                () -> read("{\"label\":0,\"nodes\":[{\"x\":[1]},{\"x\":[1]}],\"edges\":[[0,1,1e39]]}\n"));
        assertTrue(weight.getMessage().startsWith("g.jsonl line 1, field 'edges[0][2]': weight must be a finite number > 0"), weight.getMessage());
        Graph extremes = read("{\"label\":0,\"nodes\":[{\"x\":[3.4028234e38, 1.4e-45]}]}\n").graphs().get(0);
        assertEquals(Float.MAX_VALUE, extremes.x()[0][0]);
        assertEquals(Float.MIN_VALUE, extremes.x()[0][1]);
    }

    /** Training needs labels: a graph without one is named with its line; explaining does not, and keeps label −1. */
    @Test
    void missingLabelIsAnErrorOnlyWhereLabelsAreRequired() throws Exception {
        String text = "{\"meta\":{\"classes\":[\"house\",\"cycle\"]}}\n{\"id\":\"house-0\",\"nodes\":[{\"x\":[1]}]}\n";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GraphJsonLines.read("nolabel.jsonl", new StringReader(text), true));
        assertEquals("nolabel.jsonl line 2: graph house-0 has no \"label\"", e.getMessage());
        IllegalArgumentException anonymous = assertThrows(IllegalArgumentException.class,
                () -> GraphJsonLines.read("g.jsonl", new StringReader("{\"label\":1,\"nodes\":[{\"x\":[1]}]}\n{\"label\":null,\"nodes\":[{\"x\":[1]}]}\n"), true));
        assertEquals("g.jsonl line 2: graph has no \"label\"", anonymous.getMessage());
        assertEquals(-1, read(text).graphs().get(0).label());
    }

    @Test
    void missingFileFolderAndFilesWithoutGraphs(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path missing = dir.resolve("nothere.jsonl");
        assertEquals("input file not found: " + missing,
                assertThrows(IllegalArgumentException.class, () -> GraphJsonLines.read(missing)).getMessage());
        assertEquals(dir + " is a folder, not a JSON-lines graph file",
                assertThrows(IllegalArgumentException.class, () -> GraphJsonLines.readLabelled(dir)).getMessage());
        for (String text : new String[] {"", "\n  \n", "{\"meta\":{\"classes\":[\"a\",\"b\"]}}\n"}) {
            java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("empty.jsonl"), text);
            assertEquals(file + " holds no graphs", assertThrows(IllegalArgumentException.class, () -> GraphJsonLines.read(file)).getMessage());
        }
    }

    @Test
    void writeThenReadGivesEqualGraphs(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        java.util.List<Graph> graphs = new java.util.ArrayList<>(io.xai4j.graph.synth.Ba2Motifs.generate(3, 7));
        float[][] x = {{0.1f, -2.5e-7f}, {1f / 3, 7f}, {Float.MIN_VALUE, 1e30f}};
        graphs.add(new Graph("named", x, java.util.List.of(new Edge(0, 1, 0.3f), Edge.of(1, 2)), false, 1,
                new String[] {"a", "b\"q", null}, new int[] {1, 0, 1}, new double[][] {{0.5, 1}, {2, -3.25}, {0, 0}}));
        java.nio.file.Path file = dir.resolve("out.jsonl");
        GraphJsonLines.write(file, new GraphJsonLines.Dataset(java.util.List.of("house", "cycle"), java.util.List.of(), false,
                graphs.subList(0, 6)));
        GraphJsonLines.Dataset back = GraphJsonLines.read(file);
        assertEquals(java.util.List.of("house", "cycle"), back.classes());
        assertEquals(6, back.graphs().size());
        java.nio.file.Path named = dir.resolve("named.jsonl");
        GraphJsonLines.write(named, new GraphJsonLines.Dataset(java.util.List.of(), java.util.List.of("f0", "f1"), false, graphs.subList(6, 7)));
        for (var pair : java.util.List.of(java.util.Map.entry(graphs.subList(0, 6), back.graphs()),
                java.util.Map.entry(graphs.subList(6, 7), GraphJsonLines.read(named).graphs()))) {
            for (int i = 0; i < pair.getKey().size(); i++) {
                Graph a = pair.getKey().get(i), b = pair.getValue().get(i);
                assertEquals(a.id(), b.id());
                assertEquals(a.label(), b.label());
                assertEquals(a.edges(), b.edges());
                assertTrue(java.util.Arrays.deepEquals(a.x(), b.x()), "features of " + a.id() + " must round-trip exactly");
                assertTrue(java.util.Arrays.equals(a.groundTruth(), b.groundTruth()));
                assertTrue(java.util.Arrays.equals(a.nodeNames(), b.nodeNames()));
                assertTrue(java.util.Arrays.deepEquals(a.positions(), b.positions()));
            }
        }
    }
}

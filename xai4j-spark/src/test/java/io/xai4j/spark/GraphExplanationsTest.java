package io.xai4j.spark;

import static io.xai4j.spark.ImageExplanationsTest.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xai4j.graph.chem.MolecularGraph;
import io.xai4j.graph.data.Graph;
import io.xai4j.graph.data.GraphJsonLines;
import io.xai4j.graph.explain.GraphExplainers;
import io.xai4j.graph.explain.GraphExplanation;
import io.xai4j.graph.model.Gcn;
import io.xai4j.graph.model.GraphBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("spark")
class GraphExplanationsTest {

    @TempDir
    Path dir;

    /**
     * Every graph method the GCN supports, on two partitions in batches of 2: each node map of every class, target
     * and score equals {@code xai4j graph explain}'s (the registry's explainer on all molecules in one call), and each
     * SMILES CDK refuses gives one error row naming it; the same molecules as JSON graph lines give the same maps.
     */
    @Test
    void everyGraphMethodGivesTheSingleProcessMapsRowForRow() throws Exception {
        Path model = Fixtures.gcnFile(dir);
        List<String> smiles = new ArrayList<>(Fixtures.SMILES);
        smiles.add(2, Fixtures.BAD_SMILES.get(0));
        smiles.add(Fixtures.BAD_SMILES.get(1));
        List<String> methods;
        Map<String, GraphExplanation> expected = new HashMap<>();
        List<Graph> graphs = new ArrayList<>();
        try (Gcn gcn = Gcn.load(model)) {
            methods = GraphExplainers.registry().supported(GraphExplainers.registry().names(), gcn.offers());
            for (String s : Fixtures.SMILES) {
                graphs.add(MolecularGraph.of(s, -1, 0).graph());
            }
            for (String m : methods) {
                for (GraphExplanation x : GraphExplainers.named(m, gcn, 32).explain(graphs, GraphBatch.Batching.AUTO)) {
                    expected.put(x.graphId() + " " + m, x);
                }
            }
        }
        assertEquals(GraphExplainers.registry().names(), methods, "the tiny GCN supports every graph method");

        Dataset<Row> rows = LocalSpark.session().createDataset(smiles, Encoders.STRING()).toDF("smiles").repartition(2);
        List<Row> out = GraphExplanations.builder().setModel(model).optMethods(methods).optBatchSize(2).build().explain(rows).collectAsList();

        Map<String, Row> actual = new HashMap<>();
        List<String> errors = new ArrayList<>();
        for (Row r : out) {
            if (r.isNullAt(r.fieldIndex("method"))) {
                errors.add(r.getString(r.fieldIndex("error")));
                continue;
            }
            assertNull(actual.put(r.getString(0) + " " + r.getString(1), r), "a second row for " + r.getString(0) + " " + r.getString(1));
        }
        assertEquals(expected.keySet(), actual.keySet(), "one row per readable molecule and method");
        for (Map.Entry<String, GraphExplanation> e : expected.entrySet()) {
            GraphExplanation want = e.getValue();
            Row got = actual.get(e.getKey());
            String at = e.getKey();
            assertEquals(want.targets()[0], got.getInt(got.fieldIndex("targetIndex")), at);
            assertEquals(want.method(), got.getString(got.fieldIndex("title")), at);
            assertClose(want.targetScores()[0], got.getFloat(got.fieldIndex("targetScore")), at + " targetScore");
            List<scala.collection.Seq<Float>> raw = got.getList(got.fieldIndex("raw"));
            assertEquals(want.raw().length, raw.size(), at + " classes");
            for (int c = 0; c < raw.size(); c++) {
                assertEquals(want.raw()[c].length, raw.get(c).size(), at + " nodes");
                for (int n = 0; n < raw.get(c).size(); n++) {
                    assertClose(want.raw()[c][n], raw.get(c).apply(n), at + " raw[" + c + "][" + n + "]");
                }
            }
        }
        assertEquals(2, errors.size(), "one error row per unreadable SMILES: " + errors);
        for (String bad : Fixtures.BAD_SMILES) {
            assertTrue(errors.stream().anyMatch(m -> m.contains("SMILES '" + bad + "' is not a molecule CDK can read")), bad + " in " + errors);
        }

        // the same molecules as JSON graph lines (GraphJsonLines.write's format, without its meta line), and one broken line
        Path jsonl = dir.resolve("graphs.jsonl");
        GraphJsonLines.write(jsonl, new GraphJsonLines.Dataset(List.of(), List.of(), false, graphs));
        List<String> lines = new ArrayList<>(Files.readAllLines(jsonl).subList(1, graphs.size() + 1));
        lines.add("{\"id\": \"cut\", \"nodes\": [");
        List<Row> fromJson = GraphExplanations.builder().setModel(model).optMethods(List.of("gradcam")).optGraphColumn("graph",
                GraphExplanations.Format.JSON).build().explain(LocalSpark.session().createDataset(lines, Encoders.STRING()).toDF("graph"))
                .collectAsList();
        assertEquals(graphs.size() + 1, fromJson.size(), "one row per graph line: " + fromJson);
        for (Row r : fromJson) {
            if (!r.isNullAt(r.fieldIndex("error"))) {
                assertTrue(r.getString(r.fieldIndex("error")).contains("not valid JSON"), r.toString());
                continue;
            }
            List<scala.collection.Seq<Float>> raw = r.getList(r.fieldIndex("raw"));
            float[][] want = expected.get(r.getString(0) + " gradcam").raw();
            for (int c = 0; c < want.length; c++) {
                for (int n = 0; n < want[c].length; n++) {
                    assertClose(want[c][n], raw.get(c).apply(n), r.getString(0) + " from JSON raw[" + c + "][" + n + "]");
                }
            }
        }
    }
}

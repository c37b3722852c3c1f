package io.xai4j.cli.graph;

import static io.xai4j.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.xai4j.cli.CliRun;
import io.xai4j.core.io.Json;
import io.xai4j.graph.model.Gcn;
import io.xai4j.graph.synth.Ba2Motifs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code xai4j graph explain} on a JSON-lines file: it explains graphs that fit the checkpoint and refuses, in
 * one line naming the checkpoint and the data, graphs with another feature dimension or other classes (before,
 * a 75-feature molecule set given to a 10-feature model died in a PyTorch shape error with a stack trace).
 */
class GraphExplainCommandTest {

    private static final int[] WIDTHS = {8, 8, 8};

    @Test
    void explainsGraphsThatFitTheCheckpoint(@TempDir Path dir) throws Exception {
        Path data = exportBa2(dir);
        Path model = checkpoint(dir.resolve("m.gcn"), 10, Ba2Motifs.CLASSES);
        Path out = dir.resolve("out");
        CliRun r = run("graph", "explain", "--model", model.toString(), "--input", data.toString(), "--limit", "3", "--methods", "CAM,EB",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode json = Json.MAPPER.readTree(out.resolve("explanations.json").toFile());
        assertEquals(3, json.get("CAM").size());
        assertEquals(3, json.get("EB").size());
        assertTrue(Files.exists(out.resolve("report.html")));
    }

    /**
     * explanations.json names the nodes of a graph whose input names them ({@code nodes}, null for an unnamed node), before
     * the maps, so that values need not be matched to nodes by index; a graph without names has no {@code nodes}.
     */
    @Test
    void explanationsNameTheNodesWhereTheInputDoes(@TempDir Path dir) throws Exception {
        String x = "\"x\":[1,0,0,0,0,0,0,0,0,0]";
        Path file = Files.writeString(dir.resolve("named.jsonl"), "{\"meta\":{\"classes\":[\"house\",\"cycle\"]}}\n"
                + "{\"id\":\"named\",\"nodes\":[{" + x + ",\"name\":\"hub\"},{" + x + "},{" + x + ",\"name\":\"tip\"}],\"edges\":[[0,1],[1,2]]}\n"
                + "{\"id\":\"plain\",\"nodes\":[{" + x + "},{" + x + "}],\"edges\":[[0,1]]}\n");
        Path model = checkpoint(dir.resolve("m.gcn"), 10, Ba2Motifs.CLASSES);
        Path out = dir.resolve("out");
        CliRun r = run("graph", "explain", "--model", model.toString(), "--input", file.toString(), "--methods", "CAM,EB", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode json = Json.MAPPER.readTree(out.resolve("explanations.json").toFile());
        for (String method : new String[] {"CAM", "EB"}) {
            JsonNode named = json.get(method).get(0), plain = json.get(method).get(1);
            assertEquals("[\"hub\",null,\"tip\"]", named.get("nodes").toString());
            assertEquals(List.of("graphId", "method", "classes", "nodes", "raw", "maps", "targets", "targetScores", "edgeMask", "flags", "params"), fieldNames(named));
            assertEquals(3, named.get("raw").get(0).size());
            assertEquals("plain", plain.get("graphId").asText());
            assertEquals(List.of("graphId", "method", "classes", "raw", "maps", "targets", "targetScores", "edgeMask", "flags", "params"), fieldNames(plain), "no names, no nodes");
        }
    }

    @Test
    void otherFeatureDimensionIsRefusedNamingCheckpointAndData(@TempDir Path dir) {
        Path data = exportBa2(dir);
        Path model = checkpoint(dir.resolve("m75.gcn"), 75, Ba2Motifs.CLASSES);
        Path out = dir.resolve("out");
        CliRun r = run("graph", "explain", "--model", model.toString(), "--input", data.toString(), "--out", out.toString());
        assertEquals(2, r.code());
        assertEquals("xai4j graph explain: " + model + " was trained on graphs with 75 features per node but " + data + " has 10",
                r.err().strip());
        assertTrue(Files.notExists(out));
    }

    @Test
    void otherClassesAreRefusedNamingBothLists(@TempDir Path dir) {
        Path data = exportBa2(dir);
        Path model = checkpoint(dir.resolve("ab.gcn"), 10, List.of("a", "b"));
        CliRun r = run("graph", "explain", "--model", model.toString(), "--input", data.toString(), "--out", dir.resolve("out").toString());
        assertEquals(2, r.code());
        assertEquals("xai4j graph explain: " + model + " was trained on classes [a, b] but " + data + " has [house, cycle]", r.err().strip());
    }

    @Test
    void missingOrTruncatedCheckpointIsOneLine(@TempDir Path dir) throws Exception {
        Path data = exportBa2(dir);
        Path missing = dir.resolve("nope.gcn");
        CliRun r = run("graph", "explain", "--model", missing.toString(), "--input", data.toString());
        assertEquals(2, r.code());
        assertEquals("xai4j graph explain: GCN checkpoint not found: " + missing, r.err().strip());

        Path whole = checkpoint(dir.resolve("whole.gcn"), 10, Ba2Motifs.CLASSES);
        Path cut = dir.resolve("cut.gcn");
        byte[] bytes = Files.readAllBytes(whole);
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        CliRun t = run("graph", "explain", "--model", cut.toString(), "--input", data.toString());
        assertEquals(2, t.code());
        assertEquals("xai4j graph explain: GCN checkpoint " + cut + " is truncated (the file ends early)", t.err().strip());
    }

    @Test
    void explainsOwnMoleculesGivenAsSmilesOrInASmilesFile(@TempDir Path dir) throws Exception {
        Path model = checkpoint(dir.resolve("mol.gcn"), 75, List.of("non-penetrating", "penetrating"));
        Path smi = dir.resolve("mine.smi");
        Files.writeString(smi, "# two of mine\nCC(=O)Oc1ccccc1C(=O)O aspirin\nCC( broken\nc1ccccc1O phenol\n");
        Path out = dir.resolve("out");
        CliRun r = run("graph", "explain", "--model", model.toString(), "--smiles", "CCO", "--smiles-file", smi.toString(), "--methods", "EB,Grad-CAM",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode json = Json.MAPPER.readTree(out.resolve("explanations.json").toFile());
        assertEquals(3, json.get("EB").size(), "CCO, aspirin and phenol; the broken line is skipped");
        assertEquals(List.of("CCO", "aspirin", "phenol"), List.of(json.get("EB").get(0).get("graphId").asText(),
                json.get("EB").get(1).get("graphId").asText(), json.get("EB").get(2).get("graphId").asText()));
        assertEquals(13, json.get("Grad-CAM").get(1).get("maps").get(0).size(), "one value per heavy atom of aspirin");
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("aspirin: CC(=O)Oc1ccccc1C(=O)O (no label; predicted "), "the report names the molecule and its prediction");
        List<String> csv = Files.readAllLines(out.resolve("predictions.csv"));
        assertEquals("id,smiles,label,prediction,p non-penetrating,p penetrating", csv.get(0));
        assertEquals(4, csv.size());
        assertTrue(csv.get(2).startsWith("aspirin,CC(=O)Oc1ccccc1C(=O)O,,"), csv.get(2));
        String[] cells = csv.get(2).split(",");
        assertEquals(1.0, Double.parseDouble(cells[4]) + Double.parseDouble(cells[5]), 1e-5, "probabilities sum to 1");
        assertEquals(Double.parseDouble(cells[4]) >= Double.parseDouble(cells[5]) ? "non-penetrating" : "penetrating", cells[3]);

        CliRun bad = run("graph", "explain", "--model", model.toString(), "--smiles", "C1CC", "--out", dir.resolve("bad").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().strip().startsWith("xai4j graph explain: --smiles 'C1CC' is not a molecule CDK can read: "), bad.err());
        assertEquals(1, bad.err().strip().lines().count(), "one line, without CDK's caret lines: " + bad.err());
        assertTrue(Files.notExists(dir.resolve("bad")));

        CliRun both = run("graph", "explain", "--model", model.toString(), "--smiles", "CCO", "--dataset", "bbbp");
        assertEquals(2, both.code());
        assertEquals("xai4j graph explain: give exactly one source: --dataset, --input, or --smiles / --smiles-file", both.err().strip());

        Path ba2 = checkpoint(dir.resolve("ba2.gcn"), 10, Ba2Motifs.CLASSES);
        CliRun notMolecules = run("graph", "explain", "--model", ba2.toString(), "--smiles", "CCO");
        assertEquals(2, notMolecules.code());
        assertEquals("xai4j graph explain: " + ba2 + " was trained on graphs with 10 features per node but --smiles has 75", notMolecules.err().strip());
    }

    @Test
    void bbbpMoleculesGoByTheirNameWithTheSmilesBeside(@TempDir Path dir) throws Exception {
        Path model = checkpoint(dir.resolve("bbbp.gcn"), 75, List.of("non-penetrating", "penetrating"));
        Path out = dir.resolve("out");
        CliRun r = run("graph", "explain", "--model", model.toString(), "--dataset", "bbbp", "--limit", "2", "--methods", "EB", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode first = Json.MAPPER.readTree(out.resolve("explanations.json").toFile()).get("EB").get(0);
        assertEquals("Propanolol", first.get("graphId").asText(), "BBBP.csv line 2: 1,Propanolol,1,[Cl].CC(C)NCC(O)COc1cccc2ccccc12");
        assertEquals("[Cl].CC(C)NCC(O)COc1cccc2ccccc12", first.get("smiles").asText());
        assertEquals(List.of("graphId", "smiles", "method", "classes", "nodes", "raw", "maps", "targets", "targetScores", "edgeMask", "flags", "params"), fieldNames(first));
        assertEquals("Cl", first.get("nodes").get(0).asText(), "a molecule's nodes are its atoms");
        assertEquals(first.get("raw").get(0).size(), first.get("nodes").size());
        List<String> csv = Files.readAllLines(out.resolve("predictions.csv"));
        assertEquals("id,smiles,label,prediction,p non-penetrating,p penetrating", csv.get(0));
        assertTrue(csv.get(1).startsWith("Propanolol,[Cl].CC(C)NCC(O)COc1cccc2ccccc12,penetrating,"), csv.get(1));
        assertTrue(csv.get(2).startsWith("Terbutylchlorambucil,C(=O)(OC(C)(C)C)CCCc1ccc(cc1)N(CCCl)CCCl,penetrating,"), csv.get(2));
        assertTrue(Files.readString(out.resolve("report.html")).contains("Propanolol: [Cl].CC(C)NCC(O)COc1cccc2ccccc12 (label penetrating; predicted "),
                "the report's caption names the molecule");

        Path input = dir.resolve("ba2-out");
        assertEquals(0, run("graph", "explain", "--model", checkpoint(dir.resolve("ba2.gcn"), 10, Ba2Motifs.CLASSES).toString(), "--input",
                exportBa2(dir).toString(), "--limit", "1", "--methods", "EB", "--out", input.toString()).code());
        assertEquals(List.of("graphId", "method", "classes", "raw", "maps", "targets", "targetScores", "edgeMask", "flags", "params"),
                fieldNames(Json.MAPPER.readTree(input.resolve("explanations.json").toFile()).get("EB").get(0)), "graphs that are not molecules have no SMILES");
    }

    /**
     * Graphs of one's own file: the report heads each graph with its label and the prediction and, for a graph without
     * a label, draws the map of the predicted class (before: of class 0, whatever the model predicted, and no prediction
     * in the report); a source holding more graphs than --limit says so, as --smiles-file did already.
     */
    @Test
    void ownGraphsAreShownWithTheirPredictionAndTheLimitIsSaid(@TempDir Path dir) throws Exception {
        String x = "{\"x\":[1,0,0,0,0,0,0,0,0,0],\"name\":\"hub\"}", y = "{\"x\":[0,1,0,0,0,0,0,0,0,0]}";
        Path file = Files.writeString(dir.resolve("mine.jsonl"), "{\"meta\":{\"classes\":[\"house\",\"cycle\"]}}\n"
                + "{\"id\":\"u0\",\"nodes\":[" + x + "," + y + "],\"edges\":[[0,1]]}\n"
                + "{\"id\":\"l1\",\"label\":0,\"nodes\":[" + x + "," + y + "," + y + "],\"edges\":[[0,1],[1,2]]}\n"
                + "{\"id\":\"u2\",\"nodes\":[" + x + "],\"edges\":[]}\n");
        Path out = dir.resolve("out");
        GraphCommandMessagesTest.Result r = GraphCommandMessagesTest.run("graph", "explain", "--model",
                checkpoint(dir.resolve("m.gcn"), 10, Ba2Motifs.CLASSES, 4).toString(), "--input", file.toString(), "--limit", "2", "--methods",
                "CAM", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("explaining the first 2 of 3 graphs (--limit 2)"), r.out());
        List<String> csv = Files.readAllLines(out.resolve("predictions.csv"));
        String u0 = csv.get(1).split(",")[2], l1 = csv.get(2).split(",")[2];
        assertEquals("cycle", u0, "the untrained GCN of seed 4 predicts class 1, so that class 0 would be the wrong map");
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<h3>u0 (no label; predicted " + u0 + ", p="), html.replaceAll("data:image[^\"]*", ""));
        assertTrue(html.contains("<h3>l1 (label house; predicted " + l1 + ", p="));
        int u0At = html.indexOf("<h3>u0"), l1At = html.indexOf("<h3>l1");
        assertTrue(html.substring(u0At, l1At).contains("<figcaption>CAM: " + u0 + "</figcaption>"), "u0 has no label: its predicted class is drawn");
        assertTrue(html.substring(l1At).contains("<figcaption>CAM: house</figcaption>"), "l1 is drawn for its label");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Path exportBa2(Path dir) {
        Path file = dir.resolve("ba2.jsonl");
        assertEquals(0, run("graph", "export", "--dataset", "ba2motifs", "--out", file.toString()).code());
        return file;
    }

    private static Path checkpoint(Path file, int inputDim, List<String> classes) {
        return checkpoint(file, inputDim, classes, 0);
    }

    private static Path checkpoint(Path file, int inputDim, List<String> classes, long seed) {
        try (Gcn gcn = Gcn.create(inputDim, WIDTHS, classes, seed)) {
            gcn.save(file);
        }
        return file;
    }
}

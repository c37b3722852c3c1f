package io.xai4j.cli.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.xai4j.core.io.Json;
import io.xai4j.graph.model.Gcn;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code graph export} + {@code graph train --input} on the exported BA-2Motifs file gives exactly the
 * numbers of {@code graph train --dataset ba2motifs}: the generic JSON-lines path loses nothing; and
 * {@code --widths} reaches the model whatever the data source; a molecule training names the files it wrote.
 */
class GraphInputTrainingTest {

    @Test
    void trainingOnAnExportedFileEqualsTheBuiltInProtocol(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ba2.jsonl");
        assertEquals(0, run("export", "--dataset", "ba2motifs", "--seed", "3", "--out", file.toString()));
        String[] common = {"--seeds", "1", "--first-seed", "3", "--epochs", "1", "--batch-size", "32", "--stratified-batches", "--no-progress"};
        assertEquals(0, run(concat(new String[] {"train", "--dataset", "ba2motifs", "--out", dir.resolve("a").toString()}, common)));
        assertEquals(0, run(concat(new String[] {"train", "--input", file.toString(), "--out",
                dir.resolve("b").toString()}, common)));
        JsonNode a = Json.MAPPER.readTree(dir.resolve("a/ba2motifs-seed3.json").toFile());
        JsonNode b = Json.MAPPER.readTree(dir.resolve("b/ba2-seed3.json").toFile());
        assertTrue(Files.exists(dir.resolve("b/ba2-seed3.gcn")), "checkpoint written");
        assertEquals(a.get("testGraphs").asInt(), b.get("testGraphs").asInt());
        assertEquals(100, b.get("testGraphs").asInt());
        // One epoch on the same graphs, split and seed: the same arithmetic, so the same numbers exactly.
        assertEquals(a.get("epochs").get(0).get("meanLoss").asDouble(), b.get("epochs").get(0).get("meanLoss").asDouble(), 0);
        assertEquals(a.get("testAccuracy").asDouble(), b.get("testAccuracy").asDouble(), 0);
        assertEquals(6, b.get("methods").size());
        for (int m = 0; m < 6; m++) {
            assertEquals(a.get("methods").get(m).get("method").asText(), b.get("methods").get(m).get("method").asText());
            assertEquals(a.get("methods").get(m).get("nodeAuroc").asDouble(), b.get("methods").get(m).get("nodeAuroc").asDouble(), 0,
                    a.get("methods").get(m).get("method").asText());
        }
    }

    /**
     * {@code --data-seed} fixes the graphs and the split while {@code --first-seed} varies the model: data seed 3 with model
     * seed 0 equals training on the exported seed-3 file with seed 0 (the file path takes the same split seed), data seed 3
     * with model seed 3 equals the default run of seed 3, and model seed 0 on data seed 3 starts from another initialisation.
     */
    @Test
    void dataSeedFixesTheGraphsAndTheSplitWhileTheSeedVariesTheModel(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ba2.jsonl");
        assertEquals(0, run("export", "--dataset", "ba2motifs", "--seed", "3", "--out", file.toString()));
        String[] common = {"--seeds", "1", "--epochs", "1", "--batch-size", "32", "--widths", "8,8,8", "--stratified-batches", "--no-progress"};
        assertEquals(0, run(concat(new String[] {"train", "--dataset", "ba2motifs", "--data-seed", "3", "--first-seed", "0",
            "--out", dir.resolve("a").toString()}, common)));
        assertEquals(0, run(concat(new String[] {"train", "--input", file.toString(), "--data-seed", "3", "--first-seed", "0",
            "--out", dir.resolve("b").toString()}, common)));
        assertEquals(0, run(concat(new String[] {"train", "--dataset", "ba2motifs", "--data-seed", "3", "--first-seed", "3",
            "--out", dir.resolve("c").toString()}, common)));
        assertEquals(0, run(concat(new String[] {"train", "--dataset", "ba2motifs", "--first-seed", "3", "--out", dir.resolve("d").toString()},
                common)));
        JsonNode a = Json.MAPPER.readTree(dir.resolve("a/ba2motifs-data3-seed0.json").toFile());
        JsonNode b = Json.MAPPER.readTree(dir.resolve("b/ba2-data3-seed0.json").toFile());
        JsonNode c = Json.MAPPER.readTree(dir.resolve("c/ba2motifs-data3-seed3.json").toFile());
        JsonNode d = Json.MAPPER.readTree(dir.resolve("d/ba2motifs-seed3.json").toFile());
        assertEquals(3, a.get("dataSeed").asLong());
        assertEquals(0, a.get("seed").asLong());
        assertEquals(3, d.get("dataSeed").asLong(), "by default each seed draws its own data");
        double lossA = a.get("epochs").get(0).get("meanLoss").asDouble();
        assertEquals(lossA, b.get("epochs").get(0).get("meanLoss").asDouble(), 0);
        assertEquals(a.get("testAccuracy").asDouble(), b.get("testAccuracy").asDouble(), 0);
        assertEquals(c.get("epochs").get(0).get("meanLoss").asDouble(), d.get("epochs").get(0).get("meanLoss").asDouble(), 0);
        assertTrue(lossA != c.get("epochs").get(0).get("meanLoss").asDouble(), "model seed 0 and 3 start from different weights");

        // over two seeds, a summary beside the per-seed files, its mean taken from them
        assertEquals(0, run(concat(new String[] {"train", "--dataset", "ba2motifs", "--data-seed", "3", "--seeds", "2", "--first-seed", "0",
            "--epochs", "1", "--batch-size", "32", "--widths", "8,8,8", "--no-progress", "--out", dir.resolve("e").toString()}, new String[0])));
        JsonNode e0 = Json.MAPPER.readTree(dir.resolve("e/ba2motifs-data3-seed0.json").toFile());
        JsonNode e1 = Json.MAPPER.readTree(dir.resolve("e/ba2motifs-data3-seed1.json").toFile());
        JsonNode sum = Json.MAPPER.readTree(dir.resolve("e/ba2motifs-data3-summary.json").toFile());
        assertEquals("[0,1]", sum.get("seeds").toString());
        assertEquals((e0.get("testAccuracy").asDouble() + e1.get("testAccuracy").asDouble()) / 2, sum.get("meanTestAccuracy").asDouble(), 1e-12);
    }

    /**
     * {@code graph train --dataset ba3null --data-seed 0,1 --select best-val}: every model seed on every draw, one summary over
     * all runs whose mean is the mean of the run files, and each run records the epoch it kept, which is the epoch of its lowest
     * logged validation loss; the exported ba3null file trains to the same numbers as the built-in set.
     */
    @Test
    void ba3nullTrainsOverDrawsAndRecordsTheSelectedEpoch(@TempDir Path dir) throws Exception {
        String[] common = {"--seeds", "1", "--epochs", "3", "--batch-size", "32", "--widths", "4,4,4", "--select", "best-val", "--no-progress"};
        assertEquals(0, run(concat(new String[] {"train", "--dataset", "ba3null", "--data-seed", "0,1", "--out", dir.resolve("a").toString()},
                common)));
        JsonNode r0 = Json.MAPPER.readTree(dir.resolve("a/ba3null-data0-seed0.json").toFile());
        JsonNode r1 = Json.MAPPER.readTree(dir.resolve("a/ba3null-data1-seed0.json").toFile());
        JsonNode all = Json.MAPPER.readTree(dir.resolve("a/ba3null-data0+1-summary.json").toFile());
        assertEquals("[\"house\",\"cycle\",\"none\"]", r0.get("classes").toString());
        assertEquals(150, r0.get("testGraphs").asInt(), "10 % of 1500 graphs");
        assertEquals("[0,1]", all.get("dataSeeds").toString());
        assertEquals((r0.get("testAccuracy").asDouble() + r1.get("testAccuracy").asDouble()) / 2, all.get("meanTestAccuracy").asDouble(), 1e-12);
        for (JsonNode r : new JsonNode[] {r0, r1}) {
            assertTrue(r.get("config").get("bestValid").asBoolean());
            int best = 1;
            JsonNode epochs = r.get("epochs");
            for (int e = 1; e < epochs.size(); e++) {
                if (epochs.get(e).get("validLoss").asDouble() < epochs.get(best - 1).get("validLoss").asDouble()) {
                    best = e + 1;
                }
            }
            assertEquals(best, r.get("selectedEpoch").asInt(), epochs.toString());
            assertEquals(3, r.get("methods").get(0).get("nodeAurocByClass").size(), "one AUROC per class");
        }
        assertEquals("[" + r0.get("selectedEpoch").asInt() + "," + r1.get("selectedEpoch").asInt() + "]", all.get("selectedEpochs").toString());

        Path file = dir.resolve("ba3.jsonl");
        assertEquals(0, run("export", "--dataset", "ba3null", "--seed", "1", "--out", file.toString()));
        assertEquals(0, run(concat(new String[] {"train", "--input", file.toString(), "--data-seed", "1", "--stratified-batches",
            "--out", dir.resolve("b").toString()}, common)));
        JsonNode b = Json.MAPPER.readTree(dir.resolve("b/ba3-data1-seed0.json").toFile());
        assertEquals(r1.get("epochs").toString(), b.get("epochs").toString(), "the same graphs, split and seed train the same way");
        assertEquals(r1.get("testAccuracy").asDouble(), b.get("testAccuracy").asDouble(), 0);
    }

    /**
     * {@code graph train --widths} builds the GCN it names for every data source (before, only {@code --input}
     * honoured it: BA-2Motifs and the molecule sets silently trained 128/256/512), and the result JSON records them.
     */
    @Test
    void ba2motifsAndMoleculesTrainTheGivenWidths(@TempDir Path dir) throws Exception {
        String[] common = {"--seeds", "1", "--epochs", "1", "--batch-size", "64", "--widths", "6,5,4", "--no-progress"};
        assertEquals(0, run(concat(new String[] {"train", "--dataset", "ba2motifs", "--out", dir.resolve("a").toString()}, common)));
        try (Gcn g = Gcn.load(dir.resolve("a/ba2motifs-seed0.gcn"))) {
            assertArrayEquals(new int[] {6, 5, 4}, g.widths());
        }
        JsonNode a = Json.MAPPER.readTree(dir.resolve("a/ba2motifs-seed0.json").toFile());
        assertEquals("[6,5,4]", a.get("widths").toString());

        GraphCommandMessagesTest.Result bace = GraphCommandMessagesTest.run(concat(new String[] {"graph", "train", "--dataset", "bace", "--split",
            "scaffold", "--out", dir.resolve("b").toString()}, common));
        assertEquals(0, bace.code(), bace.err());
        java.util.List<String> lines = bace.out().lines().toList();
        assertEquals("wrote " + dir.resolve("b/BACE-scaffold-seed0.gcn") + " and " + dir.resolve("b/BACE-scaffold.json"), lines.get(lines.size() - 1),
                "the last line names the files written");
        try (Gcn g = Gcn.load(dir.resolve("b/BACE-scaffold-seed0.gcn"))) {
            assertArrayEquals(new int[] {6, 5, 4}, g.widths());
            assertEquals(75, g.inputDim());
        }
        JsonNode b = Json.MAPPER.readTree(dir.resolve("b/BACE-scaffold.json").toFile());
        assertEquals("[6,5,4]", b.get("widths").toString());
    }

    /**
     * Graphs without "gt" marks have no node AUROC: the result and summary JSON hold null there, as JSON has no NaN
     * (before, Jackson wrote the string "NaN" into a number field).
     */
    @Test
    void scoresUndefinedWithoutGroundTruthAreNullInTheJson(@TempDir Path dir) throws Exception {
        StringBuilder lines = new StringBuilder("{\"meta\":{\"classes\":[\"pair\",\"path\"]}}\n");
        for (int i = 0; i < 20; i++) {
            lines.append(i % 2 == 0
                    ? "{\"id\":\"pair" + i + "\",\"label\":0,\"nodes\":[{\"x\":[1]},{\"x\":[1]}],\"edges\":[[0,1]]}\n"
                    : "{\"id\":\"path" + i + "\",\"label\":1,\"nodes\":[{\"x\":[1]},{\"x\":[1]},{\"x\":[1]}],\"edges\":[[0,1],[1,2]]}\n");
        }
        Path file = Files.writeString(dir.resolve("nogt.jsonl"), lines);
        assertEquals(0, run("train", "--input", file.toString(), "--seeds", "2", "--epochs", "1", "--widths", "4,4,4", "--no-progress",
                "--out", dir.toString()));
        JsonNode seed0 = Json.MAPPER.readTree(dir.resolve("nogt-seed0.json").toFile());
        JsonNode summary = Json.MAPPER.readTree(dir.resolve("nogt-summary.json").toFile());
        assertTrue(seed0.get("methods").size() > 0, "some test graphs were classified correctly, so the methods were scored: " + seed0);
        JsonNode method = seed0.get("methods").get(0);
        assertTrue(method.get("nodeAuroc").isNull(), method.toString());
        assertTrue(method.get("nodeAurocByClass").get(0).isNull(), method.toString());
        assertTrue(method.get("fidelityPlus").isNumber(), method.toString());
        assertTrue(summary.get("methods").get(0).get("meanNodeAuroc").isNull(), summary.toString());
        assertTrue(Files.readString(dir.resolve("nogt-seed0.json")).indexOf("NaN") < 0);
    }

    private static int run(String... args) {
        return new CommandLine(new GraphCommand()).execute(args);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

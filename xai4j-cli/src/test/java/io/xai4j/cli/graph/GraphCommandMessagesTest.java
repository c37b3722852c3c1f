package io.xai4j.cli.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.xai4j.cli.Main;
import io.xai4j.core.io.Json;
import io.xai4j.graph.experiment.MoleculeExperiment;
import io.xai4j.graph.model.Gcn;
import io.xai4j.graph.model.TrainingConfig;
import io.xai4j.graph.synth.Ba2Motifs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the graph commands say to a person: refusals before any work (a --models folder that is not there, an unknown
 * --dataset, bad JSON-lines input, each one line naming the option or the file and line), the "wrote" line at the end,
 * and status lines of graph train --input at info level (they were warnings).
 */
class GraphCommandMessagesTest {

    private static final int[] WIDTHS = {8, 8, 8};

    @Test
    void evaluateRefusesAModelsFolderThatIsNotThereInsteadOfTraining(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("x/y");
        Result r = run("graph", "evaluate", "--dataset", "bace", "--models", missing.toString(), "--out", dir.resolve("out").toString());
        assertEquals(2, r.code());
        assertEquals("xai4j graph evaluate: --models " + missing + " is not a folder of graph train checkpoints", r.err().strip());
        assertEquals("", r.out(), "nothing trained, nothing said");
        assertTrue(Files.notExists(dir.resolve("out")));

        Path file = Files.writeString(dir.resolve("BACE-scaffold-seed0.gcn"), "not a folder");
        Result f = run("graph", "evaluate", "--dataset", "bace", "--models", file.toString());
        assertEquals(2, f.code());
        assertEquals("xai4j graph evaluate: --models " + file + " is not a folder of graph train checkpoints", f.err().strip());

        // a folder without the seed's checkpoint: refused too, naming the file and the command that writes it
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Result e = run("graph", "evaluate", "--dataset", "bace", "--models", empty.toString(), "--first-seed", "2", "--seeds", "2");
        assertEquals(2, e.code());
        assertEquals("xai4j graph evaluate: --models " + empty + " has no checkpoint BACE-scaffold-seed2.gcn for seed 2 (graph train --dataset"
                + " bace --split scaffold --first-seed 2 --seeds 2 --out " + empty + " writes it)", e.err().strip());
        assertFalse(e.out().contains("training"), e.out());
    }

    @Test
    void evaluateWithoutModelsSaysItTrainsAndHowToAvoidIt() {
        String train = GraphEvaluateCommand.trainCommand("bbbp", "scaffold", 0, 1, Path.of("runs/graph"));
        assertEquals("graph train --dataset bbbp --split scaffold --seeds 1 --out runs/graph", train);
        assertEquals("no checkpoint " + Path.of("runs/graph/BBBP-scaffold-seed0.gcn") + ": training seed 0 for 100 epochs here, not saved"
                + " (to skip this, first run graph train --dataset bbbp --split scaffold --seeds 1 --out runs/graph, or give --models FOLDER"
                + " with the checkpoints)", GraphEvaluateCommand.missingCheckpointNotice(Path.of("runs/graph/BBBP-scaffold-seed0.gcn"), 0, 100,
                train));
    }

    @Test
    void evaluateScoresTheGivenCheckpointsAndSaysWhereItWrote(@TempDir Path dir) throws Exception {
        Path models = Files.createDirectories(dir.resolve("models"));
        try (Gcn gcn = Gcn.create(75, WIDTHS, List.of("inactive", "inhibitor"), 0)) {
            gcn.save(models.resolve("BACE-scaffold-seed0.gcn"));
        }
        Path out = dir.resolve("out");
        Result r = run("graph", "evaluate", "--dataset", "bace", "--models", models.toString(), "--methods", "CAM", "--no-tau-sweep",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertFalse(r.out().contains("no checkpoint"), r.out());
        List<String> lines = r.out().lines().toList();
        assertEquals("wrote " + out.resolve("BACE-scaffold-test-explanations-CAM") + ".{json,csv,html}", lines.get(lines.size() - 1));
        for (String ext : new String[] {"json", "csv", "html"}) {
            assertTrue(Files.exists(out.resolve("BACE-scaffold-test-explanations-CAM." + ext)), ext);
        }
    }

    @Test
    void datasetListsAreThoseOfTheCommand(@TempDir Path dir) {
        assertEquals("xai4j graph train: unknown --dataset 'bbbb'; expected bbbp, bace, tox21, ba2motifs or ba3null",
                run("graph", "train", "--dataset", "bbbb").err().strip());
        assertEquals("xai4j graph export: unknown --dataset 'bbbb'; expected bbbp, bace, tox21, ba2motifs or ba3null",
                run("graph", "export", "--dataset", "bbbb", "--out", dir.resolve("x.jsonl").toString()).err().strip());
        assertEquals("xai4j graph evaluate: unknown --dataset 'bbbb'; expected bbbp, bace or tox21",
                run("graph", "evaluate", "--dataset", "bbbb").err().strip());
        assertEquals("xai4j graph evaluate: --dataset ba2motifs is generated, not a molecule set: graph evaluate scores bbbp, bace or tox21;"
                + " graph train --dataset ba2motifs scores the explanations of BA-2Motifs against its planted motifs",
                run("graph", "evaluate", "--dataset", "ba2motifs").err().strip());
        // checked before the checkpoint is read
        Result explain = run("graph", "explain", "--model", dir.resolve("none.gcn").toString(), "--dataset", "bbbb");
        assertEquals(2, explain.code());
        assertEquals("xai4j graph explain: unknown --dataset 'bbbb'; expected bbbp, bace or tox21", explain.err().strip());
        assertEquals("xai4j graph explain: --dataset ba2motifs is generated, not a molecule set: write it with graph export --dataset ba2motifs"
                + " --out FILE.jsonl and give --input FILE.jsonl",
                run("graph", "explain", "--model", dir.resolve("none.gcn").toString(), "--dataset", "ba2motifs").err().strip());
    }

    @Test
    void badInputFilesAreOneLineNamingFileAndLine(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nothere.jsonl");
        assertEquals("xai4j graph train: input file not found: " + missing, train(missing).err().strip());

        Path empty = Files.writeString(dir.resolve("empty.jsonl"), "");
        assertEquals("xai4j graph train: " + empty + " holds no graphs", train(empty).err().strip());
        Path metaOnly = Files.writeString(dir.resolve("meta.jsonl"), "{\"meta\":{\"classes\":[\"house\",\"cycle\"]}}\n\n");
        assertEquals("xai4j graph train: " + metaOnly + " holds no graphs", train(metaOnly).err().strip());

        String good = "{\"id\":\"g0\",\"label\":0,\"nodes\":[{\"x\":[1]},{\"x\":[0]}],\"edges\":[[0,1]]}\n";
        Path nolabel = Files.writeString(dir.resolve("nolabel.jsonl"), good + "{\"id\":\"house-0\",\"nodes\":[{\"x\":[1]}]}\n");
        assertEquals("xai4j graph train: " + nolabel + " line 2: graph house-0 has no \"label\"", train(nolabel).err().strip());

        String cut = "{\"id\":\"g1\",\"label\":1,\"nodes\":[{\"x\":[1]}]";
        Path malformed = Files.writeString(dir.resolve("bad.jsonl"), good + good + cut + "\n");
        Result bad = train(malformed);
        assertEquals(2, bad.code());
        assertEquals("xai4j graph train: " + malformed + " line 3: not valid JSON (unexpected end-of-input: expected close marker for Object at"
                + " column " + (cut.length() + 1) + ")", bad.err().strip());
    }

    /** graph explain takes graphs without a label (it only needs the model's prediction), as before. */
    @Test
    void explainStillTakesUnlabelledGraphs(@TempDir Path dir) throws Exception {
        String x = "{\"x\":[1,0,0,0,0,0,0,0,0,0]}";
        Path file = Files.writeString(dir.resolve("unlabelled.jsonl"), "{\"meta\":{\"classes\":[\"house\",\"cycle\"]}}\n"
                + "{\"id\":\"u0\",\"nodes\":[" + x + "," + x + "],\"edges\":[[0,1]]}\n"
                + "{\"id\":\"u1\",\"nodes\":[" + x + "," + x + "," + x + "],\"edges\":[[0,1],[1,2]]}\n");
        Path model = dir.resolve("m.gcn");
        try (Gcn gcn = Gcn.create(10, WIDTHS, Ba2Motifs.CLASSES, 0)) {
            gcn.save(model);
        }
        Path out = dir.resolve("out");
        Result r = run("graph", "explain", "--model", model.toString(), "--input", file.toString(), "--methods", "CAM", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode json = Json.MAPPER.readTree(out.resolve("explanations.json").toFile());
        assertEquals(2, json.get("CAM").size());
    }

    /**
     * graph train --input: per-seed results are printed, not logged as warnings (the tests log at WARN, so a status line
     * logged as a warning shows on stderr), and the last line names the files written.
     */
    @Test
    void trainOnAFileSaysWhereItWroteAndWarnsOfNothing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("small.jsonl");
        assertEquals(0, run("graph", "export", "--dataset", "ba2motifs", "--per-class", "10", "--out", file.toString()).code());
        Path out = dir.resolve("out");
        Result r = run("graph", "train", "--input", file.toString(), "--seeds", "2", "--epochs", "1", "--widths", "4,4,4", "--no-progress",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertFalse(r.log().contains("test accuracy"), r.log());
        assertTrue(r.out().contains("small seed 0: test accuracy "), r.out());
        assertTrue(r.out().contains(", GCN 4/4/4, 1 epoch batch 32 ") && !r.out().contains("epochs"), "one epoch, not '1 epochs': " + r.out());
        List<String> lines = r.out().lines().toList();
        assertEquals("wrote " + out.resolve("small-seed") + "{0..1}.{gcn,json} and " + out.resolve("small-summary.json"),
                lines.get(lines.size() - 1));
        for (String f : new String[] {"small-seed0.gcn", "small-seed0.json", "small-seed1.gcn", "small-seed1.json", "small-summary.json"}) {
            assertTrue(Files.exists(out.resolve(f)), f);
        }
    }

    /** The summary of graph train --dataset counts its epochs in the right number (it said "1 epochs"). */
    @Test
    void moleculeSummaryCountsEpochsInTheRightNumber() {
        for (int epochs : new int[] {1, 100}) {
            MoleculeExperiment.Summary s = new MoleculeExperiment.Summary("BBBP", MoleculeExperiment.SplitKind.SCAFFOLD, 2039, 11, 0, 1631, 204,
                    204, new int[] {128, 256, 512}, new TrainingConfig(epochs, 32, 1e-3, 0, true, false), List.of(), 0.5, Double.NaN, 0.5, 0.5);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream stdout = System.out;
            try {
                System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
                GraphText.printSummary(s);
            } finally {
                System.setOut(stdout);
            }
            assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("BBBP scaffold split: parsed 2039 (rejected 11, unlabelled 0),"
                    + " train/valid/test 1631/204/204, GCN 128/256/512, " + (epochs == 1 ? "1 epoch" : "100 epochs") + ", batch 32\n"), out.toString());
        }
    }

    private static Result train(Path input) {
        return run("graph", "train", "--input", input.toString(), "--seeds", "1", "--epochs", "1", "--no-progress");
    }

    /** Exit code, picocli's stderr, System.out (Console.info) and System.err (where slf4j-simple logs). */
    record Result(int code, String err, String out, String log) {}

    static Result run(String... args) {
        StringWriter err = new StringWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            picocli.CommandLine cli = Main.commandLine();
            cli.setErr(new PrintWriter(err));
            code = cli.execute(args);
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        return new Result(code, err.toString(), out.toString(StandardCharsets.UTF_8), log.toString(StandardCharsets.UTF_8));
    }
}

package io.xai4j.cli.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class GraphCommandTest {

    @Test
    void helpListsTheSubcommands() {
        StringWriter out = new StringWriter();
        CommandLine cmd = new CommandLine(new GraphCommand());
        cmd.setOut(new PrintWriter(out));
        assertEquals(0, cmd.execute("--help"));
        for (String sub : new String[] {"train", "explain", "evaluate", "bench", "export"}) {
            assertTrue(out.toString().contains(sub), out.toString());
        }
    }

    /** {@code xai4j graph} alone prints its usage and exits with 0, as {@code xai4j pipnet} does (it exited with 2 before). */
    @Test
    void withoutASubcommandPrintsTheUsageAndExitsZero() {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cli = io.xai4j.cli.Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        assertEquals(0, cli.execute("graph"), err.toString());
        assertEquals("", err.toString());
        assertTrue(out.toString().startsWith("Usage: xai4j graph [-hV] [--verbose] [COMMAND]"), out.toString());
        for (String sub : new String[] {"train", "explain", "evaluate", "bench", "export"}) {
            assertTrue(out.toString().contains("\n  " + sub + " "), sub + " in " + out);
        }
    }

    /**
     * Every option of every graph subcommand (but --help and --version) has a description in --help, and one with a
     * default value shows it (through picocli's ${DEFAULT-VALUE}), so that an option added without either fails here.
     */
    @Test
    void everySubcommandOptionIsDescribedWithItsDefault() {
        CommandLine graph = new CommandLine(new GraphCommand());
        assertEquals(java.util.Set.of("train", "explain", "evaluate", "bench", "export"), graph.getSubcommands().keySet());
        java.util.Set<String> checked = new java.util.HashSet<>();
        for (CommandLine sub : graph.getSubcommands().values()) {
            for (CommandLine.Model.OptionSpec o : sub.getCommandSpec().options()) {
                if (o.usageHelp() || o.versionHelp()) {
                    continue;
                }
                String where = "graph " + sub.getCommandName() + " " + o.longestName();
                String description = String.join(" ", o.description()).strip();
                assertFalse(description.isEmpty(), where + " has no description");
                if (o.defaultValue() != null) {
                    assertTrue(description.contains(o.defaultValue()), where + " does not show its default " + o.defaultValue() + ": " + description);
                }
                checked.add(where);
            }
        }
        assertTrue(checked.containsAll(java.util.List.of("graph train --lr", "graph train --first-seed", "graph train --out",
                "graph evaluate --models", "graph evaluate --tau", "graph evaluate --split", "graph evaluate --batch-size",
                "graph bench --molecules", "graph bench --batch-size", "graph explain --limit", "graph export --per-class")), checked.toString());
    }

    @Test
    void helpShowsTheDefaultsAUserAskedFor() {
        StringWriter out = new StringWriter();
        CommandLine cmd = new CommandLine(new GraphCommand());
        cmd.setOut(new PrintWriter(out));
        assertEquals(0, cmd.execute("evaluate", "--help"));
        String help = out.toString().replaceAll("\\s+", " ");
        for (String s : new String[] {"--models=<models> folder with the checkpoints of graph train --out (DATASET-SPLIT-seedN.gcn; default"
                + " runs/graph)", "--tau=<tau> saliency threshold τ of fidelity, contrastivity, sparsity and fid± (default 0.01)",
            "--split=<split> scaffold or random, as the models were trained (default scaffold)", "averaged over seeds (default 1)",
            "when training; default 32)"}) {
            assertTrue(help.contains(s), s + " in " + help);
        }
    }

    private static io.xai4j.graph.metrics.MethodScores scores(String method, double contrastivityUnion, double fidelityAtZero) {
        return new io.xai4j.graph.metrics.MethodScores(method, 0.9, 0.1, new double[] {0.1, 0.1}, contrastivityUnion, 0, 0, 0, 0, 0, 0, 0,
                java.util.List.of(new io.xai4j.graph.metrics.MethodScores.FidelityPoint(0, fidelityAtZero, new double[] {fidelityAtZero, 0})),
                java.util.Map.of(), java.util.List.of());
    }

    @Test
    void r4WarnsWhenContrastiveEbIsNotMoreContrastiveThanEb() {
        assertTrue(GraphEvaluateCommand.r4Warning(java.util.List.of(scores("EB", 0.4, 0), scores("c-EB", 0.3, 0))).orElseThrow()
                .contains("c-EB's contrastivity_union (0.300) is not above EB's (0.400)"));
        assertTrue(GraphEvaluateCommand.r4Warning(java.util.List.of(scores("EB", 0.3, 0), scores("c-EB", 0.4, 0))).isEmpty());
        assertTrue(GraphEvaluateCommand.r4Warning(java.util.List.of(scores("CAM", 0.3, 0))).isEmpty());
    }

    @Test
    void seedAverageCoversTheTauSweepAndJsonUsesTheSpecNames() throws Exception {
        var mean = io.xai4j.graph.metrics.MethodScores.mean(java.util.List.of(java.util.List.of(scores("EB", 0.2, 0.1)), java.util.List.of(scores("EB", 0.4, 0.3))));
        assertEquals(0.3, mean.get(0).contrastivityUnion(), 1e-12);
        assertEquals(0.2, mean.get(0).fidelitySweep().get(0).fidelity(), 1e-12);
        assertEquals(0.2, mean.get(0).fidelitySweep().get(0).perClass()[0], 1e-12);
        var json = io.xai4j.core.io.Json.MAPPER.readTree(io.xai4j.core.io.Json.write(mean.get(0)));
        for (String name : new String[] {"contrastivity_union", "contrastivity_nodes", "sparsity_union", "sparsity_classavg", "fidelitySweep"}) {
            assertTrue(json.has(name), name + " in " + json);
        }
    }

    @Test
    void csvTableHasOneRowPerSeedAndMethodThenTheMeans() {
        var perSeed = java.util.List.of(java.util.List.of(scores("EB", 0.2, 0.1), scores("CAM", 0.5, 0)),
                java.util.List.of(scores("EB", 0.4, 0.3), scores("CAM", 0.7, 0)));
        var mean = io.xai4j.graph.metrics.MethodScores.mean(perSeed);
        String csv = io.xai4j.core.io.CsvTables.toCsv(GraphEvaluateCommand.csvHeader(mean), GraphEvaluateCommand.csvRows(perSeed, 3, mean));
        String[] lines = csv.split("\n");
        assertEquals("seed,method,accuracy,fidelity,fidelity_class_0,fidelity_class_1,contrastivity_union,contrastivity_nodes,sparsity_union,"
                + "sparsity_classavg,fidelity_plus,fidelity_minus,characterization", lines[0]);
        assertEquals(7, lines.length, csv);
        assertTrue(lines[1].startsWith("3,EB,0.9,0.1,0.1,0.1,0.2,"), lines[1]);
        assertTrue(lines[4].startsWith("4,CAM,0.9,0.1,0.1,0.1,0.7,"), lines[4]);
        assertTrue(lines[5].startsWith("mean,EB,0.9"), lines[5]);
        assertEquals("0.30000000000000004", lines[5].split(",")[6], "EB's mean contrastivity (0.2 + 0.4) / 2, as the JSON holds it");
    }

    @Test
    void evaluateScoresTheTestSplitByDefault() {
        GraphEvaluateCommand c = new GraphEvaluateCommand();
        new CommandLine(c).parseArgs("--dataset", "bbbp");
        assertEquals("test", c.set);
        assertTrue(c.tauSweep);
    }
}

package io.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xai4j.graph.explain.GraphExplainers;
import io.xai4j.vision.explain.Explainers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The commands' method lists and defaults come from the registries, not from lists of names in the CLI. */
class MethodRegistryCliTest {

    private static String help(String... path) {
        CommandLine cmd = Main.commandLine();
        for (String p : path) {
            cmd = cmd.getSubcommands().get(p);
        }
        StringWriter out = new StringWriter();
        cmd.usage(new PrintWriter(out));
        return out.toString().replaceAll("\\s+", " ");
    }

    @Test
    void explainEvaluateAndBenchListEveryRegisteredImageMethod() {
        for (String command : List.of("explain", "evaluate", "bench")) {
            String text = help(command);
            for (String m : Explainers.names()) {
                assertTrue(text.contains(m), command + " --help does not list " + m + ": " + text);
            }
        }
    }

    @Test
    void evaluateAndBenchDefaultToTheRegistrysDefaultSet() {
        for (String command : List.of("evaluate", "bench")) {
            CommandLine root = Main.commandLine();
            root.parseArgs(command); // parsed from the root: picocli cannot parse a subcommand on its own
            CommandLine cmd = root.getSubcommands().get(command);
            @SuppressWarnings("unchecked")
            List<String> methods = (List<String>) cmd.getCommandSpec().findOption("--method").getValue();
            assertEquals(Explainers.defaults(), methods, command);
        }
    }

    @Test
    void graphCommandsDefaultToThePapersSix() {
        CommandLine root = Main.commandLine();
        root.parseArgs("graph", "explain", "--model", "m.gcn", "--dataset", "bbbp");
        CommandLine cmd = root.getSubcommands().get("graph").getSubcommands().get("explain");
        @SuppressWarnings("unchecked")
        List<String> methods = (List<String>) cmd.getCommandSpec().findOption("--methods").getValue();
        assertEquals(GraphExplainers.registry().defaultNames(), methods);
        assertEquals(List.of("cg", "eb", "ceb", "cam", "gradcam", "gradcam-avg"), methods);
    }
}

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
            CommandLine cmd = Main.commandLine().getSubcommands().get(command);
            cmd.parseArgs();
            @SuppressWarnings("unchecked")
            List<String> methods = (List<String>) cmd.getCommandSpec().findOption("--method").getValue();
            assertEquals(Explainers.defaults(), methods, command);
        }
    }

    @Test
    void graphCommandsDefaultToThePapersSix() {
        CommandLine cmd = new CommandLine(new io.xai4j.cli.graph.GraphCommand()).getSubcommands().get("explain");
        cmd.parseArgs("--model", "m.gcn", "--dataset", "bbbp");
        @SuppressWarnings("unchecked")
        List<String> methods = (List<String>) cmd.getCommandSpec().findOption("--methods").getValue();
        assertEquals(GraphExplainers.registry().defaultNames(), methods);
        assertEquals(List.of("cg", "eb", "ceb", "cam", "gradcam", "gradcam-avg"), methods);
    }
}

package io.xai4j.cli.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}

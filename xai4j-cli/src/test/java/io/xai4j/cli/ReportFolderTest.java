package io.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code demo} and {@code demo --graph} wrote to the same out/demo, the graph report replacing the image report without
 * a word. Each demo has its own default folder now, and no report-writing command replaces another command's report.
 */
class ReportFolderTest {

    private static Path outputDirOf(String... args) {
        DemoCommand demo = new DemoCommand();
        new CommandLine(demo).parseArgs(args);
        return demo.outputDir();
    }

    @Test
    void eachDemoHasItsOwnDefaultFolder() {
        assertEquals(Path.of("out/demo"), outputDirOf());
        assertEquals(Path.of("out/demo-graph"), outputDirOf("--graph"));
        assertEquals(Path.of("x"), outputDirOf("--graph", "--output-dir", "x"));
    }

    /** A report that no command claims (an earlier run, or one written by hand) is kept, and nothing runs. */
    @Test
    void aFolderHoldingAnUnclaimedReportIsRefusedBeforeAnyWork(@TempDir Path dir) throws Exception {
        Path out = Files.createDirectories(dir.resolve("demo"));
        Files.writeString(out.resolve("report.html"), "<html>the image demo's report</html>");
        CliRun run = CliRun.run("demo", "--graph", "--epochs", "1", "--show-images", "1", "--output-dir", out.toString());
        assertEquals(2, run.code(), run.err());
        assertEquals("xai4j demo: --output-dir " + out + " holds the report of another run (no .xai4j-report names its command); give"
                + " another --output-dir, or remove the folder to replace it", run.err().strip());
        assertEquals("<html>the image demo's report</html>", Files.readString(out.resolve("report.html")));
        assertEquals(1, Files.list(out).count(), "nothing else written");
    }

    @Test
    void aFolderClaimedByOneCommandIsRefusedByAnotherAndReusedByItself(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("demo");
        Checks.reportFolder("--output-dir", out, "xai4j demo");
        assertTrue(Files.notExists(out), "the check writes nothing: a run refused later for bad input leaves no folder");
        Checks.ownReport(Files.createDirectories(out), "xai4j demo");
        assertEquals("xai4j demo\n", Files.readString(out.resolve(".xai4j-report")));
        Checks.reportFolder("--output-dir", out, "xai4j demo --graph"); // no report yet: the folder is free
        Checks.ownReport(out, "xai4j demo --graph");
        assertEquals("xai4j demo --graph\n", Files.readString(out.resolve(".xai4j-report")));
        Files.writeString(out.resolve("report.html"), "<html>graph</html>");
        Checks.reportFolder("--output-dir", out, "xai4j demo --graph"); // the same command again: its own report is replaced
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> Checks.reportFolder("--output-dir", out, "xai4j demo"));
        assertEquals("--output-dir " + out + " holds the report of 'xai4j demo --graph' (named in " + out.resolve(".xai4j-report")
                + "); give another --output-dir, or remove the folder to replace it", other.getMessage());
        CliRun evaluate = CliRun.run("evaluate", "--model", dir.resolve("missing.xai4j").toString(), "--output-dir", out.toString());
        assertEquals(2, evaluate.code(), evaluate.err());
        assertTrue(evaluate.err().startsWith("xai4j evaluate: --output-dir " + out + " holds the report of 'xai4j demo --graph'"),
                evaluate.err());
        assertEquals("<html>graph</html>", Files.readString(out.resolve("report.html")));
        assertEquals("xai4j demo --graph\n", Files.readString(out.resolve(".xai4j-report")));
    }
}

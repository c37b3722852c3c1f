package io.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PyTorch's own warnings are printed by the native library on the process's standard error (file descriptor 2), past
 * picocli and SLF4J, so the command runs in a child JVM here. warning_traced.pt (scripts/derive_torchscript_fixtures.py)
 * warns on every forward call, as PyTorch's "Could not initialize NNPACK! Reason: Unsupported hardware." does on CPUs
 * NNPACK does not support; the terminal shows it only with --verbose.
 */
class NativeWarningsTest {

    private static final Path WARNING = Path.of("../xai4j-vision/src/test/resources/torchscript/warning_traced.pt");
    private static final String TEXT = "xai4j test warning from the native library";

    private static String stderrOf(Path dir, String name, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), "io.xai4j.cli.Main", "explain", "--torchscript",
                WARNING.toString(), "--classes", "a,b,c", "--input-size", "12", "--method", "cgrad", "--no-overlays", "--output-dir",
                dir.resolve(name).toString()));
        cmd.addAll(List.of(extra));
        cmd.add(dir.resolve("in").toString());
        Path err = dir.resolve(name + ".err");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).redirectOutput(dir.resolve(name + ".out").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the command ends");
        String text = Files.readString(err);
        assertEquals(0, p.exitValue(), text);
        return text;
    }

    @Test
    void engineWarningsStayOffTheTerminalUnlessVerbose(@TempDir Path dir) throws Exception {
        TestImages.randomPngs(dir.resolve("in"), "img", 2, 12, new SplittableRandom(3));
        String quiet = stderrOf(dir, "quiet");
        assertFalse(quiet.contains(TEXT), quiet);
        String verbose = stderrOf(dir, "verbose", "--verbose");
        assertTrue(verbose.contains("Warning: " + TEXT), verbose);
    }
}

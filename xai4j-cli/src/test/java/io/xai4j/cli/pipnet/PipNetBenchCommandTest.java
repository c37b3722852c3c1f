package io.xai4j.cli.pipnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.xai4j.cli.Main;
import io.xai4j.core.io.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code pipnet bench} on an imported ConvNeXt-style TorchScript backbone (docs/methods/pipnet.md#backbones). */
class PipNetBenchCommandTest {

    private static final Path CONVNEXT = Path.of("../xai4j-vision/src/test/resources/torchscript/convnext_micro_26.pt");
    private static final String[] SPEC_GROUPS = {
        "--early-prefixes", "features.0.,features.1.,features.2.,features.3.,features.4.,features.5.",
        "--mid-prefixes", "features.6.,features.7.0.,features.7.1.", "--last-prefixes", "features.7.2."};

    @Test
    void measuresEveryPhaseOfATorchScriptBackboneAndLeavesTheBlackBoxOut(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("bench.json");
        String[] args = {"pipnet", "bench", "--backbone", CONVNEXT.toString(), "--prototypes", "64", "--image-size", "96", "--batch-size", "2",
            "--steps", "1", "--output", json.toString()};
        assertEquals(0, Main.commandLine().execute(concat(args, SPEC_GROUPS)));
        JsonNode t = Json.MAPPER.readTree(json.toFile());
        for (String kind : new String[] {"pretrain", "classifierOnly", "joint"}) {
            assertTrue(t.get(kind).asDouble() > 0, t.toString());
        }
        assertTrue(t.get("blackBox").isNull(), "no black box for a TorchScript backbone: " + t);
    }

    @Test
    void prototypeCountOtherThanTheBackboneChannelsWithoutAddOnIsRefusedWithTheFix() {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err));
        int code = cli.execute("pipnet", "bench", "--backbone", CONVNEXT.toString(), "--prototypes", "16", "--image-size", "96", "--steps", "1");
        assertNotEquals(0, code);
        assertTrue(err.toString().contains("C = 64") && err.toString().contains("--add-on"), err.toString());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

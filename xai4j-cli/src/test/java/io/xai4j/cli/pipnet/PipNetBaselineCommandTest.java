package io.xai4j.cli.pipnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xai4j.cli.Main;
import io.xai4j.vision.model.ModelFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pipnet baseline} end to end: it trains the black box (no checkpoint), evaluates it and saves it for {@code --backbone-init}. */
class PipNetBaselineCommandTest {

    @Test
    void trainsEvaluatesAndSavesTheBlackBox(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("bb.xai4j");
        int code = Main.commandLine().execute("pipnet", "baseline", "--dataset", "partshapes", "--epochs", "1", "--train-subset", "64",
                "--channels", "8", "--output", model.toString(), "--output-dir", dir.resolve("out").toString());
        assertEquals(0, code);
        assertTrue(Files.size(model) > 0);
        assertTrue(ModelFile.readHeader(model).extra().toString().contains("pipnet baseline"), ModelFile.readHeader(model).toString());
    }
}

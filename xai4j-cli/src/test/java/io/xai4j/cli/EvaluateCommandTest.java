package io.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.xai4j.vision.data.Normalization;
import io.xai4j.vision.model.CnnClassifier;
import io.xai4j.vision.model.ModelFile;
import io.xai4j.vision.model.SmallResNet;
import io.xai4j.vision.model.SmallResNetConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code xai4j evaluate} refuses a data set whose classes are not the model's. */
class EvaluateCommandTest {

    @Test
    void dataSetWithOtherClassesIsRefusedNamingTheModelFile(@TempDir Path dir) {
        Path file = dir.resolve("m.xai4j");
        List<String> classes = List.of("cat", "dog");
        try (NDManager root = NDManager.newBaseManager()) {
            SmallResNetConfig arch = SmallResNetConfig.forImageSize(64, 3, 2);
            CnnClassifier model = SmallResNet.create(root.newSubManager(), arch, classes, 64, 0);
            Normalization n = Normalization.imageNet();
            ModelFile.save(file, model, new ModelFile.Header(arch, classes, 64, n.mean(), n.std(), null), null);
            model.close();
        }
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err));
        Path out = dir.resolve("eval");
        int code = cli.execute("evaluate", "--model", file.toString(), "--images", "2", "--output-dir", out.toString());
        assertNotEquals(0, code);
        assertTrue(err.toString().contains(file.toString()) && err.toString().contains("[cat, dog]")
                && err.toString().contains("--dataset partshapes"), err.toString());
        assertFalse(Files.exists(out.resolve("metrics.json")));
    }
}

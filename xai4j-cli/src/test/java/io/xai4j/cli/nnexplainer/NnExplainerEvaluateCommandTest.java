package io.xai4j.cli.nnexplainer;

import static io.xai4j.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import io.xai4j.cli.CliRun;
import io.xai4j.cli.DataSets;
import io.xai4j.core.io.Json;
import io.xai4j.vision.data.PartShapesConfig;
import io.xai4j.vision.model.CnnClassifier;
import io.xai4j.vision.model.ModelFile;
import io.xai4j.vision.model.SmallResNet;
import io.xai4j.vision.model.SmallResNetConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** nnexplainer evaluate: the mask metrics and the class-specific table of the explainer and a baseline, on PartShapes. */
class NnExplainerEvaluateCommandTest {

    @Test
    void scoresTheExplainerAndTheBaselinesOnTheSameImages(@TempDir Path dir) throws Exception {
        Path cnn = dir.resolve("cnn.xai4j");
        List<String> classes = new io.xai4j.vision.data.PartShapesGenerator(PartShapesConfig.defaults().toBuilder().optSplitSizes(1, 1, 1, 1).build())
                .generate(io.xai4j.vision.data.Split.TEST).classNames();
        try (NDManager m = NDManager.newBaseManager()) {
            SmallResNetConfig arch = SmallResNetConfig.forImageSize(64, 3, classes.size());
            CnnClassifier model = SmallResNet.create(m, arch, classes, 64, 0);
            ModelFile.save(cnn, model, new ModelFile.Header(arch, classes, 64, new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.25f, 0.25f, 0.25f},
                    DataSets.provenance("partshapes", null, 0, false)), null);
        }
        Path explainer = dir.resolve("e.xai4j");
        CliRun train = run("nnexplainer", "train", "--model", cnn.toString(), "--levels", "2", "--width", "4", "--max-epochs", "1",
                "--max-train-images", "32", "--max-val-images", "16", "--output", explainer.toString());
        assertEquals(0, train.code(), train.err());

        Path out = dir.resolve("eval");
        CliRun eval = run("nnexplainer", "evaluate", "--model", cnn.toString(), "--explainer", explainer.toString(), "--images", "6",
                "--baseline-methods", "gradcam", "--batch-size", "4", "--output-dir", out.toString());
        assertEquals(0, eval.code(), eval.err());
        JsonNode json = Json.MAPPER.readTree(out.resolve("metrics.json").toFile());
        assertEquals(6, json.get("images").asInt());
        for (String method : new String[] {"nnexplainer", "gradcam"}) {
            JsonNode r = json.get("methods").get(method);
            for (String metric : new String[] {"continuousIou", "discreteIou", "softAccuracy", "mae"}) {
                double v = r.get(metric).get("mean").asDouble();
                assertTrue(v >= 0 && v <= 1, method + " " + metric + " = " + v);
            }
            assertEquals(1.0, r.get("softAccuracy").get("mean").asDouble() + r.get("mae").get("mean").asDouble(), 1e-6,
                    "MAE = 1 - soft accuracy against binary evidence masks");
            JsonNode table = r.get("classSpecific");
            assertEquals(classes.size() + 1, table.get("columns").size());
            int images = 0;
            for (JsonNode c : table.get("images")) {
                images += c.asInt();
            }
            assertEquals(6, images, "every image in the row of its class");
        }
        assertTrue(Files.readString(out.resolve("report.html")).contains("Class-specific softmax table"));
    }

    @Test
    void dataWithoutEvidenceMasksIsAOneLineError(@TempDir Path dir) throws Exception {
        Path fixture = Path.of("../xai4j-vision/src/test/resources/torchscript/tiny_frozen.pt");
        for (String c : new String[] {"a", "b", "c"}) {
            io.xai4j.cli.TestImages.randomPngs(dir.resolve("data").resolve("test").resolve(c), c, 1, 12, new java.util.SplittableRandom(1));
            io.xai4j.cli.TestImages.randomPngs(dir.resolve("data").resolve("train").resolve(c), c, 1, 12, new java.util.SplittableRandom(2));
        }
        CliRun eval = run("nnexplainer", "evaluate", "--torchscript", fixture.toString(), "--input-size", "12", "--explainer",
                dir.resolve("none.xai4j").toString(), "--dataset", "folder", "--data-dir", dir.resolve("data").toString(), "--output-dir",
                dir.resolve("out").toString());
        assertEquals(2, eval.code());
        assertTrue(eval.err().startsWith("xai4j nnexplainer evaluate: nnexplainer evaluate needs evidence masks"), eval.err());
    }
}

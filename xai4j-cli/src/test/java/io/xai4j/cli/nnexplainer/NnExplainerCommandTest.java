package io.xai4j.cli.nnexplainer;

import static io.xai4j.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.xai4j.cli.CliRun;
import io.xai4j.cli.TestImages;
import io.xai4j.core.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** nnexplainer train | explain, and the trained file in the shared explain command, on the committed TorchScript fixture. */
class NnExplainerCommandTest {

    private static final Path FIXTURE = Path.of("../xai4j-vision/src/test/resources/torchscript/tiny_frozen.pt");

    @Test
    void trainsThenExplainsWithItsOwnCommandAndWithExplain(@TempDir Path dir) throws Exception {
        SplittableRandom rng = new SplittableRandom(1);
        for (String split : new String[] {"train", "val"}) {
            for (String c : new String[] {"a", "b", "c"}) {
                TestImages.randomPngs(dir.resolve("data").resolve(split).resolve(c), c, 2, 12, rng);
            }
        }
        Path explainer = dir.resolve("e.xai4j");
        CliRun train = run("nnexplainer", "train", "--torchscript", FIXTURE.toString(), "--input-size", "12", "--dataset", "folder",
                "--data-dir", dir.resolve("data").toString(), "--levels", "2", "--width", "4", "--max-epochs", "1", "--batch-size", "6",
                "--output", explainer.toString());
        assertEquals(0, train.code(), train.err());
        assertTrue(Files.exists(explainer));

        Path images = dir.resolve("data/val/a");
        Path out = dir.resolve("masks");
        CliRun explain = run("nnexplainer", "explain", "--torchscript", FIXTURE.toString(), "--classes", "a,b,c", "--input-size", "12",
                "--explainer", explainer.toString(), "--output-dir", out.toString(), images.toString());
        assertEquals(0, explain.code(), explain.err());
        JsonNode masks = Json.MAPPER.readTree(out.resolve("masks.json").toFile());
        assertEquals(2, masks.size());
        for (JsonNode r : masks) {
            assertTrue(Files.exists(out.resolve(r.get("overlay").asText())), r.toString());
            double area = r.get("targetMaskArea").asDouble();
            assertTrue(area >= 0 && area <= 1, r.toString());
            assertEquals(area, r.get("classMaskAreas").get(r.get("target").asText()).asDouble(), 1e-6, "the target's mask is its class mask");
        }

        Path shared = dir.resolve("shared");
        CliRun viaExplain = run("explain", "--torchscript", FIXTURE.toString(), "--classes", "a,b,c", "--input-size", "12", "--method",
                "gradcam,nnexplainer", "--explainer", explainer.toString(), "--output-dir", shared.toString(), images.toString());
        assertEquals(0, viaExplain.code(), viaExplain.err());
        assertEquals(4, Json.MAPPER.readTree(shared.resolve("explanations.json").toFile()).size());

        // evaluate and bench run the learned method too when its file is given (both had skipped it: "it needs --explainer")
        Path eval = dir.resolve("eval");
        CliRun evaluate = run("evaluate", "--torchscript", FIXTURE.toString(), "--input-size", "12", "--dataset", "folder", "--data-dir",
                dir.resolve("data").toString(), "--method", "gradcam,nnexplainer", "--explainer", explainer.toString(), "--images", "3",
                "--output-dir", eval.toString());
        assertEquals(0, evaluate.code(), evaluate.err());
        assertTrue(Json.MAPPER.readTree(eval.resolve("metrics.json").toFile()).get("metrics").has("nnexplainer"), "evaluate scores nnexplainer");
        Path benchJson = dir.resolve("bench.json");
        CliRun bench = run("bench", "--torchscript", FIXTURE.toString(), "--classes", "a,b,c", "--input-size", "12", "--methods",
                "nnexplainer", "--explainer", explainer.toString(), "--batch-sizes", "2", "--seconds", "2", "--output", benchJson.toString());
        assertEquals(0, bench.code(), bench.err());
        assertEquals("nnexplainer", Json.MAPPER.readTree(benchJson.toFile()).get("rows").get(1).get("method").asText(), "bench times nnexplainer");
    }

    @Test
    void aLearnedMethodWithoutItsFileAndAFileWithoutALearnedMethodAreOneLineErrors(@TempDir Path dir) throws Exception {
        TestImages.randomPngs(dir, "x", 1, 12, new SplittableRandom(2));
        String image = dir.resolve("x0.png").toString();
        CliRun missing = run("explain", "--torchscript", FIXTURE.toString(), "--classes", "a,b,c", "--input-size", "12", "--method",
                "nnexplainer", "--output-dir", dir.resolve("o1").toString(), image);
        assertEquals(2, missing.code());
        assertEquals("xai4j explain: nnexplainer (NN-Explainer) needs --explainer, which was not given", missing.err().strip());
        CliRun unused = run("explain", "--torchscript", FIXTURE.toString(), "--classes", "a,b,c", "--input-size", "12", "--method",
                "gradcam", "--explainer", dir.resolve("e.xai4j").toString(), "--output-dir", dir.resolve("o2").toString(), image);
        assertEquals(2, unused.code());
        assertTrue(unused.err().startsWith("xai4j explain: --explainer is not used by gradcam (methods that read it: nnexplainer)"), unused.err());
    }
}

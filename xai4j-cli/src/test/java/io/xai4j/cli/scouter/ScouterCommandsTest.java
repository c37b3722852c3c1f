package io.xai4j.cli.scouter;

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

/** {@code xai4j scouter train | explain | evaluate | bench} with tiny settings, and SCOUTER files in {@code xai4j evaluate}. */
class ScouterCommandsTest {

    @Test
    void trainExplainEvaluateAndBench(@TempDir Path dir) throws Exception {
        SplittableRandom rng = new SplittableRandom(2);
        for (String split : new String[] {"train", "val", "test"}) {
            for (String cls : new String[] {"ant", "bee"}) {
                TestImages.randomPngs(dir.resolve("data").resolve(split).resolve(cls), "i", split.equals("train") ? 8 : 3, 20, rng);
            }
        }
        String data = dir.resolve("data").toString(), pos = dir.resolve("pos.xai4j").toString(), neg = dir.resolve("neg.xai4j").toString();
        CliRun train = CliRun.run("scouter", "train", "--dataset", "folder", "--data-dir", data, "--image-size", "16", "--baseline-epochs", "1",
                "--epochs", "1", "--batch-size", "8", "--dim", "8", "--lambda", "3", "--output", pos);
        assertEquals(0, train.code(), train.err());
        assertTrue(Files.exists(dir.resolve("pos-baseline.xai4j")), "the FC baseline is written next to the model");
        CliRun negative = CliRun.run("scouter", "train", "--negative", "--dataset", "folder", "--data-dir", data, "--image-size", "16",
                "--backbone", dir.resolve("pos-baseline.xai4j").toString(), "--epochs", "1", "--batch-size", "8", "--dim", "8",
                "--slots-per-class", "2", "--output", neg);
        assertEquals(0, negative.code(), negative.err());

        Path explain = dir.resolve("explain");
        CliRun ex = CliRun.run("scouter", "explain", "--model", pos + "," + neg, "--images", "2", "--output-dir", explain.toString());
        assertEquals(0, ex.code(), ex.err());
        JsonNode json = Json.MAPPER.readTree(explain.resolve("explanations.json").toFile());
        assertEquals(2, json.get("scouter-").get("images").size());
        assertEquals(2, json.get("scouter+").get("images").get(0).get("maps").size(), "one map per class");
        assertTrue(Files.exists(explain.resolve("scoutern-image0-lsc.png")));
        assertTrue(Files.exists(explain.resolve("scouterp-image1-true.png")));
        assertTrue(Files.readString(explain.resolve("report.html")).contains("why not"));

        Path eval = dir.resolve("eval");
        CliRun ev = CliRun.run("scouter", "evaluate", "--model", pos + "," + neg, "--images", "3", "--baseline-methods", "gradcam", "--output-dir",
                eval.toString());
        assertEquals(0, ev.code(), ev.err());
        JsonNode metrics = Json.MAPPER.readTree(eval.resolve("metrics.json").toFile());
        assertEquals(3.0, metrics.get("scouter").get(0).get("lambda").asDouble());
        assertTrue(metrics.get("baseline").has("top1"), "the recorded FC baseline is scored");
        assertTrue(metrics.get("scouter").get(0).get("summary").has("chance"));
        assertEquals(3, metrics.get("bench").size(), "one method x metric table per SCOUTER model and one for the baseline");
        assertTrue(metrics.get("bench").get(2).get("methods").has("gradcam"), "Grad-CAM on the FC baseline, on the same images");
        assertTrue(metrics.get("bench").get(0).get("methods").has("scouter"));
        assertTrue(Files.readString(eval.resolve("report.html")).contains("gradcam"));

        CliRun bench = CliRun.run("scouter", "bench", "--model", pos, "--rounds", "1", "--batch-size", "4", "--output-dir",
                dir.resolve("bench").toString());
        assertEquals(0, bench.code(), bench.err());
        JsonNode b = Json.MAPPER.readTree(dir.resolve("bench").resolve("bench.json").toFile());
        assertTrue(b.get("inferenceTimeRatio").asDouble() > 0);

        CliRun generic = CliRun.run("evaluate", "--model", pos, "--method", "scouter,gradcam", "--images", "3", "--output-dir",
                dir.resolve("generic").toString());
        assertEquals(0, generic.code(), generic.err());
        assertTrue(Files.readString(dir.resolve("generic").resolve("metrics.json")).contains("scouter"));
    }

    @Test
    void aTorchScriptBackboneTrainsAndLoadsBack(@TempDir Path dir) throws Exception {
        SplittableRandom rng = new SplittableRandom(3);
        for (String split : new String[] {"train", "val", "test"}) {
            for (String cls : new String[] {"ant", "bee"}) {
                TestImages.randomPngs(dir.resolve("data").resolve(split).resolve(cls), "i", 4, 20, rng);
            }
        }
        Path export = Path.of("../xai4j-vision/src/test/resources/torchscript/tiny_frozen.pt");
        String model = dir.resolve("ts.xai4j").toString();
        CliRun train = CliRun.run("scouter", "train", "--dataset", "folder", "--data-dir", dir.resolve("data").toString(), "--image-size", "12",
                "--backbone", export.toString(), "--epochs", "1", "--batch-size", "4", "--dim", "8", "--output", model);
        assertEquals(0, train.code(), train.err());
        CliRun ex = CliRun.run("scouter", "explain", "--model", model, "--images", "2", "--output-dir", dir.resolve("ex").toString());
        assertEquals(0, ex.code(), ex.err());
        JsonNode json = Json.MAPPER.readTree(dir.resolve("ex").resolve("explanations.json").toFile());
        assertEquals(2, json.get("scouter+").get("images").size());
    }
}

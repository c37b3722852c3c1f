package io.xai4j.cli.pipnet;

import static io.xai4j.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import io.xai4j.cli.CliRun;
import io.xai4j.cli.TestImages;
import io.xai4j.core.io.Json;
import io.xai4j.vision.data.ImageFolderDataset;
import io.xai4j.vision.data.Normalization;
import io.xai4j.vision.pipnet.PipNet;
import io.xai4j.vision.pipnet.PipNetArchitecture;
import io.xai4j.vision.pipnet.PipNetFile;
import io.xai4j.vision.pipnet.Prediction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code xai4j pipnet predict}: every image's record agrees with {@link PipNet#predict} on the same file, the batch
 * size changes no prediction, a model whose scoring sheet is empty abstains on every image ("not seen before" in JSON, CSV
 * and report), and unreadable files fail in one line or are skipped with {@code --skip-bad}.
 */
class PipNetPredictCommandTest {

    private static final List<String> CLASSES = List.of("ring", "star", "cross");

    @Test
    void recordsMatchTheModelAndDoNotDependOnTheBatchSize(@TempDir Path dir) throws Exception {
        Path model = model(dir.resolve("pipnet.xai4j"), false);
        TestImages.randomPngs(dir.resolve("in"), "img", 5, 40, new SplittableRandom(3));
        Path out1 = dir.resolve("b1"), out3 = dir.resolve("b3");
        assertEquals(0, run("pipnet", "predict", "--model", model.toString(), "--batch-size", "1", "--output-dir", out1.toString(),
                dir.resolve("in").toString()).code());
        assertEquals(0, run("pipnet", "predict", "--model", model.toString(), "--batch-size", "3", "--output-dir", out3.toString(),
                dir.resolve("in").toString()).code());
        JsonNode one = Json.MAPPER.readTree(out1.resolve("predictions.json").toFile());
        JsonNode three = Json.MAPPER.readTree(out3.resolve("predictions.json").toFile());
        assertEquals(5, one.size());
        assertEquals(5, three.size());
        for (int i = 0; i < 5; i++) { // the same records up to float rounding, which PyTorch's convolutions vary with the batch
            assertEquals(one.get(i).get("file"), three.get(i).get("file"));
            assertEquals(one.get(i).get("prediction"), three.get(i).get("prediction"));
            for (String c : CLASSES) {
                assertEquals(one.get(i).get("scores").get(c).doubleValue(), three.get(i).get("scores").get(c).doubleValue(), 1e-5);
            }
        }
        try (NDManager root = NDManager.newBaseManager()) {
            PipNet net = PipNetFile.load(model, root).model();
            for (JsonNode r : one) {
                Path file = Path.of(r.get("file").asText());
                float[] pixels = ImageFolderDataset.readImage(file, 3, 32, 32);
                Prediction p = net.predict(net.normalization().batch(root, new int[] {3, 32, 32}, List.of(pixels)));
                assertEquals(p.abstained()[0], r.get("abstained").asBoolean());
                assertEquals(CLASSES.get(p.predicted()[0]), r.get("prediction").asText(), file.toString());
                assertEquals(p.predicted()[0], r.get("predictionIndex").asInt(), "the class index beside its name");
                for (int c = 0; c < CLASSES.size(); c++) {
                    assertEquals(p.scores()[0][c], r.get("scores").get(CLASSES.get(c)).floatValue(), 1e-5f);
                }
                JsonNode top = r.get("evidence").get(0);
                assertEquals(r.get("prediction").asText(), top.get("class").asText(), "evidence starts with the predicted class");
                assertEquals(p.predicted()[0], top.get("classIndex").asInt());
                for (JsonNode c : r.get("evidence")) {
                    assertEquals(c.get("class").asText(), CLASSES.get(c.get("classIndex").asInt()), c.toString());
                }
                double sum = top.get("bias").asDouble();
                for (JsonNode k : top.get("prototypes")) {
                    assertEquals(k.get("presence").asDouble() * k.get("weight").asDouble(), k.get("contribution").asDouble(), 1e-5);
                    sum += k.get("contribution").asDouble();
                }
                assertEquals(top.get("score").asDouble(), sum, 1e-4, "the contributions add up to the score");
            }
            net.close();
        }
        List<String> csv = Files.readAllLines(out1.resolve("predictions.csv"));
        assertEquals("file,prediction,abstained,score ring,score star,score cross", csv.get(0));
        assertEquals(6, csv.size());
        String html = Files.readString(out1.resolve("report.html"));
        assertTrue(html.contains(dir.resolve("in").resolve("img0.png").toString()) && html.contains("predicted <b>"),
                "the report shows each file's path as given and its prediction");
        assertFalse(html.contains("href=\"#proto-"), "no links to a gallery the report does not have");
    }

    @Test
    void anEmptyScoringSheetAbstainsOnEveryImage(@TempDir Path dir) throws Exception {
        Path model = model(dir.resolve("empty.xai4j"), true);
        TestImages.randomPngs(dir.resolve("in"), "img", 3, 32, new SplittableRandom(5));
        Path out = dir.resolve("out");
        CliRun r = run("pipnet", "predict", "--model", model.toString(), "--output-dir", out.toString(), dir.resolve("in").toString());
        assertEquals(0, r.code(), r.err());
        for (JsonNode rec : Json.MAPPER.readTree(out.resolve("predictions.json").toFile())) {
            assertTrue(rec.get("abstained").asBoolean());
            assertTrue(rec.get("prediction").isNull());
            assertTrue(rec.get("predictionIndex").isNull());
            assertEquals(0, rec.get("evidence").size());
        }
        List<String> csv = Files.readAllLines(out.resolve("predictions.csv"));
        assertTrue(csv.get(1).contains(",not seen before,true,"), csv.get(1));
        assertTrue(Files.readString(out.resolve("report.html")).contains("abstained: not seen before"));
    }

    @Test
    void unreadableImagesFailInOneLineOrAreSkipped(@TempDir Path dir) throws Exception {
        Path model = model(dir.resolve("pipnet.xai4j"), false);
        TestImages.randomPngs(dir.resolve("in"), "img", 2, 32, new SplittableRandom(7));
        Path bad = dir.resolve("in").resolve("broken.png");
        Files.writeString(bad, "not a png");
        CliRun fail = run("pipnet", "predict", "--model", model.toString(), "--output-dir", dir.resolve("fail").toString(),
                dir.resolve("in").toString());
        assertEquals(2, fail.code());
        assertTrue(fail.err().strip().startsWith("xai4j pipnet predict: ") && fail.err().contains("broken.png"), fail.err());
        assertFalse(Files.exists(dir.resolve("fail").resolve("predictions.json")), "nothing half-written");
        Path out = dir.resolve("skip");
        CliRun skip = run("pipnet", "predict", "--model", model.toString(), "--skip-bad", "--report-images", "0", "--output-dir", out.toString(),
                dir.resolve("in").toString());
        assertEquals(0, skip.code(), skip.err());
        assertEquals(2, Json.MAPPER.readTree(out.resolve("predictions.json").toFile()).size());
        assertFalse(Files.exists(out.resolve("report.html")), "--report-images 0 writes no report");
    }

    @Test
    void classThresholdsFlagImagesBelowThemAsOutOfDistribution(@TempDir Path dir) throws Exception {
        Path model = model(dir.resolve("pipnet.xai4j"), false);
        TestImages.randomPngs(dir.resolve("in"), "img", 4, 32, new SplittableRandom(9));
        Path low = dir.resolve("low.json"), high = dir.resolve("high.json"), wrong = dir.resolve("wrong.json");
        Files.writeString(low, "{\"thresholds\": {\"thresholds\": [0, 0, 0], \"rounds\": 0, \"tpr\": 1.0}}");
        Files.writeString(high, "{\"thresholds\": {\"thresholds\": [1e9, 1e9, 1e9], \"rounds\": 0, \"tpr\": 0.0}}");
        Files.writeString(wrong, "{\"thresholds\": {\"thresholds\": [0, 0]}}");
        for (Path t : List.of(low, high)) {
            Path out = dir.resolve("out-" + t.getFileName());
            CliRun r = run("pipnet", "predict", "--model", model.toString(), "--ood-thresholds", t.toString(), "--report-images", "0",
                    "--output-dir", out.toString(), dir.resolve("in").toString());
            assertEquals(0, r.code(), r.err());
            for (JsonNode rec : Json.MAPPER.readTree(out.resolve("predictions.json").toFile())) {
                assertEquals(t == high, rec.get("outOfDistribution").asBoolean(), t + ": " + rec);
                assertEquals(t == high ? 1e9 : 0, rec.get("oodThreshold").asDouble(), "the threshold of the top class");
                assertTrue(rec.get("topScoreUnclamped").asDouble() >= rec.get("scores").get(rec.get("prediction").asText()).asDouble() - 1e-6,
                        "the unclamped top score is at least the clamped one");
                assertFalse(rec.get("abstained").asBoolean(), "a threshold flags, it does not change the prediction");
            }
            assertTrue(Files.readAllLines(out.resolve("predictions.csv")).get(0).startsWith("file,prediction,abstained,out_of_distribution,"));
        }
        CliRun bad = run("pipnet", "predict", "--model", model.toString(), "--ood-thresholds", wrong.toString(), dir.resolve("in").toString());
        Path other = dir.resolve("other.json");
        Files.writeString(other, "{\"classes\": [\"a\", \"b\", \"c\"], \"thresholds\": {\"thresholds\": [0, 0, 0]}}");
        CliRun otherModel = run("pipnet", "predict", "--model", model.toString(), "--ood-thresholds", other.toString(), dir.resolve("in").toString());
        assertEquals(2, otherModel.code());
        assertTrue(otherModel.err().contains("was written for classes [\"a\",\"b\",\"c\"] but the model has [ring, star, cross]"), otherModel.err());
        CliRun folder = run("pipnet", "predict", "--model", model.toString(), "--ood-thresholds", dir.toString(), dir.resolve("in").toString());
        assertEquals("xai4j pipnet predict: --ood-thresholds " + dir + " is a folder; give the metrics.json in it", folder.err().strip());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("has no thresholds.thresholds array of 3 numbers"), bad.err());
    }

    /** A smallcnn PIP-Net (S = 32, D = 16) with random weights; {@code emptySheet} zeroes the scoring sheet. */
    private static Path model(Path file, boolean emptySheet) {
        try (NDManager m = NDManager.newBaseManager()) {
            PipNetFile.Header header = new PipNetFile.Header(PipNetFile.BackboneSpec.smallCnn(16), new PipNetArchitecture(16, false, false, 32),
                    CLASSES, Normalization.imageNet().mean(), Normalization.imageNet().std(), null);
            PipNet net = PipNetFile.create(m, header, 11);
            if (emptySheet) {
                net.setWeights(new float[CLASSES.size()][16]);
            }
            PipNetFile.save(file, net, header, null);
            net.close();
        }
        return file;
    }
}

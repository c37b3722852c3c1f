package io.xai4j.cli.pipnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.xai4j.cli.Main;
import io.xai4j.core.io.Json;
import io.xai4j.vision.data.Normalization;
import io.xai4j.vision.pipnet.PipNet;
import io.xai4j.vision.pipnet.PipNetArchitecture;
import io.xai4j.vision.pipnet.PipNetFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Which data {@code pipnet evaluate | explain} run a trained model on (the model file's recorded data, then the options). */
class PipNetDataTest {

    private static PipNetFile.Header header(List<String> classes, ObjectNode extra) {
        Normalization n = Normalization.imageNet();
        return new PipNetFile.Header(PipNetFile.BackboneSpec.smallCnn(16), PipNetArchitecture.smallCnn(16, 64), classes, n.mean(), n.std(), extra);
    }

    @Test
    void evaluatingOnADataSetWithOtherClassesFailsNamingTheModelAndBothClassLists(@TempDir Path dir) {
        Path file = dir.resolve("fm.xai4j");
        try (NDManager root = NDManager.newBaseManager()) {
            PipNetFile.Header h = header(List.of("T-shirt/top", "Trouser", "Pullover"), Json.MAPPER.createObjectNode());
            PipNet model = PipNetFile.create(root, h, 0);
            PipNetFile.save(file, model, h, null);
            model.close();
        }
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err));
        int code = cli.execute("pipnet", "evaluate", "--model", file.toString(), "--output-dir", dir.resolve("eval").toString());
        assertNotEquals(0, code);
        String e = err.toString();
        assertTrue(e.contains(file.toString()) && e.contains("Trouser") && e.contains("--dataset partshapes"), e);
        assertFalse(dir.resolve("eval").resolve("metrics.json").toFile().exists(), "nothing written for the wrong data");
    }

    @Test
    void recordedDataSetAndSeedAreUsedUnlessAnOptionOverridesThem() {
        // the PartShapes seed draws the class definitions too, so a seed-3 model has seed-3 classes
        List<String> classes = PipNetData.load("partshapes", null, 64, 3).train().classNames();
        ObjectNode extra = Json.MAPPER.createObjectNode();
        extra.set("data", PipNetData.provenance("partshapes", null, 3, false));
        try (NDManager root = NDManager.newBaseManager()) {
            PipNetFile.Header h = header(classes, extra);
            PipNet model = PipNetFile.create(root, h, 0);
            PipNetFile.Loaded loaded = new PipNetFile.Loaded(model, h, null);
            float[] recorded = PipNetData.forModel(loaded, Path.of("m"), null, null, null).train().pixels(0);
            float[] seed3 = PipNetData.load("partshapes", null, 64, 3).train().pixels(0);
            float[] seed0 = PipNetData.load("partshapes", null, 64, 0).train().pixels(0);
            assertArrayEquals(seed3, recorded, "the model's recorded data seed");
            assertFalse(Arrays.equals(seed0, recorded));
            assertEquals("partshapes", PipNetData.forModel(loaded, Path.of("m"), "partshapes", null, null).name());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PipNetData.forModel(loaded, Path.of("m"), null, null, 0L), "--seed 0 overrides the record and draws other classes");
            assertTrue(e.getMessage().startsWith("m was trained on 6 classes"), e.getMessage());
            model.close();
        }
    }

    @Test
    void skipBadIsRecordedSoThatEvaluateSkipsTheSameImages(@TempDir Path dir) throws Exception {
        for (String f : new String[] {"train/a", "train/b", "test/a", "test/b"}) {
            io.xai4j.core.render.Images.writePng(java.nio.file.Files.createDirectories(dir.resolve(f)).resolve("ok.png"),
                    new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB));
        }
        java.nio.file.Files.writeString(dir.resolve("test/b/broken.png"), "not an image");
        assertThrows(IllegalArgumentException.class, () -> PipNetData.load("folder", dir, 8, 0, false));
        assertEquals(2, PipNetData.load("folder", dir, 8, 0, true).test().size());
        assertTrue(((io.xai4j.vision.data.ImageFolderDataset) PipNetData.load("folder", dir, 8, 0, true, true).train()).lazy(), "--lazy-images");
        ObjectNode extra = Json.MAPPER.createObjectNode();
        extra.set("data", PipNetData.provenance("folder", dir, 0, true));
        try (NDManager root = NDManager.newBaseManager()) {
            PipNetFile.Header h = header(List.of("a", "b"), extra);
            PipNet model = PipNetFile.create(root, h, 0);
            PipNetFile.Loaded loaded = new PipNetFile.Loaded(model, h, null);
            assertEquals(2, PipNetData.forModel(loaded, dir.resolve("m.xai4j"), null, null, null).test().size());
            assertFalse(((io.xai4j.vision.data.ImageFolderDataset) PipNetData.forModel(loaded, dir.resolve("m.xai4j"), null, null, null).train()).lazy());
            model.close();
        }
        // a model trained with --lazy-images is evaluated and explained with lazily decoded folders (files before the field: eager)
        ObjectNode lazyExtra = Json.MAPPER.createObjectNode();
        lazyExtra.set("data", PipNetData.provenance("folder", dir, 0, true, true));
        try (NDManager root = NDManager.newBaseManager()) {
            PipNetFile.Header h = header(List.of("a", "b"), lazyExtra);
            PipNet model = PipNetFile.create(root, h, 0);
            PipNetData data = PipNetData.forModel(new PipNetFile.Loaded(model, h, null), dir.resolve("m.xai4j"), null, null, null);
            assertTrue(((io.xai4j.vision.data.ImageFolderDataset) data.train()).lazy());
            assertEquals(2, data.test().size(), "lazily, the unreadable file is still skipped");
            model.close();
        }
    }

    @Test
    void updateBudgetDefaultsToTheCpuPresetForPartShapesAndTheOfficialRuleElsewhere() {
        // docs/methods/pipnet.md#parameter-groups-and-schedules: official ≈ 2,000 + 10,000 updates; 1,000 + 4,000 is the PartShapes CPU preset (project choice)
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {1000, 4000}, PipNetTrainCommand.defaultUpdates("partshapes"));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {2000, 10000}, PipNetTrainCommand.defaultUpdates("fashion-mnist"));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {2000, 10000}, PipNetTrainCommand.defaultUpdates("folder"));
        // Fashion-MNIST: 60,000 images, batch 64 → 937 iterations per epoch → 11 phase-2 epochs (was 4 with the preset)
        org.junit.jupiter.api.Assertions.assertEquals(11, io.xai4j.vision.pipnet.PipNetTrainingConfig.epochsForUpdates(10000, 60000, 64, 4));
    }

    /** An untrained smallcnn PIP-Net file for the default PartShapes data (seed 0), recorded as trained on it. */
    private static Path untrainedPartShapesModel(Path file) {
        List<String> classes = PipNetData.load("partshapes", null, 64, 0).train().classNames();
        ObjectNode extra = Json.MAPPER.createObjectNode();
        extra.set("data", PipNetData.provenance("partshapes", null, 0, false));
        try (NDManager root = NDManager.newBaseManager()) {
            PipNetFile.Header h = header(classes, extra);
            PipNet model = PipNetFile.create(root, h, 0);
            PipNetFile.save(file, model, h, null);
            model.close();
        }
        return file;
    }

    @Test
    void explainDrawsPatchesOfTheChosenSize(@TempDir Path dir) throws Exception {
        // docs/methods/pipnet.md#patches-and-heat-maps: pixels(n) and receptiveField (smallcnn: 43 px) besides the default cells(2); a small folder keeps it quick
        java.util.SplittableRandom rng = new java.util.SplittableRandom(2);
        for (String f : new String[] {"train/a", "train/b", "test/a", "test/b"}) {
            io.xai4j.cli.TestImages.randomPngs(dir.resolve("data").resolve(f), "", 3, 64, rng);
        }
        ObjectNode extra = Json.MAPPER.createObjectNode();
        extra.set("data", PipNetData.provenance("folder", dir.resolve("data"), 0, false));
        Path file = dir.resolve("m.xai4j");
        try (NDManager root = NDManager.newBaseManager()) {
            PipNetFile.Header h = header(List.of("a", "b"), extra);
            PipNet model = PipNetFile.create(root, h, 0);
            PipNetFile.save(file, model, h, null);
            model.close();
        }
        String[][] runs = {{"px", "--patch-pixels", "24"}, {"rf", "--patch-receptive-field"}}; // the default: PipNetMetricsTest
        int[] expected = {24, 43};
        for (int r = 0; r < runs.length; r++) {
            Path out = dir.resolve(runs[r][0]);
            String[] args = {"pipnet", "explain", "--model", file.toString(), "--images", "2", "--ood-images", "0", "--output-dir", out.toString()};
            assertEquals(0, Main.commandLine().execute(concat(args, Arrays.copyOfRange(runs[r], 1, runs[r].length))));
            var global = Json.MAPPER.readTree(out.resolve("global-explanation.json").toFile());
            assertEquals(expected[r], global.get("geometry").get("patchSize").asInt(), runs[r][0]);
            for (var row : global.get("prototypes")) {
                for (var patch : row.get("patches")) {
                    var box = patch.get("box");
                    assertEquals(expected[r], box.get("bottom").asInt() - box.get("top").asInt(), runs[r][0] + " " + patch);
                    assertEquals(expected[r], box.get("right").asInt() - box.get("left").asInt(), runs[r][0] + " " + patch);
                }
            }
        }
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err));
        assertNotEquals(0, cli.execute("pipnet", "explain", "--model", file.toString(), "--patch-pixels", "65", "--output-dir", dir.resolve("x").toString()));
        assertTrue(err.toString().contains("--patch-pixels must be <= the model's input side S = 64, got 65"), err.toString());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void oodThresholdsCanBeFittedOnTheValidationSplit(@TempDir Path dir) throws Exception {
        // docs/methods/pipnet.md#ood-detection: thresholds on the test split by default (the paper's protocol), a validation split as an option
        Path file = untrainedPartShapesModel(dir.resolve("m.xai4j"));
        assertEquals(0, Main.commandLine().execute("pipnet", "evaluate", "--model", file.toString(), "--calibrate-on", "validation",
                "--output-dir", dir.resolve("val").toString()));
        assertEquals(0, Main.commandLine().execute("pipnet", "evaluate", "--model", file.toString(), "--output-dir", dir.resolve("test").toString()));
        var val = Json.MAPPER.readTree(dir.resolve("val").resolve("metrics.json").toFile());
        var test = Json.MAPPER.readTree(dir.resolve("test").resolve("metrics.json").toFile());
        assertEquals("validation", val.get("thresholdsCalibratedOn").asText());
        assertEquals("test", test.get("thresholdsCalibratedOn").asText());
        // metrics.csv holds the headline figures of metrics.json
        Map<String, String> csv = new java.util.HashMap<>();
        for (var row : org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(java.nio.file.Files.newBufferedReader(dir.resolve("val").resolve("metrics.csv")))) {
            csv.put(row.get("metric"), row.get("value"));
        }
        assertEquals(val.get("test").get("accuracy").asDouble(), Double.parseDouble(csv.get("top1")), 0);
        assertEquals(val.get("fpr95").asDouble(), Double.parseDouble(csv.get("fpr95")), 0);
        assertEquals(val.get("purityTest").get("mean").asDouble(), Double.parseDouble(csv.get("purity_test_mean")), 0);
        assertEquals("validation", csv.get("thresholds_calibrated_on"));
        assertEquals(val.get("test").get("globalSize").asText(), csv.get("global_size"), "counts as integers");
        // independent check: thresholds fitted here on the val split's scores
        try (NDManager root = NDManager.newBaseManager()) {
            PipNetFile.Loaded loaded = PipNetFile.load(file, root);
            var valSplit = PipNetData.validation("partshapes", null, 64, 0, false, null);
            var expected = io.xai4j.vision.pipnet.OodThresholds.fit(
                    io.xai4j.vision.pipnet.PipNetMetrics.predictAll(loaded.model(), valSplit, 128).unclampedScores());
            assertEquals(Json.MAPPER.valueToTree(expected), val.get("thresholds"));
            loaded.model().close();
        }
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> PipNetData.validation("fashion-mnist", null, 28, 0, false, null));
        assertEquals("--calibrate-on validation: --dataset fashion-mnist has no validation split; use --calibrate-on test", none.getMessage());
        java.nio.file.Files.createDirectories(dir.resolve("f/train/a"));
        java.nio.file.Files.createDirectories(dir.resolve("f/val/a"));
        IllegalArgumentException noTest = assertThrows(IllegalArgumentException.class,
                () -> PipNetData.validation("folder", dir.resolve("f"), 64, 0, false, null));
        assertTrue(noTest.getMessage().contains("without test/, val/ is the test split"), noTest.getMessage());
    }
}

package io.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import io.xai4j.core.io.Json;
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
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code xai4j evaluate}: refuses a data set whose classes are not the model's; what metrics.json holds. */
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

    @Test
    void withoutDatasetTheDataTheModelWasTrainedOnIsUsed(@TempDir Path dir) throws Exception {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(1);
        for (String split : List.of("train", "val")) {
            for (String c : List.of("cat", "dog")) {
                TestImages.randomPngs(dir.resolve("data").resolve(split).resolve(c), c, 3, 32, rng);
            }
        }
        Path file = dir.resolve("m.xai4j");
        assertEquals(0, Main.commandLine().execute("train", "--dataset", "folder", "--data-dir", dir.resolve("data").toString(), "--image-size", "32",
                "--epochs", "1", "--batch-size", "4", "--output", file.toString()));
        Path out = dir.resolve("eval");
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err));
        assertEquals(0, cli.execute("evaluate", "--model", file.toString(), "--images", "4", "--method", "cam", "--mprt-images", "0",
                "--output-dir", out.toString()), err.toString());
        JsonNode json = Json.MAPPER.readTree(out.resolve("metrics.json").toFile());
        assertEquals("folder", json.get("dataset").asText(), "the folder recorded by train, not the PartShapes default");
        assertEquals(4, json.get("images").asInt());
        // an explicit --dataset still wins (and PartShapes has other classes)
        StringWriter err2 = new StringWriter();
        CommandLine cli2 = Main.commandLine();
        cli2.setErr(new PrintWriter(err2));
        assertEquals(2, cli2.execute("evaluate", "--model", file.toString(), "--dataset", "partshapes", "--images", "4", "--output-dir",
                dir.resolve("eval2").toString()));
        assertTrue(err2.toString().contains("[cat, dog]"), err2.toString());
    }

    @Test
    void metricsJsonHasPerImageValuesAndTheClassAveragedPointingGame(@TempDir Path dir) throws Exception {
        io.xai4j.vision.data.ImageDataset test = DataSets.loadTest("partshapes", null, 64, 0, false);
        List<String> classes = test.classNames();
        Path file = dir.resolve("m.xai4j");
        try (NDManager root = NDManager.newBaseManager()) {
            SmallResNetConfig arch = SmallResNetConfig.forImageSize(64, 3, classes.size());
            CnnClassifier model = SmallResNet.create(root.newSubManager(), arch, classes, 64, 3);
            Normalization n = Normalization.imageNet();
            ModelFile.save(file, model, new ModelFile.Header(arch, classes, 64, n.mean(), n.std(), null), null);
            model.close();
        }
        Path out = dir.resolve("eval");
        int images = 32;
        assertEquals(0, Main.commandLine().execute("evaluate", "--model", file.toString(), "--images", String.valueOf(images), "--method",
                "gradcam,cgrad", "--mprt-images", "2", "--output-dir", out.toString()));
        JsonNode json = Json.MAPPER.readTree(out.resolve("metrics.json").toFile());
        assertEquals(images, json.get("images").asInt());
        for (String method : List.of("gradcam", "cgrad")) {
            JsonNode pg = json.get("metrics").get(method).get("pointing_game");
            JsonNode values = pg.get("values");
            assertEquals(images, values.size());
            // independent recomputation from the per-image hits and the test labels: mean of per-class accuracies
            Map<Integer, double[]> perClass = new TreeMap<>();
            double hits = 0;
            int defined = 0;
            for (int i = 0; i < images; i++) {
                if (!values.get(i).isNull()) {
                    double[] c = perClass.computeIfAbsent(test.label(i), k -> new double[2]);
                    c[0] += values.get(i).asDouble();
                    c[1]++;
                    hits += values.get(i).asDouble();
                    defined++;
                }
            }
            double classAveraged = perClass.values().stream().mapToDouble(c -> c[0] / c[1]).average().orElseThrow();
            assertEquals(classAveraged, pg.get("mean").asDouble(), 1e-12, method);
            assertEquals(hits / defined, pg.get("micro").asDouble(), 1e-12, method);
            assertEquals(perClass.size(), pg.get("perClass").size());
            assertEquals(images, pg.get("flat").size());
            assertEquals("HIGHER", pg.get("direction").asText());
            assertEquals("LOCALISATION", pg.get("category").asText());
            JsonNode energy = json.get("metrics").get(method).get("energy_pointing_game");
            assertEquals(images, energy.get("values").size());
            assertTrue(energy.has("nUndefined") && energy.has("params"), energy.toString());
            JsonNode mprt = json.get("metrics").get(method).get("mprt_spearman");
            assertEquals(2, mprt.get("curve").size());
            assertEquals(mprt.get("layers").size(), mprt.get("meanPerLayer").size());
            assertEquals(mprt.get("layers").size(), mprt.get("curve").get(0).size());
        }
        // the first 32 test images (classes in turn) are not balanced over the classes, so the two averages are different numbers
        Map<Integer, Integer> counts = new TreeMap<>();
        for (int i = 0; i < images; i++) {
            counts.merge(test.label(i), 1, Integer::sum);
        }
        assertTrue(counts.values().stream().distinct().count() > 1, "class counts " + counts);
        assertTrue(json.get("baselines").get("center").has("pointing_game"));

        // metrics.csv: the same figures as metrics.json's means, one row per method and metric, then the baselines
        var rows = org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(Files.newBufferedReader(out.resolve("metrics.csv"))).getRecords();
        int checked = 0;
        for (var row : rows) {
            String method = row.get("method");
            if (method.endsWith("baseline")) {
                continue;
            }
            JsonNode m = json.get("metrics").get(method).get(row.get("metric"));
            checked++;
            if (row.get("metric").equals("seconds_per_image")) {
                assertEquals(m.asDouble(), Double.parseDouble(row.get("value")), 0);
                continue;
            }
            if (m.get("mean").isNull()) {
                assertEquals("", row.get("value"), row.toString());
            } else {
                assertEquals(m.get("mean").asDouble(), Double.parseDouble(row.get("value")), 0, row.toString());
            }
            assertEquals(m.get("values").size(), Integer.parseInt(row.get("images")), row.toString());
            assertEquals(m.get("nUndefined").asInt(), Integer.parseInt(row.get("undefined")), row.toString());
            assertEquals(m.get("direction").asText().toLowerCase(java.util.Locale.ROOT), row.get("direction"));
        }
        assertEquals(json.get("metrics").get("gradcam").size() + json.get("metrics").get("cgrad").size(), checked);
        assertTrue(rows.stream().anyMatch(r -> r.get("method").equals("centre-point baseline") && r.get("metric").equals("pointing_game")));
    }
}

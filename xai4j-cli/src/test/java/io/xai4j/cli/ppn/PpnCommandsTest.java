package io.xai4j.cli.ppn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import io.xai4j.cli.CliRun;
import io.xai4j.core.io.Json;
import io.xai4j.core.runtime.Tensors;
import io.xai4j.vision.data.ImageDataset;
import io.xai4j.vision.data.Normalization;
import io.xai4j.vision.data.PartShapesConfig;
import io.xai4j.vision.data.PartShapesGenerator;
import io.xai4j.vision.data.PartShapesSplit;
import io.xai4j.vision.data.Split;
import io.xai4j.vision.model.CnnClassifier;
import io.xai4j.vision.model.ModelFile;
import io.xai4j.vision.model.SmallResNet;
import io.xai4j.vision.model.SmallResNetConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code xai4j ppn fit | explain | evaluate} end to end on a random-weight CNN at PartShapes' 64 px (a handful of images
 * per class, few NMF steps): the files exist, every logit of local.json is bias + Σ contributions and equals an independent
 * black-box pass, evaluate reports exactness and 100 % agreement, the same seed writes the same file, bad input is one line.
 */
class PpnCommandsTest {

    static final Path SIX = Path.of("../xai4j-vision/src/test/resources/torchscript/tiny6_frozen.pt");
    static final Path NO_RELU = Path.of("../xai4j-vision/src/test/resources/torchscript/tiny6_norelu.pt");
    static final String[] SMALL = {"--max-images", "12", "--objective-images", "6", "--max-iterations", "20"};

    @TempDir
    static Path dir;
    static Path model;
    static PartShapesSplit test;

    @BeforeAll
    static void saveModel() {
        model = dir.resolve("cnn.xai4j");
        test = new PartShapesGenerator(PartShapesConfig.defaults()).generate(Split.TEST);
        List<String> classes = test.classNames();
        try (NDManager root = NDManager.newBaseManager()) {
            SmallResNetConfig arch = SmallResNetConfig.forImageSize(64, 3, classes.size());
            CnnClassifier net = SmallResNet.create(root.newSubManager(), arch, classes, 64, 4);
            Normalization n = Normalization.imageNet();
            ModelFile.save(model, net, new ModelFile.Header(arch, classes, 64, n.mean(), n.std(), null), null);
            net.close();
        }
    }

    static String[] args(String... a) {
        String[] out = new String[a.length + SMALL.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(SMALL, 0, out, a.length, SMALL.length);
        return out;
    }

    @Test
    void explainOfAModelFileMatchesAnIndependentBlackBoxPass() throws Exception {
        Path a = dir.resolve("a/prototypes.json");
        CliRun fit = CliRun.run(args("ppn", "fit", "--model", model.toString(), "--seed", "3", "--output", a.toString()));
        assertEquals(0, fit.code(), fit.err());
        Path out = dir.resolve("explain");
        CliRun explain = CliRun.run("ppn", "explain", "--prototypes", a.toString(), "--images", "3", "--train-images", "24", "--output-dir",
                out.toString());
        assertEquals(0, explain.code(), explain.err());
        JsonNode local = Json.MAPPER.readTree(out.resolve("local.json").toFile());
        for (String f : List.of("global.json", "global.png", "report.html",
                "local/image0000_class" + local.get(0).get("classes").get(0).get("classIndex").asInt() + ".png")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        assertEquals(3, local.size());
        float[][] logits;
        try (NDManager m = NDManager.newBaseManager()) {
            ModelFile.Loaded l = ModelFile.load(model, m); // a black-box pass of its own, not the decomposition's
            NDArray x = ImageDataset.batch(m, test, new int[] {0, 1, 2}, Normalization.imageNet());
            logits = Tensors.toArray2(l.model().logits(x));
            l.model().close();
        }
        for (int n = 0; n < 3; n++) {
            JsonNode e = local.get(n);
            int best = 0;
            for (int k = 1; k < 6; k++) {
                best = logits[n][k] > logits[n][best] ? k : best;
            }
            assertEquals(best, e.get("predicted").asInt(), "image " + n);
            assertEquals(3, e.get("classes").size(), "top-3 classes");
            assertEquals(best, e.get("classes").get(0).get("classIndex").asInt(), "the top class is the prediction");
            for (JsonNode ce : e.get("classes")) {
                float logit = logits[n][ce.get("classIndex").asInt()];
                double sum = ce.get("bias").asDouble();
                for (JsonNode pe : ce.get("parts")) {
                    sum += pe.get("contribution").asDouble();
                }
                assertEquals(3, ce.get("parts").size());
                assertEquals(logit, ce.get("logit").floatValue(), 1e-4 * Math.max(1, Math.abs(logit)), "image " + n);
                assertTrue(Math.abs(sum - logit) <= 1e-4 * Math.max(1, Math.abs(logit)),
                        "image " + n + " class " + ce.get("classIndex") + ": bias + Σ contributions " + sum + " vs logit " + logit);
            }
        }
        JsonNode global = Json.MAPPER.readTree(out.resolve("global.json").toFile());
        assertEquals(18, global.size(), "6 classes × 3 prototypes");
        assertEquals("c0/p0", global.get(0).get("id").asText());
    }

    @Test
    void torchScriptExportSameSeedSameFileAndEvaluateReportsExactnessAndFullAgreement() throws Exception {
        Path a = dir.resolve("ts-a/prototypes.json"), b = dir.resolve("ts-b/prototypes.json"), c = dir.resolve("ts-c/prototypes.json");
        CliRun fit = CliRun.run(args("ppn", "fit", "--torchscript", SIX.toString(), "--seed", "3", "--output", a.toString()));
        assertEquals(0, fit.code(), fit.err());
        assertEquals(0, CliRun.run(args("ppn", "fit", "--torchscript", SIX.toString(), "--seed", "3", "--output", b.toString())).code());
        assertEquals(0, CliRun.run(args("ppn", "fit", "--torchscript", SIX.toString(), "--seed", "4", "--output", c.toString())).code());
        assertEquals(Files.readString(a), Files.readString(b), "same seed, same file");
        assertNotEquals(Files.readString(a), Files.readString(c), "another seed, other prototypes");
        Path out = dir.resolve("ts-eval");
        CliRun eval = CliRun.run("ppn", "evaluate", "--prototypes", a.toString(), "--images", "60", "--train-images", "60", "--output-dir",
                out.toString());
        assertEquals(0, eval.code(), eval.err());
        JsonNode json = Json.MAPPER.readTree(out.resolve("metrics.json").toFile());
        assertEquals(60, json.get("testImages").asInt());
        JsonNode scores = json.get("scores");
        assertEquals(List.of("fitted", "uniform-beta", "random-partition"), List.of(scores.get(0).get("variant").asText(),
                scores.get(1).get("variant").asText(), scores.get(2).get("variant").asText()));
        for (JsonNode s : scores) {
            assertTrue(s.get("maxRelativeError").asDouble() <= 1e-4, s.toString());
            assertEquals(1.0, s.get("agreement").asDouble(), s.toString());
            assertEquals(18, s.get("prototypes").asInt());
        }
        List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals(4, csv.size(), "header and three variants");
        assertTrue(csv.get(0).startsWith("variant,prototypes,max_rel_error,agreement"), csv.get(0));
    }

    @Test
    void evaluateScoresThePrototypeHeatmapsLikeEveryOtherMethod() throws Exception {
        Path p = dir.resolve("reg/prototypes.json");
        assertEquals(0, CliRun.run(args("ppn", "fit", "--torchscript", SIX.toString(), "--output", p.toString())).code());
        Path out = dir.resolve("reg-eval");
        CliRun run = CliRun.run("evaluate", "--torchscript", SIX.toString(), "--method", "cam,ppn", "--prototypes", p.toString(), "--images", "4",
                "--mprt-images", "0", "--show-images", "0", "--output-dir", out.toString());
        assertEquals(0, run.code(), run.err());
        JsonNode metrics = Json.MAPPER.readTree(out.resolve("metrics.json").toFile()).get("metrics");
        assertTrue(metrics.has("ppn"), metrics.toString());
        List<String> camMetrics = new java.util.ArrayList<>(), ppnMetrics = new java.util.ArrayList<>();
        metrics.get("cam").fieldNames().forEachRemaining(camMetrics::add);
        metrics.get("ppn").fieldNames().forEachRemaining(ppnMetrics::add);
        assertEquals(camMetrics, ppnMetrics, "the same metrics as CAM");
        int scored = 0;
        for (String m : ppnMetrics) {
            assertEquals(metrics.get("cam").get(m).path("values").size(), metrics.get("ppn").get(m).path("values").size(), m);
            scored += metrics.get("ppn").get(m).path("values").size() == 4 ? 1 : 0;
        }
        assertTrue(scored > 0, "per-image values of the 4 images: " + metrics.get("ppn"));
        // explain reads the same file: one record per image with the first prototype's map
        io.xai4j.cli.TestImages.randomPngs(dir.resolve("reg-png"), "x", 2, 64, new java.util.SplittableRandom(2));
        Path ex = dir.resolve("reg-explain");
        CliRun explain = CliRun.run("explain", "--torchscript", SIX.toString(), "--classes", String.join(",", test.classNames()), "--input-size", "64",
                "--method", "ppn", "--prototypes",
                p.toString(), "--no-overlays", "--output-dir", ex.toString(), dir.resolve("reg-png").toString());
        assertEquals(0, explain.code(), explain.err());
        JsonNode records = Json.MAPPER.readTree(ex.resolve("explanations.json").toFile());
        assertEquals(2, records.size());
        assertEquals("ppn", records.get(0).get("method").asText());
        // without a prototype file ppn cannot run, and a prototype file no chosen method reads is refused
        CliRun none = CliRun.run("evaluate", "--torchscript", SIX.toString(), "--method", "ppn", "--images", "2", "--output-dir",
                dir.resolve("reg-none").toString());
        assertEquals(2, none.code(), none.err());
        assertTrue(none.err().contains("ppn needs --prototypes"), none.err());
        CliRun unused = CliRun.run("evaluate", "--torchscript", SIX.toString(), "--method", "cam", "--prototypes", p.toString(), "--images", "2",
                "--output-dir", dir.resolve("reg-unused").toString());
        assertEquals(2, unused.code(), unused.err());
        assertTrue(unused.err().contains("--prototypes") && unused.err().contains("ppn"), unused.err());
    }

    @Test
    void featuresThatCanBeNegativeAreRefusedNamingTheLayer() {
        Path out = dir.resolve("neg/prototypes.json");
        CliRun run = CliRun.run(args("ppn", "fit", "--torchscript", NO_RELU.toString(), "--output", out.toString()));
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().startsWith("xai4j ppn fit: layer 'features' has a feature value -") && run.err().contains("non-negative"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void missingFilesAreOneLineErrors() throws Exception {
        Path missing = dir.resolve("nothing.json");
        for (String sub : List.of("explain", "evaluate")) {
            CliRun run = CliRun.run("ppn", sub, "--prototypes", missing.toString(), "--output-dir", dir.resolve("x-" + sub).toString());
            assertEquals(2, run.code(), run.err());
            assertEquals("xai4j ppn " + sub + ": prototype file not found: " + missing, run.err().strip());
        }
        CliRun noModel = CliRun.run("ppn", "fit", "--model", dir.resolve("none.xai4j").toString(), "--output", dir.resolve("y.json").toString());
        assertEquals(2, noModel.code(), noModel.err());
        assertEquals(1, noModel.err().strip().lines().count(), noModel.err());
        assertTrue(noModel.err().contains("none.xai4j"), noModel.err());
        // a prototype file whose black box has gone
        Path copy = dir.resolve("gone.pt"), p = dir.resolve("gone/prototypes.json");
        Files.copy(SIX, copy);
        assertEquals(0, CliRun.run(args("ppn", "fit", "--torchscript", copy.toString(), "--output", p.toString())).code());
        Files.delete(copy);
        CliRun gone = CliRun.run("ppn", "explain", "--prototypes", p.toString(), "--output-dir", dir.resolve("z").toString());
        assertEquals(2, gone.code(), gone.err());
        assertEquals("xai4j ppn explain: " + p + ": its black box " + copy.toAbsolutePath() + " (field blackBox.path) does not exist", gone.err().strip());
    }
}

package io.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.xai4j.core.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evaluate} and {@code bench} on an exported PyTorch model (the committed TorchScript fixtures). */
class TorchScriptCommandsTest {

    /** Six outputs, GAP + linear head, any input size (scripts/make_torchscript_fixture.py). */
    private static final Path SIX = Path.of("../xai4j-vision/src/test/resources/torchscript/tiny6_frozen.pt");
    private static final Path THREE = Path.of("../xai4j-vision/src/test/resources/torchscript/tiny_frozen.pt");
    /** Only forward(), traced. */
    private static final Path PLAIN = Path.of("../xai4j-vision/src/test/resources/torchscript/plain_traced.pt");

    @Test
    void evaluateScoresATorchScriptModelOnPartShapesWithItsPartMasks(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("eval");
        CliRun run = CliRun.run("evaluate", "--torchscript", SIX.toString(), "--input-size", "64", "--images", "12", "--mprt-images", "4",
                "--method", "cam,gradcam,eb", "--show-images", "3", "--output-dir", out.toString());
        assertEquals(0, run.code(), run.err());
        // the report shows the first 3 test images, each with the overlay of every method that ran
        String html = Files.readString(out.resolve("report.html"));
        assertEquals(3, html.split("<div class=\"row\">", -1).length - 1);
        assertEquals(3, html.split("<figcaption>gradcam", -1).length - 1, "one Grad-CAM overlay per shown image");
        assertEquals(3, html.split("<figcaption>cam", -1).length - 1);
        assertFalse(html.contains("<figcaption>eb"));
        JsonNode json = Json.MAPPER.readTree(out.resolve("metrics.json").toFile());
        assertEquals(SIX.toString(), json.get("model").asText());
        assertEquals("partshapes", json.get("dataset").asText());
        assertEquals(12, json.get("images").asInt());
        JsonNode metrics = json.get("metrics");
        assertFalse(metrics.has("eb"), "EB needs an xai4j CNN's layer structure: skipped, not failed");
        // ground-truth metrics ran (PartShapes part masks), and the randomisation check did not (TorchScript weights are opaque)
        assertEquals(12, metrics.get("gradcam").get("pointing_game").get("values").size());
        assertFalse(metrics.get("gradcam").has("mprt_spearman"));
        // an independent identity: with GAP + linear head, Grad-CAM at the feature layer is CAM (alpha_k = w_ck / (h w)),
        // so every per-image value of every metric is the same for both
        int compared = 0;
        for (var it = metrics.get("cam").fieldNames(); it.hasNext(); ) {
            String metric = it.next();
            JsonNode cam = metrics.get("cam").get(metric).get("values");
            if (cam == null) {
                continue;
            }
            JsonNode grad = metrics.get("gradcam").get(metric).get("values");
            for (int i = 0; i < cam.size(); i++) {
                if (cam.get(i).isNull()) {
                    assertTrue(grad.get(i).isNull(), metric + " " + i);
                } else {
                    assertEquals(cam.get(i).asDouble(), grad.get(i).asDouble(), 1e-4, metric + " " + i);
                    compared++;
                }
            }
        }
        assertTrue(compared >= 12 * 5, "compared " + compared);
    }

    @Test
    void evaluateNamesTheClassMismatchOfATorchScriptModel(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("eval");
        CliRun run = CliRun.run("evaluate", "--torchscript", THREE.toString(), "--input-size", "64", "--images", "2", "--output-dir",
                out.toString());
        assertEquals(2, run.code());
        assertTrue(run.err().contains("returns 3 scores per image") && run.err().contains("give --classes"), run.err());
        assertFalse(Files.exists(out.resolve("metrics.json")));
        // PartShapes images are 64 px: without --input-size that is the size used, a contradicting one is refused up front
        CliRun size = CliRun.run("evaluate", "--torchscript", SIX.toString(), "--input-size", "32", "--output-dir", out.toString());
        assertEquals(2, size.code());
        assertTrue(size.err().contains("--input-size 32 but --dataset partshapes has 64×64 px images; give --input-size 64"), size.err());
        CliRun defaultSize = CliRun.run("evaluate", "--torchscript", SIX.toString(), "--images", "2", "--method", "cam", "--mprt-images", "0",
                "--show-images", "0", "--output-dir", out.toString());
        assertEquals(0, defaultSize.code(), defaultSize.err());
        Files.delete(out.resolve("metrics.json"));
        CliRun wrongNames = CliRun.run("evaluate", "--torchscript", SIX.toString(), "--classes", "a,b,c,d,e,f", "--input-size", "64",
                "--output-dir", out.toString());
        assertEquals(2, wrongNames.code());
        assertTrue(wrongNames.err().contains(SIX.toString()) && wrongNames.err().contains("[a, b, c, d, e, f]"), wrongNames.err());
    }

    @Test
    void modelAndTorchScriptOptionsAreCheckedTogether(@TempDir Path dir) {
        CliRun neither = CliRun.run("evaluate", "--output-dir", dir.resolve("e").toString());
        assertEquals(2, neither.code());
        assertTrue(neither.err().contains("give --model") && neither.err().contains("--torchscript"), neither.err());
        CliRun both = CliRun.run("evaluate", "--model", dir.resolve("m.xai4j").toString(), "--torchscript", SIX.toString());
        assertEquals(2, both.code());
        assertTrue(both.err().contains("not both"), both.err());
        CliRun stray = CliRun.run("bench", "--input-size", "64", "--seconds", "0.01");
        assertEquals(2, stray.code());
        assertTrue(stray.err().contains("--input-size is not used without --torchscript"), stray.err());
        CliRun mean = CliRun.run("explain", "--torchscript", THREE.toString(), "--classes", "a,b,c", "--mean", "0.5,0.5", "x.png");
        assertEquals(2, mean.code());
        assertTrue(mean.err().contains("three comma-separated values"), mean.err());
    }

    /** A traced export with only forward(): gradient and RISE maps; Grad-CAM refused in one line that says what to export. */
    @Test
    void forwardOnlyExportIsExplainedWithTheMethodsThatNeedNoLayer(@TempDir Path dir) throws Exception {
        Path images = dir.resolve("in");
        TestImages.randomPngs(images, "img", 2, 12, new java.util.SplittableRandom(3));
        Path out = dir.resolve("out");
        CliRun run = CliRun.run("explain", "--torchscript", PLAIN.toString(), "--classes", "a,b,c", "--input-size", "12", "--method",
                "cgrad,rise", "--rise-masks", "16", "--output-dir", out.toString(), images.toString());
        assertEquals(0, run.code(), run.err());
        assertEquals(4, Json.MAPPER.readTree(out.resolve("explanations.json").toFile()).size());
        CliRun gradcam = CliRun.run("explain", "--torchscript", PLAIN.toString(), "--classes", "a,b,c", "--input-size", "12", "--output-dir",
                dir.resolve("out2").toString(), images.toString());
        assertEquals(2, gradcam.code());
        assertTrue(gradcam.err().startsWith("xai4j explain: gradcam needs a feature layer (TorchScript: export forward_features and forward_head)")
                && gradcam.err().strip().endsWith("methods that support it: cgrad, rise, nnexplainer"), gradcam.err());
        assertEquals(1, gradcam.err().strip().lines().count(), gradcam.err());
    }

    /**
     * An export that runs on one input size only (fixed12_traced.pt, scripts/derive_torchscript_fixtures.py), given another:
     * one line that names the size it runs on, where TorchScript's 17-line traceback used to be printed.
     */
    @Test
    void anExportOfAnotherInputSizeIsRefusedInOneLineNamingItsSize(@TempDir Path dir) throws Exception {
        Path fixed = Path.of("../xai4j-vision/src/test/resources/torchscript/fixed12_traced.pt");
        TestImages.randomPngs(dir.resolve("in"), "img", 1, 12, new java.util.SplittableRandom(4));
        CliRun run = CliRun.run("explain", "--torchscript", fixed.toString(), "--classes", "a,b,c", "--input-size", "64", "--method", "cgrad",
                "--output-dir", dir.resolve("out").toString(), dir.resolve("in").toString());
        assertEquals(2, run.code(), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().startsWith("xai4j explain: --input-size 64: " + fixed + ": the export does not run on 3×64×64 inputs (shape '[-1, 16,"
                + " 36]' is invalid for input of size "), run.err());
        assertTrue(run.err().strip().endsWith("it runs on 3×12×12 (of the square sizes 8 to 512 tried); give --input-size 12"), run.err());
        assertEquals(0, CliRun.run("explain", "--torchscript", fixed.toString(), "--classes", "a,b,c", "--input-size", "12", "--method", "cgrad",
                "--output-dir", dir.resolve("out").toString(), dir.resolve("in").toString()).code());
    }

    /** {@code --resize crop} explains a wide image as the model sees its central square: the same maps as that square cut out by hand. */
    @Test
    void resizeCropExplainsTheCentralRegion(@TempDir Path dir) throws Exception {
        java.awt.image.BufferedImage wide = new java.awt.image.BufferedImage(24, 12, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
        for (int y = 0; y < 12; y++) {
            for (int x = 0; x < 24; x++) {
                wide.setRGB(x, y, rng.nextInt(1 << 24));
            }
        }
        Path in = Files.createDirectories(dir.resolve("wide")), square = Files.createDirectories(dir.resolve("square"));
        io.xai4j.core.render.Images.writePng(in.resolve("w.png"), wide);
        io.xai4j.core.render.Images.writePng(square.resolve("w.png"), wide.getSubimage(6, 0, 12, 12));
        String[] common = {"explain", "--torchscript", THREE.toString(), "--classes", "a,b,c", "--input-size", "12", "--method", "cgrad",
            "--target", "1", "--no-overlays"};
        JsonNode crop = explain(dir.resolve("crop"), common, "--resize", "crop", in.toString());
        JsonNode cut = explain(dir.resolve("cut"), common, square.toString());
        JsonNode stretch = explain(dir.resolve("stretch"), common, in.toString());
        assertEquals(cut.get(0).get("raw"), crop.get(0).get("raw"));
        assertFalse(stretch.get(0).get("raw").equals(crop.get(0).get("raw")), "stretching the 2:1 image shows the model other pixels");
        CliRun bad = CliRun.run(append(common, "--resize", "pad", "--output-dir", dir.resolve("bad").toString(), in.toString()));
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--resize 'pad': expected stretch or crop"), bad.err());
    }

    private static JsonNode explain(Path out, String[] common, String... more) throws Exception {
        CliRun run = CliRun.run(append(append(common, "--output-dir", out.toString()), more));
        assertEquals(0, run.code(), run.err());
        return Json.MAPPER.readTree(out.resolve("explanations.json").toFile());
    }

    private static String[] append(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void benchMeasuresTheSupportedMethodsOfATorchScriptModel(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("bench.json");
        CliRun run = CliRun.run("bench", "--torchscript", THREE.toString(), "--classes", "a,b,c", "--input-size", "16", "--batch-sizes", "2",
                "--seconds", "10", "--rise-masks", "4", "--output", out.toString());
        assertEquals(0, run.code(), run.err());
        JsonNode rows = Json.MAPPER.readTree(out.toFile()).get("rows");
        List<String> methods = new java.util.ArrayList<>();
        rows.forEach(r -> methods.add(r.get("method").asText()));
        assertTrue(methods.containsAll(List.of("cam", "gradcam", "cgrad", "rise")), methods.toString());
        assertFalse(methods.contains("eb") || methods.contains("ceb"), methods.toString());
        // under load a method may not fit the budget: then it says so (null, no timed call) instead of a made-up figure
        rows.forEach(r -> assertTrue(r.get("imagesPerSecond").isNull() ? r.get("timedCalls").asInt() == 0
                : r.get("imagesPerSecond").asDouble() > 0 && r.get("timedCalls").asInt() > 0, r.toString()));
        assertTrue(rows.get(0).get("method").asText().equals("forward") && rows.get(0).get("imagesPerSecond").asDouble() > 0, rows.toString());
    }
}

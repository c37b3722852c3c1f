package io.xai4j.cli;

import static io.xai4j.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.xai4j.core.io.Json;
import io.xai4j.core.render.Images;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The explain command end to end on the committed TorchScript fixture. */
class ExplainCommandTest {

    private static final Path FIXTURE = Path.of("../xai4j-vision/src/test/resources/torchscript/tiny_frozen.pt");

    /** {@code n} distinct colour-gradient PNGs {@code img0.png ...} in a new folder. */
    private static Path writeImages(Path folder, int n, int width, int height) throws java.io.IOException {
        Files.createDirectories(folder);
        for (int k = 0; k < n; k++) {
            BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    img.setRGB(x, y, ((x * 12 + k * 50) % 256) << 16 | ((y * 15 + k * 11) % 256) << 8 | (k * 40 % 256));
                }
            }
            Images.writePng(folder.resolve("img" + k + ".png"), img);
        }
        return folder;
    }


    @Test
    void writesOneOverlayPerImageAndMethodAndAJsonSummary(@TempDir Path dir) throws Exception {
        Path images = writeImages(dir.resolve("in"), 2, 20, 16);
        Path out = dir.resolve("out");
        int code = Main.commandLine().execute("explain", "--torchscript", FIXTURE.toString(), "--classes", "a,b,c",
                "--input-size", "12", "--method", "gradcam,cam,rise", "--rise-masks", "32", "--output-dir", out.toString(), images.toString());
        assertEquals(0, code);
        JsonNode json = Json.MAPPER.readTree(out.resolve("explanations.json").toFile());
        assertEquals(6, json.size());
        for (JsonNode r : json) {
            assertTrue(Files.exists(out.resolve(r.get("overlay").asText())), r.toString());
        }
    }

    @Test
    void missingInputFailsWithAMessageNamingIt(@TempDir Path dir) {
        CliRun err = run("explain", "--torchscript", FIXTURE.toString(), "--classes", "a,b,c", "--input-size", "12",
                dir.resolve("nope.png").toString());
        assertNotEquals(0, err.code());
        assertTrue(err.err().contains("nope.png"), err.err());
    }

    @Test
    void methodTheModelCannotSupportIsOneLineWithTheFullCommandNotAStackTrace(@TempDir Path dir) throws Exception {
        Path image = dir.resolve("a.png");
        Images.writePng(image, new BufferedImage(12, 12, BufferedImage.TYPE_INT_RGB));
        CliRun err = run("explain", "--torchscript", FIXTURE.toString(), "--classes", "a,b,c", "--input-size", "12", "--method", "eb",
                "--output-dir", dir.resolve("out").toString(), image.toString());
        assertEquals(2, err.code());
        assertTrue(err.err().startsWith("xai4j explain: eb needs the typed layer graph of an xai4j CNN (opaque TorchScript exports have none)")
                && err.err().contains("methods that support it: cam, gradcam"), err.err());
        assertEquals(1, err.err().strip().lines().count(), err.err());
    }

    @Test
    void dataDirIsRefusedForGeneratedPartShapesInsteadOfIgnored(@TempDir Path dir) {
        Path out = dir.resolve("m.xai4j");
        CliRun err = run("train", "--data-dir", dir.toString(), "--epochs", "1", "--output", out.toString());
        assertEquals(2, err.code());
        assertTrue(err.err().startsWith("xai4j train: --data-dir " + dir + " is not read by --dataset partshapes"), err.err());
        assertTrue(err.err().contains("--dataset folder"), err.err());
        assertTrue(Files.notExists(out));
        CliRun err2 = run("pipnet", "train", "--data-dir", dir.toString(), "--output", out.toString());
        assertEquals(2, err2.code());
        assertTrue(err2.err().startsWith("xai4j pipnet train: --data-dir"), err2.err());
    }

    @Test
    void filesWithTheSameNameInDifferentFoldersGetTheirOwnOverlays(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in");
        for (String cls : new String[] {"cat", "dog"}) {
            BufferedImage img = new BufferedImage(12, 12, BufferedImage.TYPE_INT_RGB);
            img.setRGB(cls.equals("cat") ? 1 : 10, 5, 0xffffff);
            Images.writePng(Files.createDirectories(in.resolve(cls)).resolve("0001.png"), img);
        }
        Path out = dir.resolve("out");
        assertEquals(0, Main.commandLine().execute("explain", "--torchscript", FIXTURE.toString(), "--classes", "a,b,c", "--input-size", "12",
                "--method", "gradcam", "--output-dir", out.toString(), in.toString()));
        JsonNode json = Json.MAPPER.readTree(out.resolve("explanations.json").toFile());
        assertEquals(2, json.size());
        assertNotEquals(json.get(0).get("overlay").asText(), json.get(1).get("overlay").asText());
        assertEquals(List.of("0001", "0001-2", "x", "x-2", "x-2-2"), io.xai4j.vision.experiment.ImageExplanationRun.overlayStems(List.of(Path.of("a/0001.png"),
                Path.of("b/0001.png"), Path.of("x.png"), Path.of("x.jpg"), Path.of("x-2.png"))));
    }

    @Test
    void nonPositiveBatchSizeIsRefusedByName(@TempDir Path dir) {
        CliRun err = run("explain", "--torchscript", FIXTURE.toString(), "--classes", "a,b,c", "--batch-size", "0",
                dir.toString());
        assertEquals(2, err.code());
        assertEquals("xai4j explain: --batch-size must be >= 1, got 0", err.err().strip());
    }

    @Test
    void layerOptionChoosesTheLayerGradCamAndEbReadOut(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("m.xai4j");
        List<String> classes = List.of("cat", "dog");
        try (ai.djl.ndarray.NDManager root = ai.djl.ndarray.NDManager.newBaseManager()) {
            io.xai4j.vision.model.SmallResNetConfig arch = io.xai4j.vision.model.SmallResNetConfig.forImageSize(32, 3, 2);
            io.xai4j.vision.model.CnnClassifier model = io.xai4j.vision.model.SmallResNet.create(root.newSubManager(), arch, classes, 32, 0);
            io.xai4j.vision.data.Normalization n = io.xai4j.vision.data.Normalization.imageNet();
            io.xai4j.vision.model.ModelFile.save(file, model, new io.xai4j.vision.model.ModelFile.Header(arch, classes, 32, n.mean(), n.std(), null),
                    null);
            model.close();
        }
        Path image = dir.resolve("a.png");
        Images.writePng(image, new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB));
        Path out = dir.resolve("out");
        assertEquals(0, Main.commandLine().execute("explain", "--model", file.toString(), "--method", "gradcam,eb,cam", "--layer", "layer1",
                "--output-dir", out.toString(), image.toString()));
        JsonNode json = Json.MAPPER.readTree(out.resolve("explanations.json").toFile());
        assertEquals("layer1", json.get(0).get("layer").asText(), "gradcam");
        assertEquals("layer1", json.get(1).get("layer").asText(), "eb");
        assertNotEquals("layer1", json.get(2).get("layer").asText(), "cam has no layer to choose");

        CliRun err = run("explain", "--model", file.toString(), "--layer", "nope", "--output-dir", out.toString(), image.toString());
        assertEquals(2, err.code());
        assertTrue(err.err().startsWith("xai4j explain: no layer 'nope'; layers are [stem, layer1"), err.err());
    }

    @Test
    void recordsDoNotDependOnTheBatchSizeAndNoOverlaysWritesOnlyTheJson(@TempDir Path dir) throws Exception {
        Path in = writeImages(dir.resolve("in"), 5, 12, 12);
        Path a = dir.resolve("a"), b = dir.resolve("b");
        assertEquals(0, Main.commandLine().execute("explain", "--torchscript", FIXTURE.toString(), "--classes", "a,b,c", "--input-size", "12",
                "--method", "gradcam,rise", "--rise-masks", "16", "--batch-size", "2", "--output-dir", a.toString(), in.toString()));
        assertEquals(0, Main.commandLine().execute("explain", "--torchscript", FIXTURE.toString(), "--classes", "a,b,c", "--input-size", "12",
                "--method", "gradcam,rise", "--rise-masks", "16", "--batch-size", "5", "--no-overlays", "--output-dir", b.toString(), in.toString()));
        try (java.util.stream.Stream<Path> files = Files.list(b)) {
            assertEquals(List.of(b.resolve("explanations.json")), files.toList());
        }
        JsonNode ja = Json.MAPPER.readTree(a.resolve("explanations.json").toFile());
        JsonNode jb = Json.MAPPER.readTree(b.resolve("explanations.json").toFile());
        assertEquals(10, ja.size());
        assertEquals(10, jb.size());
        java.util.Map<String, JsonNode> byKey = new java.util.HashMap<>();
        for (JsonNode r : jb) {
            assertTrue(r.get("overlay") == null, r.toString());
            byKey.put(r.get("file").asText() + "|" + r.get("method").asText(), r);
        }
        for (JsonNode r : ja) {
            assertTrue(Files.exists(a.resolve(r.get("overlay").asText())));
            JsonNode other = byKey.get(r.get("file").asText() + "|" + r.get("method").asText());
            assertEquals(r.get("target"), other.get("target"));
            JsonNode ra = r.get("raw"), rb = other.get("raw");
            assertEquals(ra.size(), rb.size());
            for (int y = 0; y < ra.size(); y++) {
                for (int x = 0; x < ra.get(y).size(); x++) {
                    double va = ra.get(y).get(x).asDouble(), vb = rb.get(y).get(x).asDouble();
                    assertEquals(va, vb, 1e-5 * Math.max(1, Math.abs(va)), r.get("file") + " " + r.get("method") + " at " + y + "," + x);
                }
            }
        }
    }

    @Test
    void targetIndexOutsideTheClassesIsRefusedBeforeAnyWork(@TempDir Path dir) throws Exception {
        Path image = dir.resolve("a.png");
        Images.writePng(image, new BufferedImage(12, 12, BufferedImage.TYPE_INT_RGB));
        Path out = dir.resolve("out");
        CliRun err = run("explain", "--torchscript", FIXTURE.toString(), "--classes", "a,b,c", "--input-size", "12", "--target", "3",
                "--output-dir", out.toString(), image.toString());
        assertEquals(2, err.code());
        assertEquals("xai4j explain: --target '3' is neither a class name [a, b, c] nor an index 0..2", err.err().strip());
        assertTrue(Files.notExists(out.resolve("explanations.json")));
    }

    @Test
    void anUnreadableImageFailsTheRunNamingItOrIsSkippedWithSkipBad(@TempDir Path dir) throws Exception {
        Path in = writeImages(dir.resolve("in"), 3, 12, 12);
        Path bad = in.resolve("img1.png");
        Files.write(bad, new byte[] {1, 2, 3, 4});
        Path out = dir.resolve("out");
        CliRun failed = run("explain", "--torchscript", FIXTURE.toString(), "--classes", "a,b,c", "--input-size", "12", "--batch-size", "2",
                "--output-dir", out.toString(), in.toString());
        assertEquals(2, failed.code());
        assertTrue(failed.err().contains(bad.toString()), failed.err());
        assertTrue(Files.notExists(out.resolve("explanations.json")), "nothing half-written");
        assertEquals(0, run("explain", "--torchscript", FIXTURE.toString(), "--classes", "a,b,c", "--input-size", "12", "--batch-size", "2",
                "--skip-bad", "--method", "gradcam,cam", "--output-dir", out.toString(), in.toString()).code());
        JsonNode json = Json.MAPPER.readTree(out.resolve("explanations.json").toFile());
        assertEquals(4, json.size(), "2 readable images × 2 methods");
        for (JsonNode r : json) {
            assertNotEquals(bad.toString(), r.get("file").asText());
            assertTrue(Files.exists(out.resolve(r.get("overlay").asText())));
        }
        Path onlyBad = Files.createDirectories(dir.resolve("bad"));
        Files.write(onlyBad.resolve("x.png"), new byte[] {9});
        CliRun none = run("explain", "--torchscript", FIXTURE.toString(), "--classes", "a,b,c", "--input-size", "12", "--skip-bad",
                "--output-dir", dir.resolve("out-bad").toString(), onlyBad.toString());
        assertEquals(2, none.code());
        assertTrue(none.err().contains("none of the 1 image files could be read"), none.err());
        assertEquals(0, run("explain", "--torchscript", FIXTURE.toString(), "--classes", "a,b,c", "--input-size", "12", "--method",
                "gradcam,gradcam", "--output-dir", dir.resolve("dup").toString(), in.resolve("img0.png").toString()).code());
        assertEquals(1, Json.MAPPER.readTree(dir.resolve("dup").resolve("explanations.json").toFile()).size(), "a repeated method runs once");
        assertEquals(List.of("img0.gradcam.png", "img0.cam.png", "img2.gradcam.png", "img2.cam.png"),
                List.of(json.get(0).get("overlay").asText(), json.get(1).get("overlay").asText(), json.get(2).get("overlay").asText(),
                        json.get(3).get("overlay").asText()), "records and overlays keep each image's own name");
    }
}

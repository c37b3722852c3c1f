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

    private static String[] explain(Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("explain", "--torchscript", FIXTURE.toString(), "--classes", "a,b,c",
                "--input-size", "12", "--method", "gradcam", "--output-dir", out.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** An image whose pixels differ, {@code width}×{@code height}, at {@code file}. */
    private static Path image(Path file, int width, int height) throws java.io.IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, (x * 13 % 256) << 16 | (y * 21 % 256) << 8 | ((x + y) * 7 % 256));
            }
        }
        Images.writePng(Files.createDirectories(file.getParent()).resolve(file.getFileName()), img);
        return file;
    }

    @Test
    void targetLabelExplainsEachImagesClassFolderAndATargetFileEachImagesLine(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in");
        image(in.resolve("a/x.png"), 12, 12);
        image(in.resolve("c/sub/y.png"), 12, 12);
        Path out = dir.resolve("out");
        assertEquals(0, run(explain(out, "--target", "label", in.toString())).code());
        JsonNode json = Json.MAPPER.readTree(out.resolve("explanations.json").toFile());
        assertEquals(List.of(0, 2), List.of(json.get(0).get("targetIndex").asInt(), json.get(1).get("targetIndex").asInt()),
                "a/x.png is explained for a, c/sub/y.png for c (the first folder under the one given)");
        CliRun byName = run(explain(out, "--target", "label", in.resolve("c/sub/y.png").toString()));
        assertEquals(2, byName.code());
        assertTrue(byName.err().contains("is in folder 'sub', which is not a class of the model"), "a file given by name: its own folder");

        Path csv = dir.resolve("targets.csv");
        Files.writeString(csv, "file,class\n\nx.png,c\n" + in.resolve("c/sub/y.png").toAbsolutePath() + ",1\nnot-an-input.png,a\n");
        assertEquals(0, run(explain(out, "--target-file", csv.toString(), in.toString())).code());
        json = Json.MAPPER.readTree(out.resolve("explanations.json").toFile());
        assertEquals("c", json.get(0).get("target").asText(), "x.png,c (header and empty line skipped; lines of other images ignored)");
        assertEquals("b", json.get(1).get("target").asText(), "the absolute path of y.png, class index 1");

        Files.writeString(csv, "x.png,c\n");
        CliRun missing = run(explain(out, "--target-file", csv.toString(), in.toString()));
        assertEquals(2, missing.code());
        assertEquals("xai4j explain: --target-file " + csv + " has no line for " + in.resolve("c/sub/y.png") + "; every image needs file,class",
                missing.err().strip());
        Files.writeString(csv, "x.png,c\ny.png,cat\n");
        assertEquals("xai4j explain: --target-file " + csv + " line 2: class 'cat' is neither a class name [a, b, c] nor an index 0..2",
                run(explain(out, "--target-file", csv.toString(), in.toString())).err().strip());
        Files.writeString(csv, "x.png,c\ny.png\n");
        assertEquals("xai4j explain: --target-file " + csv + " line 2: expected file,class, got 1 field",
                run(explain(out, "--target-file", csv.toString(), in.toString())).err().strip());
        Files.writeString(csv, "x.png,c\ny.png,a\nsub/y.png,b\n");
        assertEquals("b", run(explain(out, "--target-file", csv.toString(), in.toString())).code() == 0
                ? Json.MAPPER.readTree(out.resolve("explanations.json").toFile()).get(1).get("target").asText() : "failed",
                "the longest matching ending wins: sub/y.png over y.png");
        Files.writeString(csv, "x.png,c\n./x.png,a\n");
        assertEquals("xai4j explain: --target-file " + csv + " line 2: ./x.png is listed again (first on line 1)",
                run(explain(out, "--target-file", csv.toString(), in.toString())).err().strip());
        image(in.resolve("b/x.png"), 12, 12);
        Files.writeString(csv, "x.png,c\ny.png,a\n");
        assertEquals("xai4j explain: --target-file " + csv + " line 1: x.png matches both " + in.resolve("a/x.png") + " and "
                + in.resolve("b/x.png") + "; write enough of the path to tell them apart",
                run(explain(out, "--target-file", csv.toString(), in.toString())).err().strip());
        Files.delete(in.resolve("b/x.png"));
        assertEquals("xai4j explain: --target-file " + dir.resolve("none.csv") + ": file not found",
                run(explain(out, "--target-file", dir.resolve("none.csv").toString(), in.toString())).err().strip());
        image(dir.resolve("flat/z.png"), 12, 12);
        assertEquals("xai4j explain: --target label: " + dir.resolve("flat/z.png") + " is in folder 'flat', which is not a class of the model"
                + " [a, b, c]; give a folder with class subfolders, or a --target-file",
                run(explain(out, "--target", "label", dir.resolve("flat").toString())).err().strip());
    }

    /** The float32 values of a .npy file after checking its header names {@code <f4}, C order and the shape. */
    private static float[] readNpy(Path file, int rows, int cols) throws java.io.IOException {
        byte[] b = Files.readAllBytes(file);
        int headerLength = (b[8] & 0xFF) | (b[9] & 0xFF) << 8;
        String header = new String(b, 10, headerLength, java.nio.charset.StandardCharsets.US_ASCII).strip();
        assertEquals("{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }", header, file.toString());
        java.nio.FloatBuffer data = java.nio.ByteBuffer.wrap(b, 10 + headerLength, b.length - 10 - headerLength)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] out = new float[data.remaining()];
        data.get(out);
        assertEquals(rows * cols, out.length, file.toString());
        return out;
    }

    @Test
    void npyWritesTheRawMapAsTheJsonHasItAndTheMapAtInputSize(@TempDir Path dir) throws Exception {
        Path in = image(dir.resolve("in/photo.png"), 20, 16);
        Path out = dir.resolve("out");
        assertEquals(0, run(explain(out, "--npy", "--no-overlays", in.toString())).code());
        JsonNode r = Json.MAPPER.readTree(out.resolve("explanations.json").toFile()).get(0);
        assertEquals("photo.gradcam.raw.npy", r.get("rawNpy").asText());
        assertEquals("photo.gradcam.npy", r.get("npy").asText());
        JsonNode raw = r.get("raw");
        float[] values = readNpy(out.resolve("photo.gradcam.raw.npy"), raw.size(), raw.get(0).size());
        float[][] rawMap = new float[raw.size()][raw.get(0).size()];
        for (int y = 0; y < raw.size(); y++) {
            for (int x = 0; x < raw.get(0).size(); x++) {
                rawMap[y][x] = (float) raw.get(y).get(x).asDouble();
                assertEquals(rawMap[y][x], values[y * raw.get(0).size() + x], "raw map at " + y + "," + x);
            }
        }
        float[][] expected = io.xai4j.core.explain.MapOps.upsampleBilinear(rawMap, 12, 12);
        io.xai4j.core.explain.MapOps.minMaxNormaliseInPlace(expected);
        float[] map = readNpy(out.resolve("photo.gradcam.npy"), 12, 12);
        for (int k = 0; k < map.length; k++) {
            assertEquals(expected[k / 12][k % 12], map[k], 1e-6, "map at input size, pixel " + k);
        }
    }

    /** Each channel's distance between two pictures of the same size, at most. */
    private static int maxDifference(BufferedImage a, BufferedImage b, int x0, int x1) {
        int worst = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = x0; x < x1; x++) {
                int p = a.getRGB(x, y), q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    worst = Math.max(worst, Math.abs((p >> shift & 255) - (q >> shift & 255)));
                }
            }
        }
        return worst;
    }

    @Test
    void overlaysAtTheOriginalSizeHaveTheFilesSizeAndTintOnlyTheCropTheModelSaw(@TempDir Path dir) throws Exception {
        Path in = image(dir.resolve("in/wide.png"), 20, 12);
        BufferedImage original = javax.imageio.ImageIO.read(in.toFile());
        Path out = dir.resolve("out");
        assertEquals(0, run(explain(out, "--overlay-size", "original", "--alpha", "0", in.toString())).code());
        BufferedImage overlay = javax.imageio.ImageIO.read(out.resolve("wide.gradcam.png").toFile());
        assertEquals(List.of(20, 12), List.of(overlay.getWidth(), overlay.getHeight()), "the file's size, not the 12×12 input");
        assertEquals(0, maxDifference(original, overlay, 0, 20), "alpha 0: the original image itself");
        assertTrue(Main.commandLine().getSubcommands().get("explain").getUsageMessage().replaceAll("\\s+", " ")
                .contains("jet, viridis, plasma, inferno, magma, turbo, gray"), "--help lists the colour maps");

        // --resize crop: the model saw the central 12×12 (x 4..15); alpha 1 and gray show the map there as grey levels
        assertEquals(0, run(explain(out, "--overlay-size", "original", "--resize", "crop", "--alpha", "1", "--colormap", "gray",
                in.toString())).code());
        overlay = javax.imageio.ImageIO.read(out.resolve("wide.gradcam.png").toFile());
        assertEquals(0, maxDifference(original, overlay, 0, 4), "left of the crop: untouched");
        assertEquals(0, maxDifference(original, overlay, 16, 20), "right of the crop: untouched");
        JsonNode raw = Json.MAPPER.readTree(out.resolve("explanations.json").toFile()).get(0).get("raw");
        float[][] rawMap = new float[raw.size()][raw.get(0).size()];
        for (int y = 0; y < raw.size(); y++) {
            for (int x = 0; x < raw.get(0).size(); x++) {
                rawMap[y][x] = (float) raw.get(y).get(x).asDouble();
            }
        }
        float[][] map = io.xai4j.core.explain.MapOps.upsampleBilinear(rawMap, 12, 12);
        io.xai4j.core.explain.MapOps.minMaxNormaliseInPlace(map);
        for (int y = 0; y < 12; y++) {
            for (int x = 0; x < 12; x++) {
                int grey = (int) Math.round((double) map[y][x] * 255);
                assertEquals(grey << 16 | grey << 8 | grey, overlay.getRGB(x + 4, y) & 0xFFFFFF, "crop pixel " + x + "," + y);
            }
        }
    }
}

package io.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.JsonNode;
import io.xai4j.core.io.Json;
import io.xai4j.vision.data.ImageFolderDataset;
import io.xai4j.vision.data.Normalization;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench}: one measurement behind the printed table, the ratios and the JSON; the engine's threads; real images. */
class BenchCommandTest {

    private static final Path THREE = Path.of("../xai4j-vision/src/test/resources/torchscript/tiny_frozen.pt");

    /** Exit code and what the command printed (Console.info) while it ran. */
    private record Printed(int code, String out) {}

    private static Printed run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = Main.commandLine().execute(args);
        } finally {
            System.setOut(stdout);
        }
        return new Printed(code, out.toString(StandardCharsets.UTF_8));
    }

    /** Grad-CAM and the contrastive gradient on the fixture at 16 px. */
    private static String[] bench(Path json, String batchSizes, String seconds, String... more) {
        List<String> a = new java.util.ArrayList<>(List.of("bench", "--torchscript", THREE.toString(), "--classes", "a,b,c", "--input-size", "16",
                "--batch-sizes", batchSizes, "--methods", "gradcam,cgrad", "--seconds", seconds, "--output", json.toString()));
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    @Test
    void thePrintedForwardRowIsTheFigureThatTheRatiosAndTheJsonUse(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("bench.json");
        Printed p = run(bench(json, "1,3", "8"));
        assertEquals(0, p.code(), p.out());
        JsonNode rows = Json.MAPPER.readTree(json.toFile()).get("rows");
        Map<String, JsonNode> byKey = new HashMap<>();
        for (JsonNode r : rows) {
            JsonNode earlier = byKey.put(r.get("method").asText() + "@" + r.get("batch").asInt(), r);
            assertEquals(null, earlier, "one row per method and batch: " + r);
        }
        assertEquals(2 * 3, rows.size(), rows.toString());
        int printedRows = 0;
        for (String line : p.out().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length != 4 || !byKey.containsKey(f[0] + "@" + f[1])) {
                continue;
            }
            JsonNode r = byKey.get(f[0] + "@" + f[1]);
            JsonNode forward = byKey.get("forward@" + f[1]);
            assertEquals(r.get("imagesPerSecond").asDouble(), Double.parseDouble(f[2]), 0.051, "printed = JSON: " + line);
            assertEquals(r.get("costInForwardPasses").asDouble(), Double.parseDouble(f[3]), 0.0051, "printed = JSON: " + line);
            assertEquals(forward.get("imagesPerSecond").asDouble() / r.get("imagesPerSecond").asDouble(),
                    r.get("costInForwardPasses").asDouble(), 1e-9, "the ratio divides by the forward row: " + line);
            printedRows++;
        }
        assertEquals(6, printedRows, p.out());
    }

    @Test
    void theThreadsLineShowsTheEnginesThreadsNotTheProcessorCount(@TempDir Path dir) throws Exception {
        int before = JniUtils.getNumThreads();
        int threads = Runtime.getRuntime().availableProcessors() == 1 ? 2 : 1;
        Printed p;
        try {
            JniUtils.setNumThreads(threads);
            p = run(bench(dir.resolve("bench.json"), "1", "1"));
        } finally {
            JniUtils.setNumThreads(before);
        }
        assertEquals(0, p.code(), p.out());
        assertTrue(p.out().contains("threads: PyTorch intra-op " + threads + ", inter-op " + JniUtils.getNumInteropThreads() + " ("
                + Runtime.getRuntime().availableProcessors() + " processors)"), p.out());
        JsonNode json = Json.MAPPER.readTree(dir.resolve("bench.json").toFile());
        assertEquals(threads, json.get("intraOpThreads").asInt());
    }

    @Test
    void imagesFromAFolderAreTimedAndCycledToFillTheBatch(@TempDir Path dir) throws Exception {
        TestImages.randomPngs(dir.resolve("in"), "img", 2, 20, new SplittableRandom(3));
        Path json = dir.resolve("bench.json");
        Printed p = run(bench(json, "3", "1", "--images", dir.resolve("in").toString()));
        assertEquals(0, p.code(), p.out());
        assertTrue(p.out().contains("; 2 images from " + dir.resolve("in")), p.out());
        assertEquals(dir.resolve("in").toString(), Json.MAPPER.readTree(json.toFile()).get("images").asText());

        Normalization norm = Normalization.imageNet();
        float[] a = ImageFolderDataset.readImage(dir.resolve("in/img0.png"), 3, 16, 16);
        float[] b = ImageFolderDataset.readImage(dir.resolve("in/img1.png"), 3, 16, 16);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = BenchCommand.cycled(m, List.of(a, b), 3, new int[] {3, 16, 16}, norm);
            assertEquals(new ai.djl.ndarray.types.Shape(3, 3, 16, 16), x.getShape());
            float[] v = x.toFloatArray();
            float[][] expected = {a, b, a};
            for (int i = 0; i < 3; i++) {
                for (int k = 0; k < a.length; k++) {
                    int c = k / (16 * 16);
                    assertEquals((expected[i][k] - norm.mean()[c]) / norm.std()[c], v[i * a.length + k], 1e-5f, "image " + i + " value " + k);
                }
            }
        }
    }

    @Test
    void aFolderWithoutImagesIsOneLine(@TempDir Path dir) throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("empty"));
        CliRun r = CliRun.run(bench(dir.resolve("bench.json"), "1", "1", "--images", dir.resolve("empty").toString()));
        assertEquals(2, r.code());
        assertEquals("xai4j bench: no images (png, jpg, jpeg, bmp, gif, tif, tiff) found in [" + dir.resolve("empty") + "]", r.err().strip());
    }
}

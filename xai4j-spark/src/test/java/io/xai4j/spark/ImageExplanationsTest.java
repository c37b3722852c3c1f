package io.xai4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import io.xai4j.core.io.Json;
import io.xai4j.core.io.JsonArrayWriter;
import io.xai4j.vision.data.ImageFolderDataset;
import io.xai4j.vision.data.Normalization;
import io.xai4j.vision.experiment.ImageExplanationRun;
import io.xai4j.vision.explain.Explainers;
import io.xai4j.vision.model.ImageClassifier;
import io.xai4j.vision.model.ModelFile;
import io.xai4j.vision.model.TorchScriptClassifier;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("spark")
class ImageExplanationsTest {

    private static final int RISE_MASKS = 48;
    private static final Path TORCHSCRIPT = Path.of("../xai4j-vision/src/test/resources/torchscript/tiny_frozen.pt");

    @TempDir
    Path dir;

    /**
     * Every registered image method, on two partitions in batches of 2: each map, score and class equals what
     * {@code xai4j explain} computes on the same files in one process (one batch of all images, files read from disk).
     */
    @Test
    void everyRegisteredMethodGivesTheSingleProcessMapsRowForRow() throws Exception {
        Path model = Fixtures.cnnFile(dir);
        List<Path> files = Fixtures.pngs(dir, 5);
        Fixtures.truncatedPng(dir);
        // every method the defaults can build on the built-in CNN (NN-Explainer and post-hoc prototypes need a trained
        // file, SCOUTER a SCOUTER model)
        List<String> methods = Fixtures.supportedByTheCnn(model);

        Dataset<Row> images = LocalSpark.session().read().format("binaryFile").option("pathGlobFilter", "*.png").load(dir.toString())
                .repartition(2);
        List<Row> rows = ImageExplanations.builder().setModel(model).optMethods(methods).optBatchSize(2).optRiseMasks(RISE_MASKS)
                .build().explain(images).collectAsList();

        Map<String, JsonNode> expected;
        try (NDManager root = NDManager.newBaseManager()) {
            ModelFile.Loaded loaded = ModelFile.load(model, root);
            expected = singleProcess(loaded.model(), loaded.header().normalization(), files, methods);
        }
        assertSameAsSingleProcess(rows, expected, "truncated.png");
    }

    /**
     * The same for an exported PyTorch classifier (the frozen TorchScript fixture, what {@code explain --torchscript}
     * takes): every method it supports.
     */
    @Test
    void aTorchScriptExportGivesTheSingleProcessMapsRowForRow() throws Exception {
        List<Path> files = Fixtures.pngs(dir, 3);
        ImageExplanations.TorchScript spec = new ImageExplanations.TorchScript(List.of("x", "y", "z"), 16, new float[] {0.485f, 0.456f, 0.406f},
                new float[] {0.229f, 0.224f, 0.225f});
        Map<String, JsonNode> expected;
        List<String> methods;
        try (ImageClassifier net = TorchScriptClassifier.load(TORCHSCRIPT, spec.classes(), new int[] {3, 16, 16})) {
            methods = Explainers.supported(Explainers.names(), net, io.xai4j.core.explain.MethodOptions.defaults());
            expected = singleProcess(net, new Normalization(spec.mean(), spec.std()), files, methods);
        }
        assertTrue(methods.contains("gradcam") && methods.contains("rise"), "the fixture supports the layer methods and RISE: " + methods);
        Dataset<Row> images = LocalSpark.session().read().format("binaryFile").load(dir.toString()).repartition(2);
        List<Row> rows = ImageExplanations.builder().setTorchScript(TORCHSCRIPT, spec).optMethods(methods).optBatchSize(2)
                .optRiseMasks(RISE_MASKS).build().explain(images).collectAsList();
        assertSameAsSingleProcess(rows, expected, null);
    }

    /** Rows equal to {@code expected} (records by file and method); {@code badFile}: the one file that gives an error row. */
    private static void assertSameAsSingleProcess(List<Row> rows, Map<String, JsonNode> expected, String badFile) throws Exception {
        Map<String, Row> actual = new HashMap<>();
        Row error = null;
        for (Row r : rows) {
            if (r.isNullAt(r.fieldIndex("method"))) {
                assertNull(error, "one error row for the one unreadable file, got another: " + r);
                error = r;
                continue;
            }
            String key = Path.of(java.net.URI.create(r.getString(0))) + " " + r.getString(1);
            assertNull(actual.put(key, r), "a second row for " + key);
            assertNull(r.get(r.fieldIndex("error")), key);
        }
        assertEquals(expected.keySet(), actual.keySet(), "one row per readable image and method");
        for (Map.Entry<String, JsonNode> e : expected.entrySet()) {
            JsonNode want = e.getValue();
            Row got = actual.get(e.getKey());
            String at = e.getKey();
            assertEquals(want.get("predicted").asText(), got.getString(got.fieldIndex("predicted")), at);
            assertEquals(want.get("targetIndex").asInt(), got.getInt(got.fieldIndex("targetIndex")), at);
            assertClose(want.get("targetScore").floatValue(), got.getFloat(got.fieldIndex("targetScore")), at + " targetScore");
            assertEquals(want.get("degenerate").asBoolean(), got.getBoolean(got.fieldIndex("degenerate")), at);
            List<scala.collection.Seq<Float>> raw = got.getList(got.fieldIndex("raw"));
            JsonNode wantRaw = want.get("raw");
            assertEquals(wantRaw.size(), raw.size(), at + " raw height");
            for (int y = 0; y < raw.size(); y++) {
                assertEquals(wantRaw.get(y).size(), raw.get(y).size(), at + " raw width");
                for (int x = 0; x < raw.get(y).size(); x++) {
                    assertClose(wantRaw.get(y).get(x).floatValue(), raw.get(y).apply(x), at + " raw[" + y + "][" + x + "]");
                }
            }
            assertTrue(Json.MAPPER.readTree(got.getString(got.fieldIndex("params"))).isObject(), at + " params as JSON");
        }
        if (badFile == null) {
            assertNull(error);
            return;
        }
        assertTrue(error != null && error.getString(0).endsWith(badFile) && error.getString(error.fieldIndex("error")).contains(badFile)
                && error.getString(error.fieldIndex("error")).contains("corrupt or truncated image"),
                "the truncated file gives one row naming it, its error the decoder's: " + error);
    }

    /** What {@code xai4j explain --no-overlays} writes for {@code files}: its records by file and method. */
    private static Map<String, JsonNode> singleProcess(ImageClassifier net, Normalization norm, List<Path> files, List<String> methods)
            throws Exception {
        Map<String, JsonNode> records = new HashMap<>();
        int[] shape = net.inputShape();
        ImageExplanationRun.Settings s = new ImageExplanationRun.Settings(methods, null, 16, RISE_MASKS, 0, null, ImageExplanationRun.Outputs.NONE, false);
        ImageExplanationRun.Source source = new ImageExplanationRun.Source() {
            @Override
            public int size() {
                return files.size();
            }

            @Override
            public String name(int i) {
                return files.get(i).toString();
            }

            @Override
            public float[] pixels(int i) {
                return ImageFolderDataset.readImage(files.get(i), shape[0], shape[1], shape[2]);
            }
        };
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonArrayWriter json = JsonArrayWriter.toStream(bytes)) {
            ImageExplanationRun.run(net, ImageExplanationRun.explainers(net, s), norm, source, null, s, json, k -> { });
            json.commit();
        }
        Json.MAPPER.readTree(bytes.toString(StandardCharsets.UTF_8)).forEach(r -> records.put(r.get("file").asText() + " " + r.get("method").asText(), r));
        return records;
    }

    static void assertClose(float expected, float actual, String what) {
        assertTrue(Math.abs(expected - actual) <= 1e-5f * Math.max(1f, Math.abs(expected)), what + ": expected " + expected + ", got " + actual);
    }
}

package io.xai4j.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonTest {

    record Purity(double mean, double std, float share, int prototypes) {}

    @Test
    void undefinedNumbersBecomeNullAtEveryDepthAndTheRestStays() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("top1", 0.5);
        m.put("fpr95", Double.NaN);
        m.put("purity", new Purity(Double.NaN, Double.POSITIVE_INFINITY, Float.NaN, 3));
        m.put("curve", List.of(1.0, Double.NEGATIVE_INFINITY));
        String text = Json.MAPPER.writeValueAsString(Json.withNullForNaN(m));
        assertTrue(!text.contains("NaN") && !text.contains("Infinity"), text);
        JsonNode back = Json.MAPPER.readTree(text);
        assertEquals(0.5, back.get("top1").doubleValue());
        assertTrue(back.get("fpr95").isNull());
        assertTrue(back.get("purity").get("mean").isNull());
        assertTrue(back.get("purity").get("std").isNull());
        assertTrue(back.get("purity").get("share").isNull());
        assertEquals(3, back.get("purity").get("prototypes").intValue());
        assertEquals(1.0, back.get("curve").get(0).doubleValue());
        assertTrue(back.get("curve").get(1).isNull());
        // without it Jackson writes a string, which a JSON reader takes for text
        assertTrue(Json.MAPPER.writeValueAsString(m).contains("\"NaN\""));
    }

    record Scores(String method, double fidelity, double[] perClass, float[][] maps, Map<String, Double> flags, Float share) {}

    /** Every kind of place a number takes in xai4j's results: record fields, arrays, maps, boxed values, JSON trees. */
    private static Map<String, Object> results(double undefined) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("top1", 0.1);
        m.put("fpr95", undefined);
        m.put("scores", List.of(new Scores("CAM", undefined, new double[] {0.25, undefined, 1e-7}, new float[][] {{0.1f, (float) undefined},
            {Float.MIN_VALUE, -3.4e38f}}, Map.of("droppedMass", undefined), (float) undefined)));
        com.fasterxml.jackson.databind.node.ObjectNode tree = Json.MAPPER.createObjectNode();
        tree.put("auroc", undefined).put("count", 3).putArray("values").add(undefined).add((float) undefined).add(2.5);
        m.put("tree", tree);
        m.put("curve", List.of(1.0, undefined, Math.PI));
        return m;
    }

    /**
     * Json.write, Json.writeFile and JsonArrayWriter write every NaN and ±Inf as null, at every depth and in every
     * container (before, each call site had to wrap its value in withNullForNaN, and most did not: graph evaluate's and
     * graph train --dataset's JSON held the string "NaN"), and every finite number exactly as Jackson does.
     */
    @Test
    void writtenJsonHoldsNullForUndefinedNumbersAndFiniteOnesAsJacksonWritesThem(@TempDir Path dir) throws Exception {
        for (double undefined : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            String text = Json.write(results(undefined));
            assertTrue(!text.contains("NaN") && !text.contains("Infinity"), text);
            assertEquals(Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(Json.withNullForNaN(results(undefined)))), Json.MAPPER.readTree(text),
                    "the same tree as withNullForNaN gives");
            JsonNode back = Json.MAPPER.readTree(text);
            JsonNode cam = back.get("scores").get(0);
            assertTrue(back.get("fpr95").isNull() && cam.get("fidelity").isNull() && cam.get("perClass").get(1).isNull()
                    && cam.get("maps").get(0).get(1).isNull() && cam.get("flags").get("droppedMass").isNull() && cam.get("share").isNull()
                    && back.get("tree").get("auroc").isNull() && back.get("tree").get("values").get(0).isNull()
                    && back.get("tree").get("values").get(1).isNull() && back.get("curve").get(1).isNull(), text);
            assertEquals(1e-7, cam.get("perClass").get(2).doubleValue());
            assertEquals(3, back.get("tree").get("count").intValue());

            Path file = dir.resolve("results.json");
            Json.writeFile(file, results(undefined));
            assertEquals(text, Files.readString(file));

            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (JsonArrayWriter w = JsonArrayWriter.toStream(bytes)) {
                w.write(results(undefined));
                w.commit();
            }
            assertEquals(back, Json.MAPPER.readTree(bytes.toString(java.nio.charset.StandardCharsets.UTF_8)).get(0));
        }
        // finite numbers: byte for byte as the mapper writes them
        Map<String, Object> finite = results(0.3f);
        assertEquals(Json.MAPPER.writeValueAsString(finite), Json.write(finite));
    }

    @Test
    void aFolderIsRefusedAsAFileTargetWithoutATemporaryFile(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectory(dir.resolve("model.xai4j"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AtomicFiles.writeString(folder, "x"));
        assertEquals("cannot write " + folder + ": it is a folder; give a file name", e.getMessage());
        try (var s = Files.list(dir)) {
            assertEquals(List.of(folder), s.toList(), "no temporary file left beside it");
        }
    }
}

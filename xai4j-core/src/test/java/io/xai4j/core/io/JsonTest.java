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

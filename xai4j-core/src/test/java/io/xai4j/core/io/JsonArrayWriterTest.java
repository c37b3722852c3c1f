package io.xai4j.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonArrayWriterTest {

    record Point(String name, float[] raw, double score) {}

    private static List<Object> elements() {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", "img" + i + ".png");
            m.put("raw", new float[][] {{i, 0.5f}, {-1e-7f, Float.MIN_VALUE}});
            m.put("point", new Point("p" + i, new float[] {i / 3f}, Math.PI * i));
            out.add(m);
        }
        return out;
    }

    @Test
    void streamedArrayReadsBackAsTheWholeListWrittenAtOnce(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/out.json");
        try (JsonArrayWriter w = JsonArrayWriter.toFile(file)) {
            for (Object e : elements()) {
                w.write(e);
            }
            assertEquals(5, w.count());
            assertFalse(Files.exists(file), "the file appears only on commit");
            w.commit();
        }
        assertEquals(Json.MAPPER.readTree(Json.write(elements())), Json.MAPPER.readTree(file.toFile()));
        try (Stream<Path> s = Files.list(file.getParent())) {
            assertEquals(List.of(file), s.toList(), "no temporary file is left");
        }
    }

    @Test
    void emptyArrayIsValidJson() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonArrayWriter w = JsonArrayWriter.toStream(bytes)) {
            w.commit();
        }
        assertEquals(0, Json.MAPPER.readTree(bytes.toString(StandardCharsets.UTF_8)).size());
    }

    @Test
    void failureHalfWayLeavesThePreviousFileUntouchedAndNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out.json");
        Files.writeString(file, "[\"previous run\"]");
        assertThrows(IllegalStateException.class, () -> {
            try (JsonArrayWriter w = JsonArrayWriter.toFile(file)) {
                w.write(elements().get(0));
                throw new IllegalStateException("killed half-way");
            }
        });
        assertEquals("[\"previous run\"]", Files.readString(file));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(file), s.toList());
        }
    }
}

package io.xai4j.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;

/** One configured Jackson mapper for every JSON file xai4j reads or writes. */
public final class Json {

    /** Shared mapper: pretty output, NaN written as JSON-compatible strings is avoided by callers. */
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {}

    /** Serialises a value (records included) to pretty JSON. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + value.getClass().getSimpleName() + " to JSON", e);
        }
    }

    /** Writes a value as JSON to a file, atomically. */
    public static void writeFile(Path file, Object value) {
        AtomicFiles.writeString(file, write(value));
    }
}

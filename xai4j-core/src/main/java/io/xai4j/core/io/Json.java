package io.xai4j.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;

/** One configured Jackson mapper for every JSON file xai4j reads or writes. */
public final class Json {

    /** Shared mapper: pretty output; undefined (NaN) metrics are written as null through {@link #withNullForNaN}. */
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

    /**
     * The value as a JSON tree in which every non-finite number (NaN, ±Inf: an undefined metric) is null, as JSON
     * has no NaN and Jackson would otherwise write the string "NaN".
     */
    public static com.fasterxml.jackson.databind.JsonNode withNullForNaN(Object value) {
        com.fasterxml.jackson.databind.JsonNode tree = MAPPER.valueToTree(value);
        return replaceNonFinite(tree);
    }

    private static com.fasterxml.jackson.databind.JsonNode replaceNonFinite(com.fasterxml.jackson.databind.JsonNode node) {
        if (node.isNumber() && !Double.isFinite(node.doubleValue())) {
            return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        }
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
            java.util.List<String> names = new java.util.ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                o.set(name, replaceNonFinite(o.get(name)));
            }
        } else if (node instanceof com.fasterxml.jackson.databind.node.ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, replaceNonFinite(a.get(i)));
            }
        }
        return node;
    }

    /** Writes a value as JSON to a file, atomically. */
    public static void writeFile(Path file, Object value) {
        AtomicFiles.writeString(file, write(value));
    }
}

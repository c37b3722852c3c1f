package io.xai4j.core.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * One configured Jackson mapper for every JSON file xai4j reads or writes.
 *
 * <p>JSON has no NaN: {@link #write}, {@link #writeFile} and {@link JsonArrayWriter} write every non-finite number
 * (NaN, ±Inf: an undefined metric) as null, at any depth, and every finite number exactly as {@link #MAPPER} does
 * (Jackson alone writes the string "NaN", which a JSON reader takes for text).
 */
public final class Json {

    /** Shared mapper: pretty output. Written through it directly, an undefined (NaN) number is the string "NaN". */
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {}

    /** Serialises a value (records included) to pretty JSON, a non-finite number as null. */
    public static String write(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new NullForNonFinite(MAPPER.createGenerator(out))) {
            MAPPER.writeValue(g, value);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialise " + value.getClass().getSimpleName() + " to JSON", e);
        }
        return out.toString();
    }

    /**
     * A generator of {@link #MAPPER} onto {@code out} (left open on close) that writes a non-finite number as null,
     * for a value written piece by piece ({@link JsonArrayWriter}).
     */
    static JsonGenerator generator(OutputStream out) {
        try {
            JsonGenerator g = MAPPER.createGenerator(out);
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            return new NullForNonFinite(g);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start JSON output: " + e.getMessage(), e);
        }
    }

    /**
     * The value as a JSON tree in which every non-finite number (NaN, ±Inf: an undefined metric) is null, for a tree
     * used otherwise than written by {@link #write} or {@link #writeFile}, which do this themselves.
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

    /** Writes a value as JSON to a file, atomically, a non-finite number as null (see {@link #write}). */
    public static void writeFile(Path file, Object value) {
        AtomicFiles.writeString(file, write(value));
    }

    /**
     * Writes null where the generator it wraps would write a non-finite float or double (Jackson's "NaN" string), and
     * everything else unchanged. Copy methods go through it too, and a double array element by element.
     */
    private static final class NullForNonFinite extends JsonGeneratorDelegate {

        NullForNonFinite(JsonGenerator d) {
            super(d, false);
        }

        @Override
        public void writeNumber(double v) throws IOException {
            if (Double.isFinite(v)) {
                super.writeNumber(v);
            } else {
                writeNull();
            }
        }

        @Override
        public void writeNumber(float v) throws IOException {
            if (Float.isFinite(v)) {
                super.writeNumber(v);
            } else {
                writeNull();
            }
        }

        @Override
        public void writeArray(double[] array, int offset, int length) throws IOException {
            _verifyOffsets(array.length, offset, length);
            writeStartArray(array, length);
            for (int i = offset; i < offset + length; i++) {
                writeNumber(array[i]);
            }
            writeEndArray();
        }
    }
}

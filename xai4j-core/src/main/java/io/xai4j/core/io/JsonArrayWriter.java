package io.xai4j.core.io;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Writes a JSON array one element at a time, so that a run over any number of inputs holds one batch of
 * records in memory instead of all of them. Elements are serialised with {@link Json#MAPPER}, a non-finite
 * number as null (a record written here reads back exactly as {@code Json.write(List.of(...))} would have written it).
 *
 * <p>{@link #toFile(Path)} writes atomically: the file appears, complete, on {@link #commit()}; a writer
 * closed without a commit (an exception half-way) leaves no file behind.
 *
 * <pre>{@code
 * try (JsonArrayWriter out = JsonArrayWriter.toFile(dir.resolve("explanations.json"))) {
 *     for (...) { out.write(record); }
 *     out.commit();
 * }
 * }</pre>
 */
public final class JsonArrayWriter implements AutoCloseable {

    private final JsonGenerator generator;
    private final AtomicFiles.Pending file;
    private long written;

    private JsonArrayWriter(OutputStream out, AtomicFiles.Pending file) {
        this.file = file;
        this.generator = Json.generator(out);
        try {
            generator.useDefaultPrettyPrinter();
            generator.writeStartArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a JSON array: " + e.getMessage(), e);
        }
    }

    /** A writer to {@code target}, published atomically by {@link #commit()}. */
    public static JsonArrayWriter toFile(Path target) {
        AtomicFiles.Pending pending = AtomicFiles.open(target).deleteOnExit();
        try {
            return new JsonArrayWriter(pending.stream(), pending);
        } catch (RuntimeException e) {
            pending.close();
            throw e;
        }
    }

    /** A writer to a stream the caller owns (it is flushed by {@link #commit()}, never closed). */
    public static JsonArrayWriter toStream(OutputStream out) {
        return new JsonArrayWriter(out, null);
    }

    /** Appends one element. */
    public void write(Object element) {
        try {
            Json.MAPPER.writeValue(generator, element);
            written++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write element " + written + " of a JSON array: " + e.getMessage(), e);
        }
    }

    /** Elements written so far. */
    public long count() {
        return written;
    }

    /** Ends the array and, for a file, publishes it. */
    public void commit() {
        try {
            generator.writeEndArray();
            generator.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot end a JSON array: " + e.getMessage(), e);
        }
        if (file != null) {
            file.commit();
        }
    }

    /** Without a {@link #commit()} before, a file target is left as it was. */
    @Override
    public void close() {
        if (file != null) {
            file.close();
        }
    }
}

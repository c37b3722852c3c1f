package io.xai4j.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * A model file read once on the driver and shipped to the executors as a broadcast, so that no executor needs the
 * driver's file system: on an executor {@link #localFile()} writes it once per JVM to a local temporary file, which the
 * model loaders ({@code ModelFile.load}, {@code Gcn.load}) read.
 *
 * @param name the driver's path, named in errors
 * @param sha256 the file's digest: the executor-side key of the file and of the loaded models
 */
record ModelBytes(String name, String sha256, Broadcast<byte[]> bytes) implements Serializable {

    private static final ConcurrentHashMap<String, Path> LOCAL = new ConcurrentHashMap<>();

    /**
     * Reads {@code file} on the driver and broadcasts it.
     *
     * @throws IllegalArgumentException naming the file when it is missing or unreadable (before any task starts)
     */
    static ModelBytes broadcast(SparkSession spark, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("model file not found: " + file + " (the driver reads it and broadcasts it to the executors)");
        }
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model file " + file + ": " + e.getMessage(), e);
        }
        Broadcast<byte[]> b = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(content);
        return new ModelBytes(file.toString(), sha256(content), b);
    }

    /** The model as a local file on this JVM, written on first use. */
    Path localFile() {
        return LOCAL.computeIfAbsent(sha256, k -> {
            try {
                Path f = Files.createTempFile("xai4j-model-" + k.substring(0, 12) + "-", fileName());
                f.toFile().deleteOnExit();
                Files.write(f, bytes.value());
                return f;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write a local copy of model file " + name + ": " + e.getMessage(), e);
            }
        });
    }

    /** The driver's file name (loaders may read the extension). */
    private String fileName() {
        String n = Path.of(name).getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot);
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}

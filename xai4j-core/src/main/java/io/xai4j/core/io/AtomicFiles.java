package io.xai4j.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes files so that a reader never sees a half-written one: temp file in the same folder, then rename. */
public final class AtomicFiles {

    private AtomicFiles() {}

    /** Something that writes a file's content to a stream. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /** Writes {@code target} atomically; parent folders are created. */
    public static void write(Path target, Writer writer) {
        try (Pending file = open(target)) {
            writer.write(file.stream());
            file.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens a file to be written over time (e.g. one record per processed batch) and published only by
     * {@link Pending#commit()}; closing it without a commit deletes the temporary file and leaves
     * {@code target} as it was. Parent folders are created.
     */
    public static Pending open(Path target) {
        if (Files.isDirectory(target)) {
            throw new IllegalArgumentException("cannot write " + target + ": it is a folder; give a file name");
        }
        Path parent = target.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, "." + target.getFileName() + ".", ".tmp");
            try {
                return new Pending(target, tmp, new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16));
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** A file being written: {@link #stream()} goes to a temporary file beside the target. */
    public static final class Pending implements AutoCloseable {
        private final Path target;
        private final Path tmp;
        private final OutputStream out;
        private boolean open = true;

        private Pending(Path target, Path tmp, OutputStream out) {
            this.target = target;
            this.tmp = tmp;
            this.out = out;
        }

        /** The stream to write the content to; do not close it (commit and close do). */
        public OutputStream stream() {
            return out;
        }

        /** Flushes, closes and renames the temporary file onto the target. */
        public void commit() {
            try {
                close(out);
                readableByAll(tmp);
                try {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
            }
        }

        /**
         * Also removes the temporary file when the JVM exits normally or on an interrupt (Ctrl-C) before a commit,
         * for files written over a long run; not for kill -9.
         */
        public Pending deleteOnExit() {
            tmp.toFile().deleteOnExit();
            return this;
        }

        /** Deletes the temporary file if it was not committed. */
        @Override
        public void close() {
            try {
                try {
                    close(out);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + tmp + ": " + e.getMessage(), e);
            }
        }

        private void close(OutputStream s) throws IOException {
            if (open) {
                open = false;
                s.close();
            }
        }
    }

    /** Temp files are created owner-only; the finished file gets the usual rw-r--r--. */
    private static void readableByAll(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep the platform default
        }
    }

    /** Writes a UTF-8 string atomically. */
    public static void writeString(Path target, String content) {
        write(target, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
    }
}

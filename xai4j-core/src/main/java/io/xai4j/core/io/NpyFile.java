package io.xai4j.core.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A 2-D float array as a NumPy {@code .npy} file (format version 1.0: the magic {@code \x93NUMPY}, the version, a
 * little-endian header length, an ASCII header dict padded with spaces and a newline so that the data starts at a
 * multiple of 64 bytes, then the values row by row as little-endian float32), readable by {@code numpy.load}.
 *
 * <p>Written here rather than taken from a library: no maintained Java {@code .npy} writer is served to this build, and
 * DJL's NumPy encoder is internal to its {@code NDList} zip format and needs native arrays.
 */
public final class NpyFile {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    private static final int ALIGN = 64;

    private NpyFile() {}

    /** The bytes of the {@code .npy} file of {@code rows} [h][w] (every row of the same length): dtype {@code <f4}, shape (h, w). */
    public static byte[] encode(float[][] rows) {
        int h = rows.length, w = h == 0 ? 0 : rows[0].length;
        StringBuilder header = new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': (" + h + ", " + w + "), }");
        int prefix = MAGIC.length + 2;
        while ((prefix + header.length() + 1) % ALIGN != 0) {
            header.append(' ');
        }
        header.append('\n');
        byte[] text = header.toString().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer out = ByteBuffer.allocate(prefix + text.length + 4 * h * w).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).putShort((short) text.length).put(text);
        for (float[] row : rows) {
            if (row.length != w) {
                throw new IllegalArgumentException("rows of " + w + " and " + row.length + " values: a .npy array is rectangular");
            }
            for (float v : row) {
                out.putFloat(v);
            }
        }
        return out.array();
    }

    /** Writes {@link #encode}'s bytes to {@code file} atomically. */
    public static void write(Path file, float[][] rows) {
        byte[] bytes = encode(rows);
        AtomicFiles.write(file, out -> out.write(bytes));
    }
}

package io.xai4j.core.io;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;

/** Length-prefixed byte blocks, the unit of xai4j's binary model and checkpoint files. */
public final class Blocks {

    private Blocks() {}

    /** Writes the length (big-endian int) and then the bytes. */
    public static void write(DataOutputStream d, byte[] bytes) throws IOException {
        d.writeInt(bytes.length);
        d.write(bytes);
    }

    /** Reads one block written by {@link #write}; a negative length is reported as a corrupt {@code file}. */
    public static byte[] read(DataInputStream d, Path file) throws IOException {
        int n = d.readInt();
        if (n < 0) {
            throw new IllegalArgumentException(file + " is corrupt: negative block length");
        }
        byte[] b = new byte[n];
        d.readFully(b);
        return b;
    }
}

package io.xai4j.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The .npy v1.0 layout read back byte by byte, as numpy/lib/format.py specifies it. */
class NpyFileTest {

    @Test
    void fileFollowsTheNpyFormatAndHoldsTheValuesAsLittleEndianFloat32(@TempDir Path dir) throws Exception {
        float[][] map = {{1f, -2.5f, 0f}, {Float.MIN_VALUE, 3e7f, 0.125f}};
        Path file = dir.resolve("m.npy");
        NpyFile.write(file, map);
        byte[] b = Files.readAllBytes(file);
        assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'}, Arrays.copyOf(b, 6), "magic");
        assertEquals(1, b[6], "major version");
        assertEquals(0, b[7], "minor version");
        int headerLength = (b[8] & 0xFF) | (b[9] & 0xFF) << 8;
        assertEquals(0, (10 + headerLength) % 64, "the data starts at a multiple of 64 bytes");
        String header = new String(b, 10, headerLength, StandardCharsets.US_ASCII);
        assertEquals("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", header.stripTrailing(), header);
        assertEquals('\n', header.charAt(header.length() - 1), "the header ends with a newline");
        assertEquals(10 + headerLength + 6 * 4, b.length, "6 float32 values follow the header, nothing else");
        ByteBuffer data = ByteBuffer.wrap(b, 10 + headerLength, 24).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] row : map) {
            for (float v : row) {
                assertEquals(Float.floatToRawIntBits(v), Float.floatToRawIntBits(data.getFloat()));
            }
        }
        assertEquals(0x3F800000, (b[10 + headerLength] & 0xFF) | (b[11 + headerLength] & 0xFF) << 8
                | (b[12 + headerLength] & 0xFF) << 16 | (b[13 + headerLength] & 0xFF) << 24, "1.0f, least significant byte first");
    }
}

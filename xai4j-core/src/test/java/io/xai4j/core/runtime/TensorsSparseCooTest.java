package io.xai4j.core.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TensorsSparseCooTest {

    @Test
    void sparseProductEqualsTheDenseProductAfterGarbageCollection() {
        // S = [[1, 2, 0], [0, 0, 0], [0, 3, 0]] with a duplicate (0,1) entry split as 1.5 + 0.5.
        long[] rows = {0, 0, 2, 0};
        long[] cols = {0, 1, 1, 1};
        float[] values = {1f, 1.5f, 3f, 0.5f};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray s = Tensors.sparseCoo(m, rows, cols, values, new Shape(3, 3));
            assertEquals(SparseFormat.COO, s.getSparseFormat());
            // Free and overwrite any direct buffers the construction may have used.
            for (int round = 0; round < 3; round++) {
                System.gc();
                List<ByteBuffer> junk = new ArrayList<>();
                for (int i = 0; i < 64; i++) {
                    ByteBuffer b = ByteBuffer.allocateDirect(1 << 12);
                    while (b.hasRemaining()) {
                        b.put((byte) 0x7f);
                    }
                    junk.add(b);
                }
            }
            NDArray h = m.create(new float[] {1, 2, 3, 4, 5, 6}, new Shape(3, 2));
            assertArrayEquals(new float[] {7, 10, 0, 0, 9, 12}, s.matMul(h).toFloatArray(), 0f);
            assertArrayEquals(new float[] {1, 2, 0, 0, 0, 0, 0, 3, 0}, s.toDense().toFloatArray(), 0f);
        }
    }

    @Test
    void rejectsMismatchedLengths() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertThrows(IllegalArgumentException.class,
                    () -> Tensors.sparseCoo(m, new long[] {0}, new long[] {0, 1}, new float[] {1f}, new Shape(2, 2)));
        }
    }
}

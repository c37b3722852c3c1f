package io.xai4j.core.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Gradients through {@link Tensors#constant} and {@link Tensors#relu} stay right when the garbage
 * collector frees and reuses direct buffers between the forward and the backward pass (the hazard of
 * DJL's Number overloads, which free their scalar operand before autograd reads it).
 */
class TensorsConstantTest {

    private static void churnDirectMemory() {
        for (int round = 0; round < 3; round++) {
            System.gc();
            List<ByteBuffer> junk = new ArrayList<>();
            for (int i = 0; i < 256; i++) {
                ByteBuffer b = ByteBuffer.allocateDirect(64);
                while (b.hasRemaining()) {
                    b.put((byte) 0x7f);
                }
                junk.add(b);
            }
        }
    }

    @Test
    void gradientsThroughConstantsAndReluSurviveGarbageCollection() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {-1.5f, 0.5f, 2f, -0.25f}, new Shape(4));
            float[] grad = Autograd.run(gc -> {
                NDArray leaf = x.duplicate();
                leaf.setRequiresGradient(true);
                // y = Σ relu(x)·3 / 2 + max-free terms: dy/dx = 1.5 where x > 0, else 0.
                NDArray y = Tensors.relu(leaf).mul(Tensors.constant(leaf, 3)).div(Tensors.constant(leaf, 2)).sum();
                churnDirectMemory();
                gc.backward(y);
                return leaf.getGradient().toFloatArray();
            });
            assertArrayEquals(new float[] {0f, 1.5f, 1.5f, 0f}, grad, 0f);
        }
    }
}

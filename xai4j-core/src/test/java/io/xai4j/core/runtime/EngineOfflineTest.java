package io.xai4j.core.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class EngineOfflineTest {

    @Test
    void pytorchEngineLoadsFromMavenNativesAndComputesGradients() {
        assertEquals("PyTorch", Engine.getInstance().getEngineName());
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1f, 2f, 3f});
            x.setRequiresGradient(true);
            float[] grad = Autograd.run(gc -> {
                NDArray y = x.mul(x).sum();
                gc.backward(y);
                return x.getGradient().toFloatArray();
            });
            assertArrayEquals(new float[] {2f, 4f, 6f}, grad, 1e-6f);
        }
    }
}

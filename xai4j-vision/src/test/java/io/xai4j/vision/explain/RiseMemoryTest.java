package io.xai4j.vision.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.xai4j.core.model.Classifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RISE holds one image's masked copies and activations at a time: whatever a forward pass leaves attached (its input, its
 * logits, a real network's intermediate activations) is released before the next forward pass. A scope over the whole
 * batch kept batch × masks images' activations alive at once (the demo's 1.5 GB peak: 16 images × 64 masks at 64 px).
 */
class RiseMemoryTest {

    @Test
    void everyForwardPassIsReleasedBeforeTheNext() {
        List<NDArray> previous = new ArrayList<>();
        NDArray[] caller = new NDArray[1];
        int[] stillOpen = {0};
        int[] calls = {0};
        Classifier watching = new Classifier() {
            @Override
            public NDArray logits(NDArray inputs) {
                calls[0]++;
                stillOpen[0] += (int) previous.stream().filter(a -> !a.isReleased()).count();
                previous.clear();
                NDArray activation = inputs.mul(inputs); // stands in for an intermediate activation
                NDArray logits = activation.sum(new int[] {1, 2, 3}, true).reshape(inputs.getShape().get(0), 1)
                        .concat(inputs.getManager().zeros(new Shape(inputs.getShape().get(0), 2)), 1);
                if (inputs != caller[0]) { // the caller's images stay open, a masked copy must not
                    previous.add(inputs);
                }
                previous.add(activation);
                previous.add(logits);
                return logits;
            }

            @Override
            public int numClasses() {
                return 3;
            }
        };
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray images = m.randomNormal(new Shape(3, 3, 8, 8));
            caller[0] = images;
            Rise.builder().setModel(watching).optNumMasks(20).optBatchSize(8).optSeed(1).build().explain(images, new int[] {0, 1, 2});
        }
        assertEquals(1 + 3 * 3, calls[0], "one forward for the targets, then 3 images × 3 mask batches");
        assertEquals(0, stillOpen[0], "arrays of an earlier forward pass still attached when the next one ran");
        assertEquals(3, previous.size(), "the last forward's masked input, activation and logits were watched");
    }
}

package io.xai4j.core.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class TensorsCopyIntoTest {

    private static final float[] VALUES = {1, -2, 3, 4, 5, 6};

    @Test
    void copiesValuesInPlaceSoViewsSeeThem() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray dst = m.zeros(new Shape(2, 3));
            NDArray view = dst.reshape(6);
            Tensors.copyInto(m.create(VALUES, new Shape(2, 3)), dst);
            assertArrayEquals(VALUES, dst.toFloatArray(), 0f);
            assertArrayEquals(VALUES, view.toFloatArray(), 0f, "a view shares dst's storage, so it must see the copy");
        }
    }

    /** Documents why copyInto exists: DJL's copyTo swaps the storage, leaving views on the old values. */
    @Test
    void djlCopyToLeavesViewsBehind() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray dst = m.zeros(new Shape(2, 3));
            NDArray view = dst.reshape(6);
            m.create(VALUES, new Shape(2, 3)).copyTo(dst);
            assertArrayEquals(VALUES, dst.toFloatArray(), 0f);
            assertArrayEquals(new float[6], view.toFloatArray(), 0f);
        }
    }

    @Test
    void worksOnParametersThatRequireGradients() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.zeros(new Shape(2, 3));
            w.setRequiresGradient(true);
            Tensors.copyInto(m.create(VALUES, new Shape(2, 3)), w);
            assertArrayEquals(VALUES, w.toFloatArray(), 0f);
            NDArray scalar = m.create(0f);
            Tensors.copyInto(m.create(7f), scalar);
            assertArrayEquals(new float[] {7f}, scalar.toFloatArray(), 0f);
        }
    }

    @Test
    void mismatchedShapesNameBothArrays() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray dst = m.zeros(new Shape(2, 3));
            dst.setName("fc.weight");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensors.copyInto(m.zeros(new Shape(3, 2)), dst));
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("fc.weight") && e.getMessage().contains("(3, 2)"), e.getMessage());
        }
    }
}

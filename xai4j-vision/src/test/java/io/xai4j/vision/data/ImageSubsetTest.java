package io.xai4j.vision.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImageSubsetTest {

    /** Image i is the single value i; its label is i mod 2. */
    private static final ImageDataset NUMBERED = new ImageDataset() {
        @Override
        public int size() {
            return 6;
        }

        @Override
        public List<String> classNames() {
            return List.of("even", "odd");
        }

        @Override
        public int channels() {
            return 1;
        }

        @Override
        public int height() {
            return 1;
        }

        @Override
        public int width() {
            return 1;
        }

        @Override
        public float[] pixels(int index) {
            return new float[] {index};
        }

        @Override
        public int label(int index) {
            return index % 2;
        }
    };

    /** Batch reads (what training uses) and single reads give the source's images at the mapped indices. */
    @Test
    void batchAndSingleReadsGiveTheSourceImagesAtTheMappedIndices() {
        ImageSubset subset = new ImageSubset(NUMBERED, new int[] {5, 2, 3});
        assertEquals(3, subset.size());
        assertArrayEquals(new float[][] {{3}, {5}}, subset.pixels(new int[] {2, 0}));
        for (int k = 0; k < 3; k++) {
            assertArrayEquals(subset.pixels(new int[] {k})[0], subset.pixels(k));
        }
        assertArrayEquals(new int[] {1, 0, 1}, subset.labels(new int[] {0, 1, 2}));
        assertEquals("#2", subset.source(1));
        assertThrows(IndexOutOfBoundsException.class, () -> new ImageSubset(NUMBERED, new int[] {6}));
    }

    /** head(n): the first n images of the source, the source itself when n covers it, and n < 1 refused. */
    @Test
    void headIsTheFirstImages() {
        ImageDataset head = NUMBERED.head(4);
        assertEquals(4, head.size());
        for (int k = 0; k < 4; k++) {
            assertArrayEquals(new float[] {k}, head.pixels(k));
            assertEquals(k % 2, head.label(k));
        }
        assertThrows(IndexOutOfBoundsException.class, () -> head.pixels(4));
        assertEquals(NUMBERED, NUMBERED.head(6));
        assertThrows(IllegalArgumentException.class, () -> NUMBERED.head(0));
        PartShapesSplit split = new PartShapesGenerator(PartShapesConfig.defaults().toBuilder().optImageSize(32).optSplitSizes(12, 6, 6, 6)
                .build()).generate(Split.TEST);
        PartShapesSplit first = split.head(4);
        assertEquals(4, first.size());
        for (int k = 0; k < 4; k++) {
            assertArrayEquals(split.pixels(k), first.pixels(k));
            assertEquals(split.label(k), first.label(k));
            assertEquals(split.instances(k), first.instances(k));
            assertEquals(split.source(k), first.source(k));
        }
        assertEquals(split, split.head(6));
    }
}

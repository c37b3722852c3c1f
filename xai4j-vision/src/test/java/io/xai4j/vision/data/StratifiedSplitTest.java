package io.xai4j.vision.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StratifiedSplitTest {

    private static final List<String> CLASSES = List.of("ant", "bee", "cow");

    /** Classes of 20, 10 and 5 items interleaved; shares 0.2 / 0.1 give, per class, test 2/1/1 (round(0.5) = 1), val 4/2/1. */
    private static int[] labels() {
        int[] sizes = {20, 10, 5};
        int[] labels = new int[35];
        int[] left = sizes.clone();
        int k = 0;
        while (k < labels.length) {
            for (int c = 0; c < 3; c++) {
                if (left[c]-- > 0) {
                    labels[k++] = c;
                }
            }
        }
        return labels;
    }

    private static int[] perClass(int[] labels, int[] part) {
        int[] n = new int[3];
        for (int i : part) {
            n[labels[i]]++;
        }
        return n;
    }

    @Test
    void eachClassIsSplitInItsOwnSharesAndThePartsCoverEveryItemOnce() {
        int[] labels = labels();
        StratifiedSplit.Parts p = StratifiedSplit.of(labels, CLASSES, 0.2, 0.1, 7);
        assertArrayEquals(new int[] {2, 1, 1}, perClass(labels, p.test()));
        assertArrayEquals(new int[] {4, 2, 1}, perClass(labels, p.val()));
        assertArrayEquals(new int[] {14, 7, 3}, perClass(labels, p.train()));
        int[] all = IntStream.concat(IntStream.concat(Arrays.stream(p.train()), Arrays.stream(p.val())), Arrays.stream(p.test())).sorted()
                .toArray();
        assertArrayEquals(IntStream.range(0, labels.length).toArray(), all, "disjoint, and together every item");
        for (int[] part : new int[][] {p.train(), p.val(), p.test()}) {
            int[] sorted = part.clone();
            Arrays.sort(sorted);
            assertArrayEquals(sorted, part, "ascending: folder order");
        }
    }

    @Test
    void theSeedDecidesTheSplit() {
        int[] labels = labels();
        StratifiedSplit.Parts a = StratifiedSplit.of(labels, CLASSES, 0.2, 0.1, 7);
        StratifiedSplit.Parts b = StratifiedSplit.of(labels, CLASSES, 0.2, 0.1, 7);
        StratifiedSplit.Parts c = StratifiedSplit.of(labels, CLASSES, 0.2, 0.1, 8);
        assertArrayEquals(a.train(), b.train());
        assertArrayEquals(a.val(), b.val());
        assertArrayEquals(a.test(), b.test());
        assertFalse(Arrays.equals(a.val(), c.val()) && Arrays.equals(a.test(), c.test()), "another seed, another split");
        // no test share: the test part is empty and validation takes its own share only
        StratifiedSplit.Parts noTest = StratifiedSplit.of(labels, CLASSES, 0.2, 0, 7);
        assertEquals(0, noTest.test().length);
        assertArrayEquals(new int[] {4, 2, 1}, perClass(labels, noTest.val()));
    }

    @Test
    void aClassTooSmallToKeepATrainingImageAndBadSharesAreRefused() {
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> StratifiedSplit.of(new int[] {0, 0, 0, 0, 1, 1}, List.of("ant", "bee"), 0.3, 0.3, 0));
        assertEquals("class 'bee' has 2 images: too few for a validation share of 0.3 and a test share of 0.3 that leave a training image;"
                + " add images or lower the shares", small.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StratifiedSplit.of(labels(), CLASSES, 0, 0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> StratifiedSplit.of(labels(), CLASSES, 0.5, 0.5, 0));
    }
}

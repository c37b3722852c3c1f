package io.xai4j.vision.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded stratified train / validation / test split of one labelled set (scikit-learn's
 * {@code train_test_split(..., stratify=y)} applied twice, in one pass): each class's images are shuffled with
 * {@code seed} and the first {@code round(n·test)} go to test, the next {@code round(n·val)} to validation, the rest to
 * training, so every split holds each class in about the same share. Deviation from scikit-learn: the counts are rounded
 * per class (not distributed over classes by largest remainder), and every class keeps at least one training image.
 */
public final class StratifiedSplit {

    /** Indices into the labelled set, ascending within each part. */
    public record Parts(int[] train, int[] val, int[] test) {}

    private StratifiedSplit() {}

    /**
     * @param labels class index of each item, 0..numClasses−1
     * @param valFraction share of each class for validation, in (0, 1)
     * @param testFraction share of each class for test, in [0, 1); 0 leaves the test part empty
     * @throws IllegalArgumentException for fractions out of range, or a class too small to keep a training image
     */
    public static Parts of(int[] labels, List<String> classNames, double valFraction, double testFraction, long seed) {
        if (!(valFraction > 0 && valFraction < 1) || !(testFraction >= 0 && testFraction < 1) || !(valFraction + testFraction < 1)) {
            throw new IllegalArgumentException("split fractions val " + valFraction + ", test " + testFraction
                    + ": expected val in (0, 1), test in [0, 1) and val + test < 1");
        }
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classNames.size(); c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            byClass.get(labels[i]).add(i);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        List<Integer> train = new ArrayList<>(), val = new ArrayList<>(), test = new ArrayList<>();
        for (int c = 0; c < byClass.size(); c++) {
            List<Integer> items = byClass.get(c);
            int n = items.size();
            for (int i = n - 1; i > 0; i--) { // Fisher–Yates
                int j = rng.nextInt(i + 1);
                Integer t = items.get(i);
                items.set(i, items.get(j));
                items.set(j, t);
            }
            int nTest = (int) Math.round(n * testFraction), nVal = (int) Math.round(n * valFraction);
            if (n > 0 && nTest + nVal >= n) {
                throw new IllegalArgumentException("class '" + classNames.get(c) + "' has " + n + (n == 1 ? " image" : " images")
                        + ": too few for a validation share of " + valFraction + " and a test share of " + testFraction
                        + " that leave a training image; add images or lower the shares");
            }
            test.addAll(items.subList(0, nTest));
            val.addAll(items.subList(nTest, nTest + nVal));
            train.addAll(items.subList(nTest + nVal, n));
        }
        return new Parts(sorted(train), sorted(val), sorted(test));
    }

    private static int[] sorted(List<Integer> indices) {
        int[] a = indices.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(a);
        return a;
    }
}

package io.xai4j.core.train;

import java.util.SplittableRandom;

/**
 * Seeded sample orders. A trainer derives one {@link SplittableRandom} per epoch from its seed (and phase), so
 * that an epoch's order does not depend on the epochs before it and a resumed run draws what an uninterrupted
 * one would.
 */
public final class SampleOrder {

    private SampleOrder() {}

    /** A uniformly random permutation of 0..n−1 (Fisher–Yates, from the last position down). */
    public static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}

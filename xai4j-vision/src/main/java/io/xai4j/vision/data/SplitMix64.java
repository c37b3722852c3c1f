package io.xai4j.vision.data;

/**
 * SplitMix64 (Steele, Lea and Flood, OOPSLA 2014), written out here rather than taken from
 * {@link java.util.SplittableRandom} so that the PartShapes bytes depend on this file only and never
 * on a JDK's choice of algorithm (docs/methods/partshapes.md#one-image: the same bytes on every machine).
 */
final class SplitMix64 {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    SplitMix64(long seed) {
        this.state = seed;
    }

    /**
     * A generator for one item of one stream, independent of every other (seed, stream, item): the
     * three keys are folded through the SplitMix64 finaliser, so image i of a split can be drawn alone.
     */
    static SplitMix64 forItem(long seed, long stream, long item) {
        long h = mix(seed + GOLDEN_GAMMA);
        h = mix(h + GOLDEN_GAMMA * (stream + 1));
        h = mix(h + GOLDEN_GAMMA * (item + 1));
        return new SplitMix64(h);
    }

    long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [lo, hi). */
    double nextDouble(double lo, double hi) {
        return lo + (hi - lo) * nextDouble();
    }

    /** Uniform in [0, bound), without modulo bias (Lemire's multiply-shift with rejection). */
    int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        long r = nextLong() >>> 32;
        long m = r * bound;
        long low = m & 0xFFFFFFFFL;
        if (low < bound) {
            long threshold = (0x100000000L - bound) % bound;
            while (low < threshold) {
                r = nextLong() >>> 32;
                m = r * bound;
                low = m & 0xFFFFFFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    /** Uniform in [lo, hi], both inclusive. */
    int nextIntClosed(int lo, int hi) {
        return lo + nextInt(hi - lo + 1);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

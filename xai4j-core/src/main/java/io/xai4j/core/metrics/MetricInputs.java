package io.xai4j.core.metrics;

/** Shape checks shared by the metrics, with messages that say which argument and sample is wrong. */
final class MetricInputs {

    private MetricInputs() {}

    /** Every map is a rectangular [H][W] array; returns {H, W} of the first map. */
    static int[] checkMaps(String what, float[][][] maps) {
        if (maps == null || maps.length == 0) {
            throw new IllegalArgumentException(what + " must hold at least one [H][W] map");
        }
        int h = maps[0].length, w = h == 0 ? 0 : maps[0][0].length;
        if (h == 0 || w == 0) {
            throw new IllegalArgumentException(what + "[0] is empty; expected an [H][W] map");
        }
        for (int i = 0; i < maps.length; i++) {
            if (maps[i].length != h) {
                throw new IllegalArgumentException(what + "[" + i + "] has " + maps[i].length + " rows, expected " + h);
            }
            for (int y = 0; y < h; y++) {
                if (maps[i][y].length != w) {
                    throw new IllegalArgumentException(
                            what + "[" + i + "][" + y + "] has " + maps[i][y].length + " columns, expected " + w);
                }
            }
        }
        return new int[] {h, w};
    }

    /** The maps have batch size {@code b} and spatial size {@code h}×{@code w}. */
    static void checkMaps(String what, float[][][] maps, int b, int h, int w) {
        int[] hw = checkMaps(what, maps);
        if (maps.length != b || hw[0] != h || hw[1] != w) {
            throw new IllegalArgumentException(what + " is [" + maps.length + "][" + hw[0] + "][" + hw[1]
                    + "], expected [" + b + "][" + h + "][" + w + "] to match the images");
        }
    }

    /**
     * Masks match the maps sample by sample; a null mask (e.g. a VOC pair whose boxes are all
     * "difficult") is allowed and makes that sample undefined.
     */
    static void checkMasks(String what, boolean[][][] masks, int b, int h, int w) {
        if (masks == null || masks.length != b) {
            throw new IllegalArgumentException(
                    what + " must hold one mask per map (" + b + "), got " + (masks == null ? "null" : masks.length));
        }
        for (int i = 0; i < b; i++) {
            if (masks[i] == null) {
                continue;
            }
            if (masks[i].length != h || masks[i][0].length != w) {
                throw new IllegalArgumentException(what + "[" + i + "] is [" + masks[i].length + "]["
                        + masks[i][0].length + "], expected [" + h + "][" + w + "] like the maps");
            }
            for (int y = 1; y < h; y++) {
                if (masks[i][y] == null || masks[i][y].length != w) {
                    throw new IllegalArgumentException(what + "[" + i + "][" + y + "] has " + (masks[i][y] == null ? "no" : masks[i][y].length)
                            + " columns, expected " + w);
                }
            }
        }
    }

    /** One target per sample, each in 0..numClasses−1 (numClasses ≤ 0 skips the range check). */
    static void checkTargets(int[] targets, int b, int numClasses) {
        if (targets == null || targets.length != b) {
            throw new IllegalArgumentException(
                    "targets must hold one class per sample (" + b + "), got " + (targets == null ? "null" : targets.length));
        }
        for (int i = 0; i < b; i++) {
            if (targets[i] < 0 || (numClasses > 0 && targets[i] >= numClasses)) {
                throw new IllegalArgumentException("targets[" + i + "] = " + targets[i] + " is outside 0.."
                        + (numClasses > 0 ? numClasses - 1 : "∞"));
            }
        }
    }

    static void checkPositive(String option, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(option + " must be positive, got " + value);
        }
    }

    static void checkUnitInterval(String option, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(option + " must lie in [0, 1], got " + value);
        }
    }
}

package io.xai4j.core.metrics;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pointing game (Zhang et al., <i>Top-down Neural Attention by Excitation Backprop</i>, ECCV 2016,
 * arXiv 1608.00507; TorchRay {@code benchmark/pointing_game.py}), docs/methods/image-metrics.md#pointing-game. The point is the
 * map's maximum at image resolution (first maximum in row-major order); it is a hit if some
 * ground-truth pixel of the target class lies at squared distance Δx² + Δy² &lt; tolerance² (15 px).
 * A flat map points at pixel (0,0) as in TorchRay and is flagged. Accuracy is averaged over classes
 * (hits/(hits + misses) per class, then the mean: TorchRay's headline) and, as the result's mean, over
 * samples (micro average). The {@code center} baseline points at the image centre (H/2, W/2) (integer
 * division, TorchRay's {@code center} method).
 *
 * <p>Samples with a null mask (e.g. VOC pairs whose boxes are all "difficult") or an empty one are
 * skipped: NaN, counted in neither hits nor misses.
 */
public final class PointingGame {

    /** Where the point comes from. */
    public enum PointSource {
        /** argmax of the map. */
        MAP,
        /** the image centre: the baseline every method must beat. */
        CENTER
    }

    private final int tolerance;
    private final PointSource pointSource;

    private PointingGame(Builder builder) {
        this.tolerance = builder.tolerance;
        this.pointSource = builder.pointSource;
    }

    /** A builder with the defaults: tolerance 15 px, point from the map. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Plays the game on a batch.
     *
     * @param maps [B][H][W] at image resolution (only their shape is used by the centre baseline)
     * @param targets the class of each sample (for the class-averaged accuracy)
     * @param masks [B][H][W] pixels of the target class; null entries are skipped
     */
    public PointingGameResult evaluate(float[][][] maps, int[] targets, boolean[][][] masks) {
        int[] hw = MetricInputs.checkMaps("maps", maps);
        int b = maps.length, h = hw[0], w = hw[1];
        MetricInputs.checkTargets(targets, b, 0);
        MetricInputs.checkMasks("masks", masks, b, h, w);
        double[] values = new double[b];
        int[][] points = new int[b][];
        boolean[] flat = new boolean[b];
        for (int i = 0; i < b; i++) {
            if (pointSource == PointSource.CENTER) {
                points[i] = new int[] {h / 2, w / 2};
            } else {
                points[i] = firstMaximum(maps[i]);
                flat[i] = isFlat(maps[i]);
            }
            values[i] = masks[i] == null || PositiveMass.count(masks[i]) == 0
                    ? Double.NaN
                    : hit(masks[i], points[i][0], points[i][1]) ? 1 : 0;
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("tolerance", tolerance);
        params.put("pointSource", pointSource.name().toLowerCase());
        String name = pointSource == PointSource.CENTER ? "pointing_game_center" : "pointing_game";
        MetricResult result = MetricResult.of(name, values, Direction.HIGHER, Category.LOCALISATION, params);
        Map<Integer, Double> perClass = perClassAccuracy(values, targets);
        return new PointingGameResult(result, classAveraged(perClass), result.mean(), perClass, points, flat);
    }

    /**
     * Accuracy per class, hits/(hits + misses), over samples with a defined value (1 = hit, 0 = miss).
     * Use it on values concatenated over several batches to get the data set's class averages.
     */
    public static Map<Integer, Double> perClassAccuracy(double[] values, int[] targets) {
        Map<Integer, int[]> counts = new TreeMap<>();
        for (int i = 0; i < values.length; i++) {
            if (!Double.isNaN(values[i])) {
                int[] c = counts.computeIfAbsent(targets[i], k -> new int[2]);
                c[values[i] > 0 ? 0 : 1]++;
            }
        }
        Map<Integer, Double> accuracy = new TreeMap<>();
        counts.forEach((cls, c) -> accuracy.put(cls, (double) c[0] / (c[0] + c[1])));
        return Collections.unmodifiableMap(accuracy);
    }

    /** Mean of the per-class accuracies; NaN if no class was evaluated. */
    public static double classAveraged(Map<Integer, Double> perClass) {
        return perClass.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private boolean hit(boolean[][] mask, int py, int px) {
        int h = mask.length, w = mask[0].length;
        long limit = (long) tolerance * tolerance;
        for (int y = Math.max(0, py - tolerance); y <= Math.min(h - 1, py + tolerance); y++) {
            for (int x = Math.max(0, px - tolerance); x <= Math.min(w - 1, px + tolerance); x++) {
                long dy = y - py, dx = x - px;
                if (mask[y][x] && dy * dy + dx * dx < limit) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {row, column} of the first maximum in row-major order. */
    static int[] firstMaximum(float[][] map) {
        int by = 0, bx = 0;
        for (int y = 0; y < map.length; y++) {
            for (int x = 0; x < map[y].length; x++) {
                if (map[y][x] > map[by][bx]) {
                    by = y;
                    bx = x;
                }
            }
        }
        return new int[] {by, bx};
    }

    private static boolean isFlat(float[][] map) {
        float first = map[0][0];
        return Arrays.stream(map).allMatch(row -> {
            for (float v : row) {
                if (v != first) {
                    return false;
                }
            }
            return true;
        });
    }

    /** Options, DJL style. */
    public static final class Builder {
        private int tolerance = 15;
        private PointSource pointSource = PointSource.MAP;

        private Builder() {}

        /** Hit radius in pixels (default 15; strict: distance² &lt; tolerance²). */
        public Builder optTolerance(int tolerance) {
            MetricInputs.checkPositive("tolerance", tolerance);
            this.tolerance = tolerance;
            return this;
        }

        /** Point from the map (default) or the centre baseline. */
        public Builder optPointSource(PointSource pointSource) {
            this.pointSource = java.util.Objects.requireNonNull(pointSource, "pointSource");
            return this;
        }

        public PointingGame build() {
            return new PointingGame(this);
        }
    }
}

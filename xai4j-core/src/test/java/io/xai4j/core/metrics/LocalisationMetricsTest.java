package io.xai4j.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalisationMetricsTest {

    /** 4×4 map: 0.9 at pixel 0, four tied 0.5 at pixels 1–4, small values elsewhere. */
    private static final float[][] TIED = {
        {0.9f, 0.5f, 0.5f, 0.5f},
        {0.5f, 0.1f, 0f, 0f},
        {0f, 0f, 0f, 0f},
        {0f, 0f, 0f, 0.2f}
    };

    /** Ground truth = pixels 0 and 4. */
    private static boolean[][] gt04() {
        boolean[][] g = new boolean[4][4];
        g[0][0] = true;
        g[1][0] = true;
        return g;
    }

    private static final boolean[][] EMPTY = new boolean[4][4];
    private static final float[][] ZERO = new float[4][4];

    @Test
    void pointingGameHitNeedsDistanceStrictlyBelowTolerance() {
        float[][] map = new float[4][4];
        map[1][2] = 1f;
        boolean[][] farByTwo = new boolean[4][4];
        farByTwo[1][0] = true; // d² = 4, not < 2²
        boolean[][] diagonal = new boolean[4][4];
        diagonal[2][1] = true; // d² = 2 < 4
        PointingGameResult r = PointingGame.builder().optTolerance(2).build()
                .evaluate(new float[][][] {map, map}, new int[] {0, 0}, new boolean[][][] {farByTwo, diagonal});
        assertArrayEquals(new double[] {0, 1}, r.result().values(), "miss at distance 2, hit at √2");
        assertArrayEquals(new int[] {1, 2}, r.points()[0], "point = argmax (row, column)");
    }

    @Test
    void pointingGameTakesFirstMaximumAndFlagsFlatMaps() {
        float[][] twoMaxima = {{0, 1, 0, 0}, {1, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}};
        PointingGameResult r = PointingGame.builder().build()
                .evaluate(new float[][][] {twoMaxima, ZERO}, new int[] {0, 0}, new boolean[][][] {gt04(), gt04()});
        assertArrayEquals(new int[] {0, 1}, r.points()[0], "first maximum in row-major order");
        assertArrayEquals(new int[] {0, 0}, r.points()[1], "flat map points at (0,0) as in TorchRay");
        assertArrayEquals(new boolean[] {false, true}, r.flat(), "only the all-zero map is flagged flat");
    }

    @Test
    void pointingGameAveragesOverClassesAndSkipsMissingGroundTruth() {
        float[][] map = new float[4][4];
        map[3][3] = 1f;
        boolean[][] corner = new boolean[4][4];
        corner[3][3] = true;
        PointingGameResult r = PointingGame.builder().optTolerance(1).build().evaluate(
                new float[][][] {map, map, map, map, map},
                new int[] {0, 0, 1, 1, 2},
                new boolean[][][] {corner, gt04(), corner, null, EMPTY});
        assertArrayEquals(new double[] {1, 0, 1, Double.NaN, Double.NaN}, r.result().values());
        assertEquals(Map.of(0, 0.5, 1, 1.0), r.classAccuracy(), "class 2 has no evaluated sample");
        assertEquals(0.75, r.accuracy(), 1e-12, "class average (0.5 + 1)/2");
        assertEquals(2.0 / 3, r.microAccuracy(), 1e-12, "micro average 2 hits / 3 evaluated");
        assertEquals(2, r.result().nUndefined());
    }

    @Test
    void centerBaselinePointsAtImageCentre() {
        boolean[][] centre = new boolean[4][4];
        centre[2][2] = true;
        PointingGameResult r = PointingGame.builder().optTolerance(1)
                .optPointSource(PointingGame.PointSource.CENTER).build()
                .evaluate(new float[][][] {TIED}, new int[] {3}, new boolean[][][] {centre});
        assertArrayEquals(new int[] {2, 2}, r.points()[0], "centre = (H/2, W/2)");
        assertEquals(1.0, r.accuracy());
    }

    @Test
    void energyPointingGameIsPositiveMassShareInsideGroundTruth() {
        float[][] map = {{1, 0}, {-1, 3}};
        boolean[][] gt = {{true, false}, {true, false}};
        MetricResult r = new EnergyPointingGame().evaluate(
                new float[][][] {map, new float[2][2], map}, new boolean[][][] {gt, gt, new boolean[2][2]});
        assertArrayEquals(new double[] {0.25, Double.NaN, Double.NaN}, r.values(),
                "1/(1+3) with negatives clamped; all-zero map → NaN; empty GT → NaN");
        boolean[][] jagged = {{true, false}, {true}};
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new EnergyPointingGame().evaluate(new float[][][] {map}, new boolean[][][] {jagged}));
        assertEquals("masks[0][1] has 1 columns, expected 2", e.getMessage());
    }

    @Test
    void iouOfTopKUsesExactCountAndIndexTies() {
        // ⌈0.2·16⌉ = 4 pixels: 0 and the first three tied 0.5 (1,2,3); G = {0,4} → 1/5
        MetricResult r = new LocalisationIoU().evaluate(new float[][][] {TIED, TIED}, new boolean[][][] {gt04(), EMPTY});
        assertArrayEquals(new double[] {0.2, Double.NaN}, r.values(), 1e-12, "top-k IoU; empty GT → NaN");
        assertEquals("iou_top_k", r.metric());
        assertEquals(5, LocalisationIoU.topCount(0.2, 25), "0.2·25 is exactly 5 despite rounding");
    }

    @Test
    void iouOfThresholdAndGroundTruthAreaModes() {
        assertArrayEquals(new double[] {0.5}, LocalisationIoU.threshold(0.5)
                .evaluate(new float[][][] {TIED}, new boolean[][][] {gt04()}).values(), 1e-12, "B = {map > 0.5} = {0}");
        assertArrayEquals(new double[] {1.0 / 3}, LocalisationIoU.gtArea()
                .evaluate(new float[][][] {TIED}, new boolean[][][] {gt04()}).values(), 1e-12, "B = top 2 = {0,1}");
    }

    @Test
    void relevanceRankAccuracyCountsTopKInsideGroundTruth() {
        MetricResult r = new RelevanceRankAccuracy().evaluate(
                new float[][][] {TIED, ZERO, TIED}, new boolean[][][] {gt04(), gt04(), EMPTY});
        assertArrayEquals(new double[] {0.5, 0.5, Double.NaN}, r.values(), 1e-12,
                "top-2 {0,1} vs G {0,4}; a zero map ranks by index, also {0,1}; K = 0 → NaN");
    }

    @Test
    void relevanceMassAccuracyIsShareOfPositiveRelevance() {
        MetricResult r = new RelevanceMassAccuracy().evaluate(
                new float[][][] {TIED, ZERO, TIED}, new boolean[][][] {gt04(), gt04(), EMPTY});
        double total = 0.9 + 4 * 0.5 + 0.1 + 0.2;
        assertArrayEquals(new double[] {(0.9 + 0.5) / total, Double.NaN, Double.NaN}, r.values(), 1e-6,
                "(0.9+0.5)/Σ; 0/0 → NaN; empty GT → NaN");
    }

    @Test
    void distractorRateIsMassOnDistractorsAndZeroWithoutThem() {
        float[][] map = {{1, 0}, {-1, 3}};
        boolean[][] distractor = {{false, false}, {false, true}};
        MetricResult r = new DistractorRate().evaluate(
                new float[][][] {map, map, new float[2][2]},
                new boolean[][][] {distractor, new boolean[2][2], distractor});
        assertArrayEquals(new double[] {0.75, 0, Double.NaN}, r.values(), 1e-12, "3/4; no distractor → 0; 0/0 → NaN");
        assertEquals(Direction.LOWER, r.direction());
    }

    @Test
    void localisationMetricsAreBatchIndependent() {
        float[][][] maps = CausalMetricTest.randomMaps(3, 4, 4, 5);
        boolean[][][] masks = new boolean[3][4][4];
        for (int i = 0; i < 3; i++) {
            masks[i][i][i + 1] = true;
            masks[i][3][i] = true;
        }
        for (GroundTruthMetric metric : new GroundTruthMetric[] {
            new EnergyPointingGame(), new LocalisationIoU(), new RelevanceMassAccuracy(), new RelevanceRankAccuracy(),
            new DistractorRate()
        }) {
            double[] all = metric.evaluate(maps, masks).values();
            for (int i = 0; i < 3; i++) {
                double single = metric.evaluate(new float[][][] {maps[i]}, new boolean[][][] {masks[i]}).values()[0];
                assertEquals(single, all[i], 0, metric.getClass().getSimpleName() + " sample " + i);
            }
        }
    }
}

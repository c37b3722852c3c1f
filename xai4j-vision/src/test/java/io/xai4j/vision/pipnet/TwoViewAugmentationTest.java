package io.xai4j.vision.pipnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** TrivialAugment ops against hand-computed values and the shared geometry of the two views (docs/methods/pipnet.md#augmentation). */
class TwoViewAugmentationTest {

    /** A 1-row image with the same values in all three channels. */
    private static Rgb8 row(int... values) {
        int[] px = new int[3 * values.length];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(values, 0, px, c * values.length, values.length);
        }
        return new Rgb8(1, values.length, px);
    }

    private static int[] channel0(Rgb8 img) {
        int[] out = new int[img.height() * img.width()];
        System.arraycopy(img.px(), 0, out, 0, out.length);
        return out;
    }

    @Test
    void equalizeFollowsPil() {
        // N = 4, values 10,10,20,30: last bin (30) has 1 → step = (4 − 1) // 255 = 0 → identity
        assertArrayEquals(new int[] {10, 10, 20, 30}, channel0(TrivialAugment.equalize(row(10, 10, 20, 30))));
        // 512 pixels: 256 of value 0, 128 of 100, 128 of 200 → step = (512 − 128) // 255 = 1;
        // lut[0] = (0 + 0)//1 = 0, lut[100] = 256, clamped 255, lut[200] = 384 → 255
        int[] v = new int[512];
        for (int i = 256; i < 384; i++) {
            v[i] = 100;
        }
        for (int i = 384; i < 512; i++) {
            v[i] = 200;
        }
        int[] eq = channel0(TrivialAugment.equalize(row(v)));
        assertEquals(0, eq[0]);
        assertEquals(255, eq[300]);
        assertEquals(255, eq[500]);
    }

    @Test
    void autoContrastPosterizeAndBrightnessMatchHandValues() {
        assertArrayEquals(new int[] {0, 128, 255}, channel0(TrivialAugment.autoContrast(row(50, 100, 150))));
        assertArrayEquals(new int[] {7, 7, 7}, channel0(TrivialAugment.autoContrast(row(7, 7, 7))), "a constant channel is unchanged");
        assertArrayEquals(new int[] {0, 96, 224}, channel0(TrivialAugment.posterize(row(31, 100, 255), 3)));
        assertArrayEquals(new int[] {15, 150, 255}, channel0(TrivialAugment.brightness(row(10, 100, 200), 1.5)));
    }

    @Test
    void translateShiftsContentAndFillsZero() {
        assertArrayEquals(new int[] {0, 0, 1, 2}, channel0(TrivialAugment.translate(row(1, 2, 3, 4), 2, 0)));
    }

    @Test
    void twoViewsShowTheSameContentUpToTheCropMargin() {
        int s = 32;
        TwoViewAugmentation aug = new TwoViewAugmentation(s, 4, 2, true, 1.0);
        SplittableRandom rng = new SplittableRandom(1);
        for (int trial = 0; trial < 30; trial++) {
            float[] img = new float[3 * s * s];
            int y0 = 10 + trial % 10, x0 = 8 + trial % 13;
            for (int c = 0; c < 3; c++) {
                for (int y = y0; y < y0 + 4; y++) {
                    for (int x = x0; x < x0 + 4; x++) {
                        img[(c * s + y) * s + x] = 1f;
                    }
                }
            }
            float[][] views = aug.views(img, s, s, rng);
            double[] a = centroid(views[0], s), b = centroid(views[1], s);
            if (Double.isNaN(a[0]) || Double.isNaN(b[0])) {
                continue; // the square was moved out of the image by the shared geometry
            }
            assertTrue(Math.abs(a[0] - b[0]) <= 2.5 && Math.abs(a[1] - b[1]) <= 2.5,
                    "views differ by more than the crop margin: " + a[0] + "," + a[1] + " vs " + b[0] + "," + b[1]);
        }
    }

    /** Centroid of the brightest pixels (grey ≥ 0.9 of the maximum). */
    private static double[] centroid(float[] chw, int s) {
        int plane = s * s;
        float max = 0;
        for (int i = 0; i < plane; i++) {
            max = Math.max(max, chw[i] + chw[plane + i] + chw[2 * plane + i]);
        }
        double sy = 0, sx = 0;
        int n = 0;
        for (int i = 0; i < plane; i++) {
            if (max > 0.3f && chw[i] + chw[plane + i] + chw[2 * plane + i] >= 0.9f * max) {
                sy += i / s;
                sx += i % s;
                n++;
            }
        }
        return n == 0 ? new double[] {Double.NaN, Double.NaN} : new double[] {sy / n, sx / n};
    }

    @Test
    void cropMarginOfAWholeLatentCellIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TwoViewAugmentation(64, 9, 8, true, 1).checkAgainstGrid(8));
        assertTrue(e.getMessage().contains("latent stride"), e.getMessage());
        TwoViewAugmentation.defaults(64, true).checkAgainstGrid(8);
        assertEquals(9, TwoViewAugmentation.defaults(64, true).resizeMargin());
        assertEquals(2, TwoViewAugmentation.defaults(64, true).cropMargin());
    }

    /** R ≥ G at every pixel, with one pixel R = 255, G = 0, so a per-channel stretch breaks the order elsewhere. */
    private static Rgb8 redAboveGreen(SplittableRandom rng) {
        int n = 64;
        int[] px = new int[3 * n];
        for (int i = 0; i < n; i++) {
            int g = rng.nextInt(101);
            px[i] = i == 0 ? 255 : g + 40;
            px[n + i] = i == 0 ? 0 : g;
            px[2 * n + i] = 30;
        }
        return new Rgb8(1, n, px);
    }

    private static boolean keepsRedAboveGreen(TrivialAugment ta, int draws) {
        SplittableRandom rng = new SplittableRandom(3);
        for (int d = 0; d < draws; d++) {
            Rgb8 out = ta.colour(redAboveGreen(rng), rng);
            int n = out.width();
            for (int i = 0; i < n; i++) {
                if (out.px()[i] < out.px()[n + i]) {
                    return false;
                }
            }
        }
        return true;
    }

    @Test
    void huePreservingColourOpsKeepTheChannelOrderWhichTheSpecSetBreaks() {
        assertTrue(keepsRedAboveGreen(new TrivialAugment(64, 1, ColourOps.HUE_PRESERVING), 300), "no op of the set may swap R and G");
        assertTrue(!keepsRedAboveGreen(new TrivialAugment(64, 1, ColourOps.TRIVIAL), 300),
                "per-channel AutoContrast / Equalize stretch R and G differently (the test is sensitive)");
    }

    @Test
    void solarizeInvertsTheValuesAtOrAboveTheThreshold() {
        Rgb8 img = new Rgb8(1, 2, new int[] {200, 99, 100, 255, 0, 101});
        assertArrayEquals(new int[] {55, 99, 155, 0, 0, 154}, TrivialAugment.solarize(img, 100).px());
        assertArrayEquals(new int[] {200, 99, 100, 0, 0, 101}, TrivialAugment.solarize(img, 255).px(), "bin 0: only 255 inverts");
    }

    /** How often, in {@code draws} colour draws of the one-colour image (200, 100, 50), R is solarized (55) while G stays 100. */
    private static int solarizedRedOnly(TrivialAugment ta, int draws) {
        SplittableRandom rng = new SplittableRandom(11);
        int hits = 0;
        for (int d = 0; d < draws; d++) {
            Rgb8 out = ta.colour(new Rgb8(1, 1, new int[] {200, 100, 50}), rng);
            hits += out.px()[0] == 55 && out.px()[1] == 100 ? 1 : 0;
        }
        return hits;
    }

    @Test
    void carsVariantAddsSolarizeWhichTheSpecSetNeverDraws() {
        // Solarize is 1 of 9 ops; thresholds in (100, 200] (bins 7..18) invert R only: 12/31 · 1/9 of the draws, about 129
        int hits = solarizedRedOnly(new TrivialAugment(64, 1, ColourOps.CARS), 3000);
        assertTrue(hits > 80 && hits < 200, "CARS: " + hits + " of 3000 draws solarized R only");
        assertEquals(0, solarizedRedOnly(new TrivialAugment(64, 1, ColourOps.TRIVIAL), 3000));
        assertEquals(ColourOps.CARS, ColourOps.parse("cars"));
    }

    @Test
    void withoutColourOpsAndCropMarginBothViewsAreIdentical() {
        int s = 16;
        TwoViewAugmentation aug = new TwoViewAugmentation(s, 2, 0, true, 1.0, ColourOps.NONE);
        float[] img = new float[3 * s * s];
        SplittableRandom fill = new SplittableRandom(5);
        for (int i = 0; i < img.length; i++) {
            img[i] = (float) fill.nextDouble();
        }
        float[][] v = aug.views(img, s, s, new SplittableRandom(9));
        assertArrayEquals(v[0], v[1]);
        assertEquals(ColourOps.HUE_PRESERVING, ColourOps.parse("Hue-Preserving"));
        assertThrows(IllegalArgumentException.class, () -> ColourOps.parse("sepia"));
    }
}

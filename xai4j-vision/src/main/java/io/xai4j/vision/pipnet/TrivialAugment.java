package io.xai4j.vision.pipnet;

import java.util.SplittableRandom;

/**
 * TrivialAugment (S. Müller, F. Hutter, ICCV 2021) split into PIP-Net's geometric and colour halves
 * (docs/methods/pipnet.md#augmentation; official {@code util/data.py} TrivialAugmentWideNoColor / NoShape): per sample one op
 * chosen uniformly and one magnitude bin i uniform in 0..30, m = (i/30)·max, signed ops negated with
 * probability 0.5. Geometric ops sample nearest-neighbour and fill 0; op semantics follow
 * torchvision's {@code _apply_op}.
 */
final class TrivialAugment {

    static final int BINS = 31;

    private static final String[] GEOMETRIC = {"Identity", "ShearX", "ShearY", "TranslateX", "TranslateY", "Rotate"};
    private static final String[] COLOUR = {"Identity", "Brightness", "Color", "Contrast", "Sharpness", "Posterize", "AutoContrast", "Equalize"};
    /** {@link ColourOps#HUE_PRESERVING}: the colour set without the per-channel AutoContrast and Equalize. */
    private static final String[] COLOUR_HUE_PRESERVING = {"Identity", "Brightness", "Color", "Contrast", "Sharpness", "Posterize"};
    /** {@link ColourOps#CARS}, in the official order: the spec's set with Solarize before AutoContrast (Color up to ±0.5). */
    private static final String[] COLOUR_CARS = {"Identity", "Brightness", "Color", "Contrast", "Sharpness", "Posterize", "Solarize",
        "AutoContrast", "Equalize"};

    private final double maxShear;
    private final double maxTranslate;
    private final double maxRotate;
    private final String[] colourOps;
    private final double maxColor;

    /**
     * @param imageSize S; the translation range is 16·S/224 px
     * @param geometricStrength multiplier of shear, translation and rotation (1 = the spec's ranges)
     */
    TrivialAugment(int imageSize, double geometricStrength) {
        this(imageSize, geometricStrength, ColourOps.TRIVIAL);
    }

    /**
     * @param imageSize S; the translation range is 16·S/224 px
     * @param geometricStrength multiplier of shear, translation and rotation (1 = the spec's ranges)
     * @param colourOps which colour ops TA_colour draws from
     */
    TrivialAugment(int imageSize, double geometricStrength, ColourOps colourOps) {
        this.colourOps = switch (colourOps) {
            case TRIVIAL -> COLOUR;
            case HUE_PRESERVING -> COLOUR_HUE_PRESERVING;
            case NONE -> new String[] {"Identity"};
            case CARS -> COLOUR_CARS;
        };
        this.maxColor = colourOps == ColourOps.CARS ? 0.5 : 0.02;
        this.maxShear = 0.5 * geometricStrength;
        this.maxTranslate = 16.0 * imageSize / 224.0 * geometricStrength;
        this.maxRotate = 60.0 * geometricStrength;
    }

    Rgb8 geometric(Rgb8 img, SplittableRandom rng) {
        String op = GEOMETRIC[rng.nextInt(GEOMETRIC.length)];
        int bin = rng.nextInt(BINS);
        double sign = rng.nextBoolean() ? -1 : 1;
        double f = bin / 30.0;
        return switch (op) {
            case "ShearX" -> shear(img, sign * f * maxShear, true);
            case "ShearY" -> shear(img, sign * f * maxShear, false);
            case "TranslateX" -> translate(img, (int) (sign * f * maxTranslate), 0);
            case "TranslateY" -> translate(img, 0, (int) (sign * f * maxTranslate));
            case "Rotate" -> rotate(img, sign * f * maxRotate);
            default -> img;
        };
    }

    Rgb8 colour(Rgb8 img, SplittableRandom rng) {
        String op = colourOps[rng.nextInt(colourOps.length)];
        int bin = rng.nextInt(BINS);
        double sign = rng.nextBoolean() ? -1 : 1;
        double f = bin / 30.0;
        return switch (op) {
            case "Brightness" -> brightness(img, 1 + sign * f * 0.5);
            case "Color" -> color(img, 1 + sign * f * maxColor);
            case "Contrast" -> contrast(img, 1 + sign * f * 0.5);
            case "Sharpness" -> sharpness(img, 1 + sign * f * 0.5);
            case "Posterize" -> posterize(img, 8 - (int) Math.round(bin / 5.0));
            case "Solarize" -> solarize(img, 255.0 * (1 - f));
            case "AutoContrast" -> autoContrast(img);
            case "Equalize" -> equalize(img);
            default -> img;
        };
    }

    /** x_src = x + m·y (ShearX) or y_src = y + m·x (ShearY), about the top-left corner. */
    static Rgb8 shear(Rgb8 img, double m, boolean alongX) {
        Rgb8 out = Rgb8.blank(img.height(), img.width());
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                int xs = alongX ? (int) Math.floor(x + 0.5 + m * (y + 0.5)) : x;
                int ys = alongX ? y : (int) Math.floor(y + 0.5 + m * (x + 0.5));
                copyPixel(img, out, ys, xs, y, x);
            }
        }
        return out;
    }

    /** Shifts the content by (dx, dy) pixels. */
    static Rgb8 translate(Rgb8 img, int dx, int dy) {
        Rgb8 out = Rgb8.blank(img.height(), img.width());
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                copyPixel(img, out, y - dy, x - dx, y, x);
            }
        }
        return out;
    }

    /** Rotates by {@code degrees} counter-clockwise about the image centre, same size. */
    static Rgb8 rotate(Rgb8 img, double degrees) {
        Rgb8 out = Rgb8.blank(img.height(), img.width());
        double t = Math.toRadians(degrees), cos = Math.cos(t), sin = Math.sin(t);
        double cy = img.height() / 2.0, cx = img.width() / 2.0;
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                double px = x + 0.5 - cx, py = y + 0.5 - cy;
                int xs = (int) Math.floor(cos * px - sin * py + cx);
                int ys = (int) Math.floor(sin * px + cos * py + cy);
                copyPixel(img, out, ys, xs, y, x);
            }
        }
        return out;
    }

    private static void copyPixel(Rgb8 in, Rgb8 out, int ys, int xs, int y, int x) {
        if (ys >= 0 && ys < in.height() && xs >= 0 && xs < in.width()) {
            for (int c = 0; c < 3; c++) {
                out.set(c, y, x, in.get(c, ys, xs));
            }
        }
    }

    /** blend(a, b, f) = clamp(b + f·(a − b), 0, 255). */
    private static int blend(double a, double b, double f) {
        return Rgb8.clamp(Math.round(b + f * (a - b)));
    }

    static Rgb8 brightness(Rgb8 img, double f) {
        int[] out = new int[img.px().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = blend(img.px()[i], 0, f);
        }
        return new Rgb8(img.height(), img.width(), out);
    }

    static int[] grey(Rgb8 img) {
        int plane = img.height() * img.width();
        int[] g = new int[plane];
        for (int i = 0; i < plane; i++) {
            g[i] = (int) Math.round(0.299 * img.px()[i] + 0.587 * img.px()[plane + i] + 0.114 * img.px()[2 * plane + i]);
        }
        return g;
    }

    static Rgb8 color(Rgb8 img, double f) {
        int plane = img.height() * img.width();
        int[] g = grey(img), out = new int[img.px().length];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < plane; i++) {
                out[c * plane + i] = blend(img.px()[c * plane + i], g[i], f);
            }
        }
        return new Rgb8(img.height(), img.width(), out);
    }

    static Rgb8 contrast(Rgb8 img, double f) {
        int[] g = grey(img);
        double mean = 0;
        for (int v : g) {
            mean += v;
        }
        mean /= g.length;
        int[] out = new int[img.px().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = blend(img.px()[i], mean, f);
        }
        return new Rgb8(img.height(), img.width(), out);
    }

    /** blend(img, smooth(img), f) with the 3×3 kernel [1 1 1; 1 5 1; 1 1 1]/13; border pixels kept. */
    static Rgb8 sharpness(Rgb8 img, double f) {
        int h = img.height(), w = img.width();
        Rgb8 out = Rgb8.blank(h, w);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int v = img.get(c, y, x);
                    if (y == 0 || x == 0 || y == h - 1 || x == w - 1) {
                        out.set(c, y, x, v);
                        continue;
                    }
                    int s = 4 * v;
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            s += img.get(c, y + dy, x + dx);
                        }
                    }
                    out.set(c, y, x, blend(v, Math.round(s / 13.0), f));
                }
            }
        }
        return out;
    }

    static Rgb8 posterize(Rgb8 img, int bits) {
        int mask = ~((1 << (8 - bits)) - 1) & 0xFF;
        int[] out = new int[img.px().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = img.px()[i] & mask;
        }
        return new Rgb8(img.height(), img.width(), out);
    }

    /** Inverts (255 − v) every value v ≥ {@code threshold}, as torchvision's {@code solarize}. */
    static Rgb8 solarize(Rgb8 img, double threshold) {
        int[] out = img.px().clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] >= threshold) {
                out[i] = 255 - out[i];
            }
        }
        return new Rgb8(img.height(), img.width(), out);
    }

    /** Per channel, maps [min, max] to [0, 255]; a constant channel is unchanged. */
    static Rgb8 autoContrast(Rgb8 img) {
        int plane = img.height() * img.width();
        int[] out = img.px().clone();
        for (int c = 0; c < 3; c++) {
            int lo = 255, hi = 0;
            for (int i = c * plane; i < (c + 1) * plane; i++) {
                lo = Math.min(lo, out[i]);
                hi = Math.max(hi, out[i]);
            }
            if (hi > lo) {
                int range = hi - lo;
                for (int i = c * plane; i < (c + 1) * plane; i++) {
                    out[i] = (2 * (out[i] - lo) * 255 + range) / (2 * range); // (v − lo)·255/(hi − lo), rounded half up, exact
                }
            }
        }
        return new Rgb8(img.height(), img.width(), out);
    }

    /**
     * PIL-style per-channel histogram equalisation: step = (N − count of the last non-empty bin) // 255;
     * lut[v] = min(255, (step//2 + #pixels below v) // step); identity if step = 0.
     */
    static Rgb8 equalize(Rgb8 img) {
        int plane = img.height() * img.width();
        int[] out = img.px().clone();
        for (int c = 0; c < 3; c++) {
            int[] hist = new int[256];
            for (int i = c * plane; i < (c + 1) * plane; i++) {
                hist[out[i]]++;
            }
            int last = 255;
            while (last > 0 && hist[last] == 0) {
                last--;
            }
            int step = (plane - hist[last]) / 255;
            if (step == 0) {
                continue;
            }
            int[] lut = new int[256];
            int below = 0;
            for (int v = 0; v < 256; v++) {
                lut[v] = Math.min(255, (step / 2 + below) / step);
                below += hist[v];
            }
            for (int i = c * plane; i < (c + 1) * plane; i++) {
                out[i] = lut[out[i]];
            }
        }
        return new Rgb8(img.height(), img.width(), out);
    }
}

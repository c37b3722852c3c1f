package io.xai4j.vision.pipnet;

import java.util.SplittableRandom;

/**
 * PIP-Net's training transform (docs/methods/pipnet.md#augmentation): one shared geometric augmentation, then two
 * independent colour augmentations and crops, so that cell (h, w) of both views shows the same
 * content up to less than one latent cell:
 *
 * <pre>
 * g  = Resize(S+r) → TA_geometric → [HorizontalFlip p=0.5] → RandomResizedCrop(S+c, scale (0.95,1), ratio (3/4,4/3))
 * x' = RandomCrop(S)(TA_colour(g)),  x'' = RandomCrop(S)(TA_colour(g))
 * </pre>
 *
 * Outputs are planar [3][S][S] values in [0,1]; the caller normalises.
 *
 * @param imageSize S
 * @param resizeMargin r (generic default max(2, round(32·S/224)))
 * @param cropMargin c (generic default max(2, round(4·S/224))); must be below the latent stride
 * @param hflip whether the shared geometry includes a random horizontal flip
 * @param geometricStrength multiplier of the geometric magnitudes (1 = the spec's)
 * @param colourOps the op set of TA_colour: {@link ColourOps#TRIVIAL} is the spec's (default); the others are
 *     experiment options, see {@link ColourOps}
 */
public record TwoViewAugmentation(int imageSize, int resizeMargin, int cropMargin, boolean hflip, double geometricStrength,
        ColourOps colourOps) {

    /** The spec's colour ops ({@link ColourOps#TRIVIAL}). */
    public TwoViewAugmentation(int imageSize, int resizeMargin, int cropMargin, boolean hflip, double geometricStrength) {
        this(imageSize, resizeMargin, cropMargin, hflip, geometricStrength, ColourOps.TRIVIAL);
    }

    /** Checks the margins. */
    public TwoViewAugmentation {
        if (resizeMargin < 0 || cropMargin < 0) {
            throw new IllegalArgumentException("resizeMargin and cropMargin must be >= 0, got " + resizeMargin + " and " + cropMargin);
        }
        if (colourOps == null) {
            throw new IllegalArgumentException("colourOps must not be null");
        }
        if (!(geometricStrength >= 0)) {
            throw new IllegalArgumentException("geometricStrength must be >= 0, got " + geometricStrength);
        }
    }

    /** The generic margins of docs/methods/pipnet.md#augmentation for side S. */
    public static TwoViewAugmentation defaults(int imageSize, boolean hflip) {
        return new TwoViewAugmentation(imageSize, Math.max(2, (int) Math.round(32.0 * imageSize / 224)),
                Math.max(2, (int) Math.round(4.0 * imageSize / 224)), hflip, 1.0);
    }

    /** Refuses a crop margin that lets the two views differ by a whole latent cell (c &lt; S/H, docs/methods/pipnet.md#augmentation). */
    public void checkAgainstGrid(int gridSize) {
        double stride = (double) imageSize / gridSize;
        if (!(cropMargin < stride)) {
            throw new IllegalArgumentException("cropMargin " + cropMargin + " must be below the latent stride S/H = " + imageSize + "/"
                    + gridSize + " = " + stride + ", so that the two views differ by less than one latent cell");
        }
    }

    /** Two views [2][3·S·S] in [0,1] of one image given as planar [C][H][W] in [0,1]. */
    public float[][] views(float[] chw, int height, int width, SplittableRandom rng) {
        return views(chw, height, width, rng, 2);
    }

    /** One view of the same transform (shared geometry, one colour draw, one crop), for single-view training. */
    public float[] view(float[] chw, int height, int width, SplittableRandom rng) {
        return views(chw, height, width, rng, 1)[0];
    }

    private float[][] views(float[] chw, int height, int width, SplittableRandom rng, int count) {
        TrivialAugment ta = new TrivialAugment(imageSize, geometricStrength, colourOps);
        Rgb8 g = Rgb8.fromUnit(chw, height, width).resize(imageSize + resizeMargin, imageSize + resizeMargin);
        g = ta.geometric(g, rng);
        if (hflip && rng.nextDouble() < 0.5) {
            g = g.flipHorizontal();
        }
        g = randomResizedCrop(g, imageSize + cropMargin, rng);
        float[][] out = new float[count][];
        for (int v = 0; v < count; v++) {
            Rgb8 x = ta.colour(g, rng);
            int top = rng.nextInt(cropMargin + 1), left = rng.nextInt(cropMargin + 1);
            out[v] = x.crop(top, left, imageSize, imageSize).toUnit();
        }
        return out;
    }

    /** The test and projection transform: bilinear resize to S×S (aspect ratio not kept); [3·S·S] in [0,1]. */
    public static float[] testView(float[] chw, int height, int width, int imageSize) {
        if (height == imageSize && width == imageSize && chw.length == 3 * height * width) {
            return chw;
        }
        Rgb8 img = Rgb8.fromUnit(chw, height, width);
        if (height == imageSize && width == imageSize) {
            return img.toUnit();
        }
        return img.resize(imageSize, imageSize).toUnit();
    }

    /** torchvision's RandomResizedCrop.get_params with scale (0.95, 1) and ratio (3/4, 4/3), then bilinear resize. */
    static Rgb8 randomResizedCrop(Rgb8 img, int size, SplittableRandom rng) {
        int height = img.height(), width = img.width();
        double area = (double) height * width;
        double logLo = Math.log(3.0 / 4), logHi = Math.log(4.0 / 3);
        for (int attempt = 0; attempt < 10; attempt++) {
            double target = area * (0.95 + 0.05 * rng.nextDouble());
            double aspect = Math.exp(logLo + (logHi - logLo) * rng.nextDouble());
            int w = (int) Math.round(Math.sqrt(target * aspect));
            int h = (int) Math.round(Math.sqrt(target / aspect));
            if (w > 0 && w <= width && h > 0 && h <= height) {
                int top = rng.nextInt(height - h + 1), left = rng.nextInt(width - w + 1);
                return img.resizedCrop(top, left, h, w, size, size);
            }
        }
        int s = Math.min(height, width);
        return img.resizedCrop((height - s) / 2, (width - s) / 2, s, s, size, size);
    }
}

package io.xai4j.vision.pipnet;

/**
 * Latent cell ↔ image patch mapping (docs/methods/pipnet.md#patches-and-heat-maps, generalising the official fixed 32 px / 26×26
 * logic): cell (h, w) of an H×W grid on an S×S input has centre ((h + 0.5)·S/H, (w + 0.5)·S/W) and a
 * square patch of side P, top = clamp(round(c_y − P/2), 0, S − P), and the same for left.
 *
 * @param imageSize S
 * @param gridHeight H
 * @param gridWidth W
 * @param patchSize P
 */
public record PatchGeometry(int imageSize, int gridHeight, int gridWidth, int patchSize) {

    public PatchGeometry {
        if (patchSize < 1 || patchSize > imageSize) {
            throw new IllegalArgumentException("patch size " + patchSize + " must be in 1.." + imageSize);
        }
    }

    /** P = round(k·S/H): {@code cells(k)}, default k = 2 (16 px at 64/8). */
    public static PatchGeometry cells(int imageSize, int gridHeight, int gridWidth, double k) {
        return new PatchGeometry(imageSize, gridHeight, gridWidth, Math.min(imageSize, (int) Math.round(k * imageSize / gridHeight)));
    }

    /** P = min(S, receptive field). */
    public static PatchGeometry receptiveField(int imageSize, int gridHeight, int gridWidth, int receptiveField) {
        return new PatchGeometry(imageSize, gridHeight, gridWidth, Math.min(imageSize, receptiveField));
    }

    /** P = n pixels: {@code pixels(n)}. */
    public static PatchGeometry pixels(int imageSize, int gridHeight, int gridWidth, int n) {
        return new PatchGeometry(imageSize, gridHeight, gridWidth, n);
    }

    /**
     * The {@code patchSize} choice of docs/methods/pipnet.md#patches-and-heat-maps, resolved against a model's grid: {@code cells(k)} (P = round(k·S/H)),
     * {@code receptiveField} (P = min(S, the backbone's theoretical receptive field)) or {@code pixels(n)}.
     */
    public record Size(Kind kind, double value) {

        /** The three rules of docs/methods/pipnet.md#patches-and-heat-maps. */
        public enum Kind { CELLS, RECEPTIVE_FIELD, PIXELS }

        public Size {
            if (kind != Kind.RECEPTIVE_FIELD && !(value > 0)) {
                throw new IllegalArgumentException("patch size " + kind.name().toLowerCase(java.util.Locale.ROOT) + " must be > 0, got " + value);
            }
        }

        /** {@code cells(k)}; the default is k = 2. */
        public static Size cells(double k) {
            return new Size(Kind.CELLS, k);
        }

        /** {@code receptiveField}. */
        public static Size receptiveField() {
            return new Size(Kind.RECEPTIVE_FIELD, 0);
        }

        /** {@code pixels(n)}. */
        public static Size pixels(int n) {
            return new Size(Kind.PIXELS, n);
        }

        /** The geometry for an S×S input with an H×W grid and a backbone of the given receptive field (px). */
        public PatchGeometry geometry(int imageSize, int gridHeight, int gridWidth, int receptiveField) {
            return switch (kind) {
                case CELLS -> PatchGeometry.cells(imageSize, gridHeight, gridWidth, value);
                case RECEPTIVE_FIELD -> PatchGeometry.receptiveField(imageSize, gridHeight, gridWidth, receptiveField);
                case PIXELS -> PatchGeometry.pixels(imageSize, gridHeight, gridWidth, (int) value);
            };
        }
    }

    /** A patch box in model-input pixels: rows top..bottom−1, columns left..right−1. */
    public record Box(int top, int left, int bottom, int right) {}

    /** Centre row of cell row h. */
    public double centreY(int h) {
        return (h + 0.5) * imageSize / gridHeight;
    }

    /** Centre column of cell column w. */
    public double centreX(int w) {
        return (w + 0.5) * imageSize / gridWidth;
    }

    /** The patch of cell (h, w). */
    public Box box(int h, int w) {
        int top = clamp((int) Math.round(centreY(h) - patchSize / 2.0), 0, imageSize - patchSize);
        int left = clamp((int) Math.round(centreX(w) - patchSize / 2.0), 0, imageSize - patchSize);
        return new Box(top, left, top + patchSize, left + patchSize);
    }

    /**
     * Bilinear upsampling (align-corners false) of an H×W prototype map to S×S, values not rescaled
     * (presences stay in [0,1]).
     */
    public static float[][] upsample(float[][] map, int size) {
        int h = map.length, w = map[0].length;
        float[][] out = new float[size][size];
        double sy = (double) h / size, sx = (double) w / size;
        for (int y = 0; y < size; y++) {
            double fy = Math.max(0, (y + 0.5) * sy - 0.5);
            int y0 = Math.min((int) fy, h - 1), y1 = Math.min(y0 + 1, h - 1);
            double ay = fy - y0;
            for (int x = 0; x < size; x++) {
                double fx = Math.max(0, (x + 0.5) * sx - 0.5);
                int x0 = Math.min((int) fx, w - 1), x1 = Math.min(x0 + 1, w - 1);
                double ax = fx - x0;
                out[y][x] = (float) ((1 - ay) * ((1 - ax) * map[y0][x0] + ax * map[y0][x1]) + ay * ((1 - ax) * map[y1][x0] + ax * map[y1][x1]));
            }
        }
        return out;
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}

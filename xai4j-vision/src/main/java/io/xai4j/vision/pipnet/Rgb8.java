package io.xai4j.vision.pipnet;

/**
 * An 8-bit RGB image as planar ints in 0..255 ([3][H][W] flattened), the working format of the
 * two-view augmentation (TrivialAugment's ops are defined on 8-bit images).
 */
record Rgb8(int height, int width, int[] px) {

    static Rgb8 blank(int height, int width) {
        return new Rgb8(height, width, new int[3 * height * width]);
    }

    /** From planar [C][H][W] values in [0,1]; one channel is replicated to RGB. */
    static Rgb8 fromUnit(float[] chw, int height, int width) {
        int plane = height * width;
        boolean grey = chw.length == plane;
        if (!grey && chw.length != 3 * plane) {
            throw new IllegalArgumentException("an image of " + chw.length + " values is neither 1×" + height + "×" + width
                    + " nor 3×" + height + "×" + width);
        }
        int[] px = new int[3 * plane];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < plane; i++) {
                px[c * plane + i] = clamp(Math.round(chw[(grey ? 0 : c) * plane + i] * 255f));
            }
        }
        return new Rgb8(height, width, px);
    }

    /** Planar [3][H][W] values in [0,1]. */
    float[] toUnit() {
        float[] out = new float[px.length];
        for (int i = 0; i < px.length; i++) {
            out[i] = px[i] / 255f;
        }
        return out;
    }

    int get(int c, int y, int x) {
        return px[(c * height + y) * width + x];
    }

    void set(int c, int y, int x, int v) {
        px[(c * height + y) * width + x] = v;
    }

    static int clamp(long v) {
        return (int) Math.max(0, Math.min(255, v));
    }

    /** Bilinear resize (align-corners false, no antialiasing) of the crop rows top..top+h, cols left..left+w. */
    Rgb8 resizedCrop(int top, int left, int h, int w, int outH, int outW) {
        Rgb8 out = blank(outH, outW);
        double sy = (double) h / outH, sx = (double) w / outW;
        for (int y = 0; y < outH; y++) {
            double fy = Math.max(0, (y + 0.5) * sy - 0.5);
            int y0 = Math.min((int) fy, h - 1), y1 = Math.min(y0 + 1, h - 1);
            double ay = fy - y0;
            for (int x = 0; x < outW; x++) {
                double fx = Math.max(0, (x + 0.5) * sx - 0.5);
                int x0 = Math.min((int) fx, w - 1), x1 = Math.min(x0 + 1, w - 1);
                double ax = fx - x0;
                for (int c = 0; c < 3; c++) {
                    double v = (1 - ay) * ((1 - ax) * get(c, top + y0, left + x0) + ax * get(c, top + y0, left + x1))
                            + ay * ((1 - ax) * get(c, top + y1, left + x0) + ax * get(c, top + y1, left + x1));
                    out.set(c, y, x, clamp(Math.round(v)));
                }
            }
        }
        return out;
    }

    Rgb8 resize(int outH, int outW) {
        return outH == height && outW == width ? this : resizedCrop(0, 0, height, width, outH, outW);
    }

    Rgb8 crop(int top, int left, int h, int w) {
        Rgb8 out = blank(h, w);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    out.set(c, y, x, get(c, top + y, left + x));
                }
            }
        }
        return out;
    }

    Rgb8 flipHorizontal() {
        Rgb8 out = blank(height, width);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    out.set(c, y, x, get(c, y, width - 1 - x));
                }
            }
        }
        return out;
    }
}

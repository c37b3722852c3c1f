package io.xai4j.core.render;

/** Colour maps for saliency in [0,1]. */
public final class ColorMaps {

    private ColorMaps() {}

    /** Matplotlib/OpenCV-style "jet": dark blue → cyan → yellow → dark red; returns 0xRRGGBB. */
    public static int jet(double v) {
        double t = clamp(v);
        double r = clamp(1.5 - Math.abs(4 * t - 3));
        double g = clamp(1.5 - Math.abs(4 * t - 2));
        double b = clamp(1.5 - Math.abs(4 * t - 1));
        return rgb(r, g, b);
    }

    /** Sequential white → red, used for molecule atoms and graph nodes. */
    public static int whiteRed(double v) {
        double t = clamp(v);
        return rgb(1.0, 1.0 - 0.85 * t, 1.0 - 0.85 * t);
    }

    /** Grey ramp. */
    public static int grey(double v) {
        double t = clamp(v);
        return rgb(t, t, t);
    }

    private static int rgb(double r, double g, double b) {
        return ((int) Math.round(r * 255) << 16) | ((int) Math.round(g * 255) << 8) | (int) Math.round(b * 255);
    }

    private static double clamp(double v) {
        return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
    }
}

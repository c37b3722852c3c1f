package io.xai4j.core.render;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleToIntFunction;

/** Colour maps for saliency in [0,1], each returning 0xRRGGBB; overlays pick one by name ({@link #named}). */
public final class ColorMaps {

    /*
     * The perceptual maps are piecewise linear through ten colours taken evenly (at k/9) from the published maps: matplotlib's
     * viridis, plasma, inferno and magma (van der Walt and Smith, 2015, CC0) and Google's Turbo (Mikhailov, 2019), as R's
     * viridisLite lists them: exact at the ten stops, an approximation of the 256-entry originals between them (the
     * distance was not measured here), kept short instead of copying the tables.
     */
    private static final int[] VIRIDIS = {0x440154, 0x482878, 0x3E4A89, 0x31688E, 0x26828E, 0x1F9E89, 0x35B779, 0x6DCD59, 0xB4DE2C, 0xFDE725};
    private static final int[] PLASMA = {0x0D0887, 0x47039F, 0x7301A8, 0x9C179E, 0xBD3786, 0xD8576B, 0xED7953, 0xFA9E3B, 0xFDC926, 0xF0F921};
    private static final int[] INFERNO = {0x000004, 0x1B0C42, 0x4B0C6B, 0x781C6D, 0xA52C60, 0xCF4446, 0xED6925, 0xFB9A06, 0xF7D03C, 0xFCFFA4};
    private static final int[] MAGMA = {0x000004, 0x180F3E, 0x451077, 0x721F81, 0x9F2F7F, 0xCD4071, 0xF1605D, 0xFD9567, 0xFEC98D, 0xFCFDBF};
    private static final int[] TURBO = {0x30123B, 0x4662D7, 0x36AAF9, 0x1AE4B6, 0x72FE5E, 0xC7EF34, 0xFABA39, 0xF66B19, 0xCB2A04, 0x7A0403};

    private static final Map<String, DoubleToIntFunction> NAMED = new LinkedHashMap<>();

    static {
        NAMED.put("jet", ColorMaps::jet);
        NAMED.put("viridis", v -> stops(VIRIDIS, v));
        NAMED.put("plasma", v -> stops(PLASMA, v));
        NAMED.put("inferno", v -> stops(INFERNO, v));
        NAMED.put("magma", v -> stops(MAGMA, v));
        NAMED.put("turbo", v -> stops(TURBO, v));
        NAMED.put("gray", ColorMaps::grey);
    }

    private ColorMaps() {}

    /** The names {@link #named} knows, in the order a user reads them. */
    public static List<String> names() {
        return List.copyOf(NAMED.keySet());
    }

    /**
     * The colour map of that name (matplotlib's names: jet, viridis, plasma, inferno, magma, turbo, gray; "grey" too).
     *
     * @throws IllegalArgumentException for another name, listing the known ones
     */
    public static DoubleToIntFunction named(String name) {
        DoubleToIntFunction map = NAMED.get("grey".equals(name) ? "gray" : name);
        if (map == null) {
            throw new IllegalArgumentException("unknown colour map '" + name + "'; expected one of " + String.join(", ", names()));
        }
        return map;
    }

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

    /** Linear interpolation between evenly spaced colours, stop k at k/(n−1). */
    private static int stops(int[] colours, double v) {
        double p = clamp(v) * (colours.length - 1);
        int k = Math.min((int) p, colours.length - 2);
        double f = p - k;
        int a = colours[k], b = colours[k + 1];
        return mix(a >> 16, b >> 16, f) << 16 | mix(a >> 8, b >> 8, f) << 8 | mix(a, b, f);
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round((a & 255) * (1 - f) + (b & 255) * f);
    }

    private static int rgb(double r, double g, double b) {
        return ((int) Math.round(r * 255) << 16) | ((int) Math.round(g * 255) << 8) | (int) Math.round(b * 255);
    }

    private static double clamp(double v) {
        return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
    }
}

package io.xai4j.vision.data;

import java.util.Locale;

/**
 * A PartShapes part type: a (shape, hue) pair with its role in the data set
 * (docs/methods/partshapes.md#vocabulary). The vocabulary has {@link #VOCABULARY_SIZE} types numbered
 * {@code id = shape.ordinal() * Hue.values().length + hue.ordinal()}; the numbering is part of the
 * data set's metadata.
 *
 * @param id the part type number
 * @param shape the drawn shape
 * @param hue the base colour (each instance jitters its lightness)
 * @param role what the type is used for in this data set
 */
public record PartType(int id, Shape shape, Hue hue, Role role) {

    /** Number of (shape, hue) pairs: 8 shapes × 6 hues. */
    public static final int VOCABULARY_SIZE = Shape.values().length * Hue.values().length;

    /** Checks that the id matches the shape and hue. */
    public PartType {
        if (shape == null || hue == null || role == null) {
            throw new IllegalArgumentException("part type " + id + ": shape, hue and role are required");
        }
        if (id != idOf(shape, hue)) {
            throw new IllegalArgumentException("part type " + id + " (" + hue + " " + shape + "): expected id "
                    + idOf(shape, hue) + " = shape.ordinal() * " + Hue.values().length + " + hue.ordinal()");
        }
    }

    /** The id of a (shape, hue) pair. */
    public static int idOf(Shape shape, Hue hue) {
        return shape.ordinal() * Hue.values().length + hue.ordinal();
    }

    /** Readable name such as {@code red_circle}. */
    public String name() {
        return hue.label() + "_" + shape.label();
    }

    /** What a part type is used for. */
    public enum Role {
        /** Part of at least two classes' definitions; a class is identified by its combination. */
        DISCRIMINATIVE,
        /** Drawn in images of every class with the same probability; evidence for nothing. */
        DISTRACTOR,
        /** Reserved for the out-of-distribution split; never drawn in train, val or test. */
        UNSEEN,
        /** Not used by this configuration. */
        UNUSED
    }

    /**
     * The shapes, each defined inside the unit disc (radius 1 = half the part diameter), in local
     * coordinates (u, v) before the part's random rotation. A point belongs to the shape if it satisfies
     * the inequality given for each constant.
     */
    public enum Shape {
        /** Disc u² + v² ≤ 0.85². */
        CIRCLE,
        /** Square |u| ≤ 0.65 and |v| ≤ 0.65. */
        SQUARE,
        /** Equilateral triangle with circumradius 0.95 and a vertex at angle 90°. */
        TRIANGLE,
        /** Plus sign: (|u| ≤ 0.9 and |v| ≤ 0.28) or (|u| ≤ 0.28 and |v| ≤ 0.9). */
        CROSS,
        /** Annulus 0.45² ≤ u² + v² ≤ 0.9². */
        RING,
        /** Rhombus with vertices (±0.95, 0) and (0, ±0.55); elongated so that it differs from a rotated square. */
        DIAMOND,
        /** Five-pointed star polygon: tips at radius 0.95 (first at 90°), inner corners at radius 0.45. */
        STAR,
        /** Rectangle |u| ≤ 0.9 and |v| ≤ 0.3. */
        BAR;

        private static final double[][] TRIANGLE_POLYGON = regularStar(3, 0.95, 0.95 / 2);
        private static final double[][] DIAMOND_POLYGON = {{0.95, 0, -0.95, 0}, {0, 0.55, 0, -0.55}};
        private static final double[][] STAR_POLYGON = regularStar(5, 0.95, 0.45);

        /** Lower-case name used in part-type names and files. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Whether local point (u, v) of the unit disc lies in the shape (the inequalities above). */
        boolean contains(double u, double v) {
            switch (this) {
                case CIRCLE:
                    return u * u + v * v <= 0.85 * 0.85;
                case SQUARE:
                    return Math.abs(u) <= 0.65 && Math.abs(v) <= 0.65;
                case TRIANGLE:
                    return inPolygon(TRIANGLE_POLYGON, u, v);
                case CROSS: {
                    double au = Math.abs(u), av = Math.abs(v);
                    return (au <= 0.9 && av <= 0.28) || (au <= 0.28 && av <= 0.9);
                }
                case RING: {
                    double r2 = u * u + v * v;
                    return r2 >= 0.45 * 0.45 && r2 <= 0.9 * 0.9;
                }
                case DIAMOND:
                    return inPolygon(DIAMOND_POLYGON, u, v);
                case STAR:
                    return inPolygon(STAR_POLYGON, u, v);
                case BAR:
                    return Math.abs(u) <= 0.9 && Math.abs(v) <= 0.3;
                default:
                    throw new AssertionError(this);
            }
        }

        /**
         * Vertices {xs, ys} alternating between radius {@code outer} at angles 90° + k·360°/n and radius
         * {@code inner} half-way between; with inner = outer/2 and n = 3 the inner corners fall on the
         * edges, which gives the equilateral triangle. StrictMath keeps the vertices identical on every JVM.
         */
        private static double[][] regularStar(int n, double outer, double inner) {
            double[] xs = new double[2 * n], ys = new double[2 * n];
            for (int k = 0; k < 2 * n; k++) {
                double r = k % 2 == 0 ? outer : inner;
                double a = StrictMath.PI / 2 + k * StrictMath.PI / n;
                xs[k] = r * StrictMath.cos(a);
                ys[k] = r * StrictMath.sin(a);
            }
            return new double[][] {xs, ys};
        }

        /** Even-odd crossing test. */
        private static boolean inPolygon(double[][] polygon, double u, double v) {
            double[] xs = polygon[0], ys = polygon[1];
            boolean inside = false;
            for (int i = 0, j = xs.length - 1; i < xs.length; j = i++) {
                if ((ys[i] > v) != (ys[j] > v)
                        && u < (xs[j] - xs[i]) * (v - ys[i]) / (ys[j] - ys[i]) + xs[i]) {
                    inside = !inside;
                }
            }
            return inside;
        }
    }

    /**
     * Six well-separated hues as base sRGB values in [0,1]; their HSV hues are 0°, 53°, 123°, 188°, 232° and 304°
     * (44–72° apart: cyan and blue are the closest pair).
     */
    public enum Hue {
        RED(0.90, 0.12, 0.12),
        YELLOW(0.95, 0.85, 0.10),
        GREEN(0.12, 0.70, 0.15),
        CYAN(0.10, 0.75, 0.85),
        BLUE(0.15, 0.25, 0.90),
        MAGENTA(0.85, 0.15, 0.80);

        private final double red, green, blue;

        Hue(double red, double green, double blue) {
            this.red = red;
            this.green = green;
            this.blue = blue;
        }

        /** Lower-case name used in part-type names and files. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Base colour channel c (0 = red, 1 = green, 2 = blue) in [0,1]. */
        public double channel(int c) {
            switch (c) {
                case 0:
                    return red;
                case 1:
                    return green;
                case 2:
                    return blue;
                default:
                    throw new IllegalArgumentException("channel " + c + ": expected 0, 1 or 2");
            }
        }
    }
}

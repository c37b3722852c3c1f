package io.xai4j.core.render;

import io.xai4j.core.io.AtomicFiles;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.function.DoubleToIntFunction;
import java.util.function.DoubleUnaryOperator;
import javax.imageio.ImageIO;

/** Turning pixel arrays and saliency maps into pictures: PNG files, overlays, data URIs. */
public final class Images {

    private Images() {}

    /** An RGB image from a [3][H][W]-ordered planar array with values in [0,1]. */
    public static BufferedImage fromPlanarRgb(float[] chw, int height, int width) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int plane = height * width;
        boolean grey = chw.length == plane;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                int r = to8(chw[i]);
                int g = grey ? r : to8(chw[plane + i]);
                int b = grey ? r : to8(chw[2 * plane + i]);
                img.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return img;
    }

    /** A heat map image from a [H][W] map in [0,1] with the given colour map. */
    public static BufferedImage heatmap(float[][] map, DoubleUnaryOperator colorMap) {
        int h = map.length, w = map[0].length;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, (int) colorMap.applyAsDouble(map[y][x]));
            }
        }
        return img;
    }

    /** The jet colouring of {@code map} blended over {@code base} with the given opacity (default 0.5). */
    public static BufferedImage overlay(BufferedImage base, float[][] map, double alpha) {
        int h = base.getHeight(), w = base.getWidth();
        if (map.length != h || map[0].length != w) {
            throw new IllegalArgumentException(
                    "map is " + map.length + "x" + map[0].length + " but the image is " + h + "x" + w);
        }
        return overlay(base, map, 0, 0, alpha, ColorMaps::jet);
    }

    /**
     * {@code map} coloured with {@code colorMap} and blended over the region of {@code base} whose top-left corner is
     * ({@code left}, {@code top}): each channel becomes {@code round((1 − alpha)·base + alpha·colour)}; pixels outside the
     * region keep the base's colour (a map of a centre crop drawn on the whole image).
     *
     * @param alpha the map's opacity in [0, 1]: 0 shows only the image, 1 only the map
     */
    public static BufferedImage overlay(BufferedImage base, float[][] map, int left, int top, double alpha, DoubleToIntFunction colorMap) {
        int h = base.getHeight(), w = base.getWidth(), mh = map.length, mw = map[0].length;
        if (left < 0 || top < 0 || left + mw > w || top + mh > h) {
            throw new IllegalArgumentException("a " + mh + "x" + mw + " map at (" + left + ", " + top + ") does not fit an image of "
                    + h + "x" + w);
        }
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int a = base.getRGB(x, y) & 0xFFFFFF, my = y - top, mx = x - left;
                boolean inside = my >= 0 && my < mh && mx >= 0 && mx < mw;
                out.setRGB(x, y, inside ? blend(a, colorMap.applyAsInt(map[my][mx]), alpha) : a);
            }
        }
        return out;
    }

    /** Nearest-neighbour enlargement for small images (pixels stay crisp in reports). */
    public static BufferedImage scale(BufferedImage img, int factor) {
        if (factor <= 1) {
            return img;
        }
        BufferedImage out = new BufferedImage(img.getWidth() * factor, img.getHeight() * factor, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.drawImage(img, 0, 0, out.getWidth(), out.getHeight(), null);
        g.dispose();
        return out;
    }

    /** PNG bytes of an image. */
    public static byte[] png(BufferedImage img) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            ImageIO.write(img, "png", bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a PNG atomically. */
    public static void writePng(Path file, BufferedImage img) {
        byte[] bytes = png(img);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /** A {@code data:image/png;base64,...} URI, for self-contained HTML. */
    public static String dataUri(BufferedImage img) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png(img));
    }

    private static int blend(int a, int c, double alpha) {
        int r = (int) Math.round(((a >> 16) & 255) * (1 - alpha) + ((c >> 16) & 255) * alpha);
        int g = (int) Math.round(((a >> 8) & 255) * (1 - alpha) + ((c >> 8) & 255) * alpha);
        int b = (int) Math.round((a & 255) * (1 - alpha) + (c & 255) * alpha);
        return (r << 16) | (g << 8) | b;
    }

    private static int to8(float v) {
        return Math.max(0, Math.min(255, Math.round(v * 255f)));
    }
}

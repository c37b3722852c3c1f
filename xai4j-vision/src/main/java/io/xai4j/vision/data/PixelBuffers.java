package io.xai4j.vision.data;

import io.xai4j.core.explain.MapOps;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;

/** Conversions between pictures and the planar 8-bit [C][H·W] buffers the readers keep in memory. */
final class PixelBuffers {

    private PixelBuffers() {}

    /** An RGB picture from planar [3][H·W] bytes. */
    static BufferedImage toRgbImage(byte[] planar, int height, int width) {
        int plane = height * width;
        int[] argb = new int[plane];
        for (int i = 0; i < plane; i++) {
            argb[i] = (planar[i] & 0xFF) << 16 | (planar[plane + i] & 0xFF) << 8 | (planar[2 * plane + i] & 0xFF);
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, width, height, argb, 0, width);
        return img;
    }

    /**
     * Planar bytes of a decoded picture with the requested channel count. Grey pictures are read from
     * their raster (not through {@code getRGB}, which would convert linear grey to sRGB) and replicated
     * for 3 channels; colour pictures become grey by ITU-R BT.601 luma 0.299R + 0.587G + 0.114B.
     * Alpha is dropped.
     */
    static byte[] fromImage(BufferedImage img, int channels) {
        int h = img.getHeight(), w = img.getWidth(), plane = h * w;
        byte[] grey = isGrey(img) ? greySamples(img.getRaster()) : null;
        byte[] out = new byte[channels * plane];
        if (grey != null) {
            for (int c = 0; c < channels; c++) {
                System.arraycopy(grey, 0, out, c * plane, plane);
            }
            return out;
        }
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < plane; i++) {
            int r = (argb[i] >> 16) & 0xFF, g = (argb[i] >> 8) & 0xFF, b = argb[i] & 0xFF;
            if (channels == 1) {
                out[i] = (byte) (int) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
            } else {
                out[i] = (byte) r;
                out[plane + i] = (byte) g;
                out[2 * plane + i] = (byte) b;
            }
        }
        return out;
    }

    /**
     * Bilinear resize of planar bytes with PyTorch {@code interpolate(mode="bilinear",
     * align_corners=False, antialias=False)} semantics (core {@link MapOps#upsampleBilinear}), rounded
     * back to 8 bits.
     */
    static byte[] resize(byte[] planar, int channels, int height, int width, int newHeight, int newWidth) {
        if (height == newHeight && width == newWidth) {
            return planar;
        }
        byte[] out = new byte[channels * newHeight * newWidth];
        float[][] channel = new float[height][width];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    channel[y][x] = planar[(c * height + y) * width + x] & 0xFF;
                }
            }
            float[][] resized = MapOps.upsampleBilinear(channel, newHeight, newWidth);
            for (int y = 0; y < newHeight; y++) {
                for (int x = 0; x < newWidth; x++) {
                    out[(c * newHeight + y) * newWidth + x] =
                            (byte) Math.max(0, Math.min(255, Math.round(resized[y][x])));
                }
            }
        }
        return out;
    }

    /** [0,1] floats of planar bytes. */
    static float[] toFloats(byte[] planar) {
        float[] out = new float[planar.length];
        for (int i = 0; i < planar.length; i++) {
            out[i] = (planar[i] & 0xFF) / 255f;
        }
        return out;
    }

    private static boolean isGrey(BufferedImage img) {
        return img.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && img.getRaster().getNumBands() <= 2
                && !(img.getColorModel() instanceof java.awt.image.IndexColorModel);
    }

    private static byte[] greySamples(Raster raster) {
        int h = raster.getHeight(), w = raster.getWidth();
        int[] samples = raster.getSamples(0, 0, w, h, 0, (int[]) null);
        // 1-, 2-, 4- and 16-bit grey are scaled to 8 bits: round(v·255 / (2^bits − 1)).
        long max = (1L << raster.getSampleModel().getSampleSize(0)) - 1;
        byte[] out = new byte[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = (byte) ((samples[i] * 255L + max / 2) / max);
        }
        return out;
    }
}

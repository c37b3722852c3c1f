package io.xai4j.vision.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderDatasetTest {

    @TempDir
    Path root;

    private static BufferedImage rgb(int w, int h, int seed) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, ((seed + 40 * x) & 0xFF) << 16 | ((seed + 30 * y) & 0xFF) << 8 | (seed * 7 & 0xFF));
            }
        }
        return img;
    }

    private Path write(String relative, BufferedImage img, String format) throws IOException {
        Path f = root.resolve(relative);
        Files.createDirectories(f.getParent());
        assertTrue(ImageIO.write(img, format, f.toFile()), "ImageIO can write " + format);
        return f;
    }

    private static byte[] bytes(BufferedImage img, String format) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        ImageIO.write(img, format, out);
        return out.toByteArray();
    }

    /** r, g, b of pixel (x, y) in a planar [0,1] image, back in 8-bit levels. */
    private static int[] levels(float[] chw, int w, int h, int x, int y) {
        int p = y * w + x, plane = w * h;
        return new int[] {Math.round(chw[p] * 255), Math.round(chw[plane + p] * 255), Math.round(chw[2 * plane + p] * 255)};
    }

    @Test
    void classFoldersSortedByNameGiveLabelsAndPngPixelsAreExact() throws IOException {
        write("b_cat/2.png", rgb(4, 3, 1), "png");
        write("b_cat/1.bmp", rgb(4, 3, 2), "bmp");
        write("a_dog/x.png", rgb(4, 3, 3), "png");
        write("a_dog/x.mask.png", rgb(4, 3, 9), "png");
        Files.writeString(root.resolve("a_dog/notes.txt"), "not an image");
        Files.createDirectories(root.resolve(".hidden"));
        ImageFolderDataset d = ImageFolderDataset.builder().setRoot(root).build();
        assertEquals(List.of("a_dog", "b_cat"), d.classNames());
        assertEquals(3, d.size());
        assertArrayEquals(new int[] {0, 1, 1}, d.labels(new int[] {0, 1, 2}));
        assertEquals(root.resolve("b_cat/1.bmp"), d.file(1));
        assertEquals(3, d.channels());
        assertEquals(3, d.height());
        assertEquals(4, d.width());
        BufferedImage expected = rgb(4, 3, 1);
        int c = expected.getRGB(3, 2);
        assertArrayEquals(new int[] {c >> 16 & 0xFF, c >> 8 & 0xFF, c & 0xFF}, levels(d.pixels(2), 4, 3, 3, 2));
        assertEquals(0, d.skippedCount());
    }

    @Test
    void greyImagesAreReplicatedToRgbAndColourBecomesLumaForOneChannel() throws IOException {
        BufferedImage grey = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSamples(0, 0, 2, 2, 0, new int[] {0, 100, 200, 255});
        write("g/grey.png", grey, "png");
        BufferedImage colour = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        colour.setRGB(0, 0, 0xFF0000);
        colour.setRGB(1, 0, 0x00FF00);
        colour.setRGB(0, 1, 0x0000FF);
        colour.setRGB(1, 1, 0x808080);
        write("h/colour.png", colour, "png");
        ImageFolderDataset rgb = ImageFolderDataset.builder().setRoot(root).build();
        assertArrayEquals(new int[] {100, 100, 100}, levels(rgb.pixels(0), 2, 2, 1, 0));
        assertArrayEquals(new int[] {200, 200, 200}, levels(rgb.pixels(0), 2, 2, 0, 1));
        ImageFolderDataset grey1 = ImageFolderDataset.builder().setRoot(root).optChannels(1).build();
        float[] luma = grey1.pixels(1);
        // BT.601: 0.299·255 = 76.2, 0.587·255 = 149.7, 0.114·255 = 29.1, grey stays 128.
        assertArrayEquals(new int[] {76, 150, 29, 128},
                new int[] {Math.round(luma[0] * 255), Math.round(luma[1] * 255), Math.round(luma[2] * 255),
                        Math.round(luma[3] * 255)});
    }

    @Test
    void resizeIsBilinearWithHalfPixelCentres() throws IOException {
        BufferedImage grey = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSamples(0, 0, 2, 1, 0, new int[] {0, 255});
        write("a/ramp.png", grey, "png");
        ImageFolderDataset d = ImageFolderDataset.builder().setRoot(root).optImageSize(1, 4).optChannels(1).build();
        float[] x = d.pixels(0);
        // Source coordinates (x + 0.5)/2 − 0.5 = −0.25→0, 0.25, 0.75, 1.25→edge: 0, 63.75, 191.25, 255.
        assertArrayEquals(new int[] {0, 64, 191, 255},
                new int[] {Math.round(x[0] * 255), Math.round(x[1] * 255), Math.round(x[2] * 255), Math.round(x[3] * 255)});
    }

    @Test
    void jpegBmpAndGifAreRead() throws IOException {
        BufferedImage flat = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                flat.setRGB(x, y, 0x3060C0);
            }
        }
        write("a/flat.jpg", flat, "jpg");
        write("a/flat.bmp", flat, "bmp");
        write("a/flat.gif", flat, "gif");
        ImageFolderDataset d = ImageFolderDataset.builder().setRoot(root).build();
        assertEquals(3, d.size());
        for (int i = 0; i < 3; i++) {
            int[] px = levels(d.pixels(i), 8, 8, 4, 4);
            assertTrue(Math.abs(px[0] - 0x30) <= 3 && Math.abs(px[1] - 0x60) <= 3 && Math.abs(px[2] - 0xC0) <= 3,
                    d.file(i) + " gives " + Arrays.toString(px));
        }
    }

    @Test
    void missingFolderNoClassFoldersAndEmptyClassFolderNameThePath() throws IOException {
        Path missing = root.resolve("absent");
        DataFormatException e1 = assertThrows(DataFormatException.class,
                () -> ImageFolderDataset.builder().setRoot(missing).build());
        assertEquals(missing, e1.file());
        assertTrue(e1.getMessage().contains("no such folder"), e1.getMessage());
        Files.writeString(root.resolve("readme.txt"), "x");
        DataFormatException e2 = assertThrows(DataFormatException.class,
                () -> ImageFolderDataset.builder().setRoot(root).build());
        assertTrue(e2.getMessage().contains("has no class folders"), e2.getMessage());
        write("a/ok.png", rgb(2, 2, 0), "png");
        Files.createDirectories(root.resolve("b"));
        Files.writeString(root.resolve("b/notes.txt"), "x");
        DataFormatException e3 = assertThrows(DataFormatException.class,
                () -> ImageFolderDataset.builder().setRoot(root).build());
        assertEquals(root.resolve("b"), e3.file());
        assertTrue(e3.getMessage().contains("class folder has no images"), e3.getMessage());
    }

    /** A folder with two good images and three bad ones: garbage, a truncated PNG, a truncated JPEG. */
    private void writeBadFiles() throws IOException {
        write("a/good1.png", rgb(16, 16, 1), "png");
        write("b/good2.png", rgb(16, 16, 2), "png");
        Files.write(root.resolve("a/garbage.png"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        byte[] png = bytes(rgb(16, 16, 5), "png");
        Files.write(root.resolve("b/cut.png"), Arrays.copyOf(png, png.length / 2));
        byte[] jpg = bytes(rgb(16, 16, 6), "jpg");
        Files.write(root.resolve("b/cut.jpg"), Arrays.copyOf(jpg, jpg.length * 2 / 3));
    }

    @Test
    void corruptAndTruncatedImagesNameTheFile() throws IOException {
        writeBadFiles();
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> ImageFolderDataset.builder().setRoot(root).build());
        assertEquals(root.resolve("a/garbage.png"), e.file());
        assertTrue(e.getMessage().contains("garbage.png"), e.getMessage());
        Files.delete(root.resolve("a/garbage.png"));
        DataFormatException cut = assertThrows(DataFormatException.class,
                () -> ImageFolderDataset.builder().setRoot(root).build());
        assertEquals(root.resolve("b/cut.jpg"), cut.file());
        Files.delete(root.resolve("b/cut.jpg"));
        assertEquals(root.resolve("b/cut.png"), assertThrows(DataFormatException.class,
                () -> ImageFolderDataset.builder().setRoot(root).build()).file());
    }

    /**
     * Single files (explain, pipnet predict) go through the folder's strict decoder: a JPEG cut off at two thirds decodes
     * with a warning and a grey lower part, and is refused naming the file, as a folder refuses it.
     */
    @Test
    void readImageRefusesWhatTheFolderDecoderRefuses() throws IOException {
        writeBadFiles();
        for (String bad : List.of("a/garbage.png", "b/cut.png", "b/cut.jpg")) {
            for (ImageFolderDataset.Fit fit : ImageFolderDataset.Fit.values()) {
                DataFormatException e = assertThrows(DataFormatException.class,
                        () -> ImageFolderDataset.readImage(root.resolve(bad), 3, 8, 8, fit), bad + " " + fit);
                assertEquals(root.resolve(bad), e.file());
            }
        }
        // a larger JPEG cut in half: ImageIO.read (what explain and pipnet predict used) returns an image with a flat lower half
        byte[] jpg = bytes(rgb(64, 48, 3), "jpg");
        Path half = root.resolve("half.jpg");
        Files.write(half, Arrays.copyOf(jpg, jpg.length / 2));
        BufferedImage lax = ImageIO.read(half.toFile());
        assertTrue(lax != null && lax.getWidth() == 64, "the lax decoder accepts the cut file");
        DataFormatException cut = assertThrows(DataFormatException.class, () -> ImageFolderDataset.readImage(half, 3, 8, 8));
        assertEquals(half, cut.file());
        assertTrue(cut.getMessage().contains("corrupt or truncated image: the JPEG decoder warned"), cut.getMessage());
        // the readable files give the folder's pixels
        ImageFolderDataset d = ImageFolderDataset.builder().setRoot(root).optImageSize(8, 8).optSkipBad(true).build();
        for (int k = 0; k < d.size(); k++) {
            assertArrayEquals(d.pixels(k), ImageFolderDataset.readImage(d.file(k), 3, 8, 8), 0f, d.file(k).toString());
        }
    }

    /** TIFF is read (the JDK's javax.imageio decodes it) with the PNG's pixels; WebP and other endings are counted, not read. */
    @Test
    void tiffIsReadAndOtherEndingsAreCountedNotDropped() throws IOException {
        write("a/1.png", rgb(6, 5, 1), "png");
        write("b/1.tiff", rgb(6, 5, 1), "tiff");
        write("b/2.TIF", rgb(6, 5, 2), "tiff");
        Files.write(root.resolve("a/photo.webp"), new byte[] {1, 2});
        Files.writeString(root.resolve("b/readme.txt"), "x");
        ImageFolderDataset d = ImageFolderDataset.builder().setRoot(root).build();
        assertEquals(3, d.size());
        assertArrayEquals(d.pixels(0), d.pixels(1), 0f, "TIFF and PNG of one picture");
        assertEquals(List.of(root.resolve("a/photo.webp"), root.resolve("b/readme.txt")), d.ignoredFiles());
        assertEquals("2 files not read (1 .txt, 1 .webp; readable: png, jpg, jpeg, bmp, gif, tif, tiff)",
                ImageFolderDataset.ignoredSummary(d.ignoredFiles()));
        assertArrayEquals(d.pixels(2), ImageFolderDataset.readImage(root.resolve("b/2.TIF"), 3, 5, 6), 0f);
    }

    @Test
    void skipBadSkipsAndCountsUnreadableFiles() throws IOException {
        writeBadFiles();
        ImageFolderDataset d = ImageFolderDataset.builder().setRoot(root).optSkipBad(true).build();
        assertEquals(2, d.size());
        assertEquals(3, d.skippedCount());
        assertEquals(List.of(root.resolve("a/garbage.png"), root.resolve("b/cut.jpg"), root.resolve("b/cut.png")),
                d.skippedFiles());
        assertArrayEquals(new int[] {0, 1}, d.labels(new int[] {0, 1}));
    }

    @Test
    void differentSizesWithoutAResizeAreAnError() throws IOException {
        write("a/1.png", rgb(4, 4, 1), "png");
        write("a/2.png", rgb(5, 4, 1), "png");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> ImageFolderDataset.builder().setRoot(root).build());
        assertEquals(root.resolve("a/2.png"), e.file());
        assertTrue(e.getMessage().contains("optImageSize"), e.getMessage());
        assertEquals(2, ImageFolderDataset.builder().setRoot(root).optImageSize(4, 4).build().size());
    }

    @Test
    void lazyDataSetsDecodeWhenAskedAndGiveTheSamePixels() throws IOException {
        writeBadFiles();
        // eager and lazy agree on the readable files, skipping the same ones
        ImageFolderDataset eager = ImageFolderDataset.builder().setRoot(root).optImageSize(8, 8).optSkipBad(true).build();
        ImageFolderDataset lazy = ImageFolderDataset.builder().setRoot(root).optImageSize(8, 8).optSkipBad(true).optLazy(true).build();
        assertTrue(lazy.lazy() && !eager.lazy());
        assertEquals(eager.size(), lazy.size());
        assertEquals(eager.skippedFiles(), lazy.skippedFiles());
        for (int k = 0; k < eager.size(); k++) {
            assertEquals(eager.file(k), lazy.file(k));
            assertEquals(eager.label(k), lazy.label(k));
            assertArrayEquals(eager.pixels(k), lazy.pixels(k), 0f);
        }
        // without skipBad nothing is decoded at build time: an unreadable file fails when it is used, naming it
        ImageFolderDataset unchecked = ImageFolderDataset.builder().setRoot(root).optImageSize(8, 8).optLazy(true).build();
        int garbage = -1;
        for (int k = 0; k < unchecked.size(); k++) {
            if (unchecked.file(k).equals(root.resolve("a/garbage.png"))) {
                garbage = k;
            }
        }
        int g = garbage;
        assertTrue(g >= 0);
        assertEquals(root.resolve("a/garbage.png"), assertThrows(DataFormatException.class, () -> unchecked.pixels(g)).file());
        assertThrows(IllegalStateException.class, () -> ImageFolderDataset.builder().setRoot(root).optLazy(true).build(),
                "a lazy data set needs a fixed size");
    }

    /**
     * A 30×10 image (w × h): red columns 0–9, blue 10–19, green 20–29. Centre-cropped to 5×5 it is the blue middle
     * only, read exactly (pure colours survive bilinear resizing); stretched, all three colours stay; a 10×30 (tall)
     * image is cropped top and bottom instead.
     */
    @Test
    void centreCropKeepsTheAspectRatioAndStretchDoesNot(@TempDir Path dir) throws IOException {
        BufferedImage wide = new BufferedImage(30, 10, BufferedImage.TYPE_INT_RGB);
        BufferedImage tall = new BufferedImage(10, 30, BufferedImage.TYPE_INT_RGB);
        for (int a = 0; a < 30; a++) {
            int colour = a < 10 ? 0xff0000 : a < 20 ? 0x0000ff : 0x00ff00;
            for (int b = 0; b < 10; b++) {
                wide.setRGB(a, b, colour);
                tall.setRGB(b, a, colour);
            }
        }
        Path wideFile = dir.resolve("wide.png"), tallFile = dir.resolve("tall.png");
        ImageIO.write(wide, "png", wideFile.toFile());
        ImageIO.write(tall, "png", tallFile.toFile());
        for (Path f : List.of(wideFile, tallFile)) {
            float[] crop = ImageFolderDataset.readImage(f, 3, 5, 5, ImageFolderDataset.Fit.CENTER_CROP);
            float[] blue = new float[75];
            Arrays.fill(blue, 50, 75, 1f);
            assertArrayEquals(blue, crop, 0f, f.toString());
            float[] stretch = ImageFolderDataset.readImage(f, 3, 5, 5, ImageFolderDataset.Fit.STRETCH);
            float red = 0, green = 0;
            for (int p = 0; p < 25; p++) {
                red += stretch[p];
                green += stretch[25 + p];
            }
            assertTrue(red > 1 && green > 1, f + ": stretched, the red and green ends stay in view");
            assertArrayEquals(stretch, ImageFolderDataset.readImage(f, 3, 5, 5), 0f, "STRETCH is the default");
        }
        // an image with the target's aspect ratio is read the same either way
        float[] crop = ImageFolderDataset.readImage(wideFile, 3, 4, 12, ImageFolderDataset.Fit.CENTER_CROP);
        assertArrayEquals(ImageFolderDataset.readImage(wideFile, 3, 4, 12), crop, 0f);
    }

    /**
     * A mask is inside where a stored sample is above 0, whatever the encoding: 16-bit grey instance ids (PartShapes), an
     * RGB picture; a transparent alpha channel is not read. Another size than the model's input, or cut bytes, is an error
     * naming the row.
     */
    @Test
    void aMaskIsInsideWhereAPixelIsAboveZeroAtTheInputSizeOnly() throws IOException {
        boolean[][] expected = new boolean[3][4];
        expected[0][1] = expected[2][3] = expected[1][0] = true;
        BufferedImage grey16 = new BufferedImage(4, 3, BufferedImage.TYPE_USHORT_GRAY);
        BufferedImage colour = new BufferedImage(4, 3, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 4; x++) {
                grey16.getRaster().setSample(x, y, 0, expected[y][x] ? 1 + x : 0);
                colour.setRGB(x, y, expected[y][x] ? 0xff000000 | (1 << (8 * x % 24)) : 0x80000000);
            }
        }
        for (BufferedImage img : List.of(grey16, colour)) {
            boolean[][] mask = ImageFolderDataset.readMask(bytes(img, "png"), "m.png", 3, 4);
            for (int y = 0; y < 3; y++) {
                assertArrayEquals(expected[y], mask[y], "row " + y + " of a " + img.getType() + " mask");
            }
        }
        DataFormatException size = assertThrows(DataFormatException.class, () -> ImageFolderDataset.readMask(bytes(grey16, "png"), "m.png", 4, 4));
        assertEquals("m.png: the mask is 4x3 px, expected 4x4 (the model's input size, where the maps are scored)", size.getMessage());
        byte[] whole = bytes(grey16, "png");
        assertTrue(assertThrows(DataFormatException.class, () -> ImageFolderDataset.readMask(Arrays.copyOf(whole, whole.length / 2), "m.png", 3, 4))
                .getMessage().startsWith("m.png: corrupt or truncated"));
    }
}

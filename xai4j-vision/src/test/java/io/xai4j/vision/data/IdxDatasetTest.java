package io.xai4j.vision.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxDatasetTest {

    private static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");

    @TempDir
    Path dir;

    /** Three 2×3 images with pixel values 10·i + p, and labels 2, 0, 1. */
    private static final byte[] PIXELS = new byte[3 * 6];
    private static final byte[] LABELS = {2, 0, 1};

    static {
        for (int i = 0; i < 3; i++) {
            for (int p = 0; p < 6; p++) {
                PIXELS[i * 6 + p] = (byte) (10 * i + p + 200 * (p == 5 ? 1 : 0));
            }
        }
    }

    /** An IDX file written by hand: magic, big-endian sizes, data. */
    private static byte[] idx(int magic, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(data);
        return b.array();
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private Path file(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private Path images() throws IOException {
        return file("images-idx3-ubyte", idx(0x803, new int[] {3, 2, 3}, PIXELS));
    }

    private Path labels() throws IOException {
        return file("labels-idx1-ubyte", idx(0x801, new int[] {3}, LABELS));
    }

    private void assertFixture(IdxDataset d) {
        assertEquals(3, d.size());
        assertEquals(1, d.channels());
        assertEquals(2, d.height());
        assertEquals(3, d.width());
        assertArrayEquals(new int[] {2, 0, 1}, d.labels(new int[] {0, 1, 2}));
        assertArrayEquals(new float[] {20 / 255f, 21 / 255f, 22 / 255f, 23 / 255f, 24 / 255f, 225 / 255f}, d.pixels(2));
    }

    @Test
    void rawIdxFilesGiveTheWrittenPixelsAndLabels() throws IOException {
        assertFixture(IdxDataset.read(images(), labels(), IdxDataset.MNIST_CLASSES));
    }

    @Test
    void gzipIdxFilesAreDetectedByContent() throws IOException {
        Path im = file("images.gz", gzip(idx(0x803, new int[] {3, 2, 3}, PIXELS)));
        Path lb = file("labels.bin", gzip(idx(0x801, new int[] {3}, LABELS)));
        assertFixture(IdxDataset.read(im, lb, IdxDataset.MNIST_CLASSES));
    }

    @Test
    void greyImagesBecomeRgbByReplication() throws IOException {
        ImageDataset rgb = IdxDataset.read(images(), labels(), IdxDataset.MNIST_CLASSES).toRgb();
        assertEquals(3, rgb.channels());
        float[] x = rgb.pixels(1);
        assertArrayEquals(new float[] {10 / 255f, 11 / 255f, 12 / 255f, 13 / 255f, 14 / 255f, 215 / 255f}, Arrays.copyOfRange(x, 0, 6));
        assertArrayEquals(Arrays.copyOfRange(x, 0, 6), Arrays.copyOfRange(x, 6, 12));
        assertArrayEquals(Arrays.copyOfRange(x, 0, 6), Arrays.copyOfRange(x, 12, 18));
    }

    @Test
    void swappedFilesFailOnTheMagicNumber() throws IOException {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> IdxDataset.read(labels(), images(), IdxDataset.MNIST_CLASSES));
        assertEquals(dir.resolve("labels-idx1-ubyte"), e.file());
        assertTrue(e.getMessage().contains("magic number 0x00000801, expected 0x00000803"), e.getMessage());
    }

    @Test
    void aWrongDimensionCountIsAWrongMagicNumber() throws IOException {
        Path im = file("images4d", idx(0x804, new int[] {3, 1, 2, 3}, PIXELS));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> IdxDataset.read(im, labels(), IdxDataset.MNIST_CLASSES));
        assertTrue(e.getMessage().contains("magic number 0x00000804, expected 0x00000803"), e.getMessage());
    }

    @Test
    void aTruncatedFileReportsDeclaredAndActualSizes() throws IOException {
        byte[] full = idx(0x803, new int[] {3, 2, 3}, PIXELS);
        Path im = file("truncated", Arrays.copyOf(full, full.length - 4));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> IdxDataset.read(im, labels(), IdxDataset.MNIST_CLASSES));
        assertEquals(im, e.file());
        assertTrue(e.getMessage().contains("3 × 2 × 3 = 18 data bytes but 14 follow") && e.getMessage().contains("truncated"),
                e.getMessage());
        Path header = file("header-only", Arrays.copyOf(full, 9));
        assertTrue(assertThrows(DataFormatException.class,
                () -> IdxDataset.read(header, labels(), IdxDataset.MNIST_CLASSES)).getMessage().contains("shorter than"));
        Path longer = file("longer", Arrays.copyOf(full, full.length + 1));
        assertTrue(assertThrows(DataFormatException.class,
                () -> IdxDataset.read(longer, labels(), IdxDataset.MNIST_CLASSES)).getMessage().contains("trailing data"));
    }

    @Test
    void aTruncatedGzipStreamNamesTheFile() throws IOException {
        byte[] gz = gzip(idx(0x803, new int[] {3, 2, 3}, PIXELS));
        Path im = file("cut.gz", Arrays.copyOf(gz, gz.length - 10));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> IdxDataset.read(im, labels(), IdxDataset.MNIST_CLASSES));
        assertEquals(im, e.file());
        assertTrue(e.getMessage().contains("truncated or corrupt gzip"), e.getMessage());
    }

    @Test
    void countsAndLabelRangesMustAgree() throws IOException {
        Path two = file("two-labels", idx(0x801, new int[] {2}, new byte[] {0, 1}));
        assertTrue(assertThrows(DataFormatException.class, () -> IdxDataset.read(images(), two, IdxDataset.MNIST_CLASSES))
                .getMessage().contains("has 2 labels but"));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> IdxDataset.read(images(), labels(), java.util.List.of("a", "b")));
        assertTrue(e.getMessage().contains("label 2 of image 0 is outside 0..1"), e.getMessage());
        Path missing = dir.resolve("nope");
        assertEquals(missing, assertThrows(DataFormatException.class,
                () -> IdxDataset.read(missing, labels(), IdxDataset.MNIST_CLASSES)).file());
    }

    @Test
    void installedFashionMnistTestSetHasTenBalancedClasses() {
        Path im = FASHION.resolve("t10k-images-idx3-ubyte.gz"), lb = FASHION.resolve("t10k-labels-idx1-ubyte.gz");
        assumeTrue(Files.exists(im) && Files.exists(lb), "Debian package dataset-fashion-mnist is not installed");
        IdxDataset d = IdxDataset.read(im, lb, IdxDataset.FASHION_MNIST_CLASSES);
        assertEquals(10_000, d.size());
        assertEquals(28, d.height());
        assertEquals(28, d.width());
        int[] perClass = new int[10];
        for (int i = 0; i < d.size(); i++) {
            perClass[d.label(i)]++;
        }
        // Published facts of the data set: 1,000 test images per class; the first is an ankle boot.
        int[] thousand = new int[10];
        Arrays.fill(thousand, 1000);
        assertArrayEquals(thousand, perClass);
        assertEquals("Ankle boot", d.classNames().get(d.label(0)));
        // Reference computed with Python's gzip module: the first image's bytes sum to 33,456.
        double sum = 0;
        for (float v : d.pixels(0)) {
            sum += Math.round(v * 255);
        }
        assertEquals(33_456, sum);
    }
}

package io.xai4j.vision.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Grey images and labels in LeCun's IDX format, as MNIST and Fashion-MNIST ship them (Xiao, Rasul and
 * Vollgraf, arXiv 1708.07747), raw or gzip-compressed (detected by content, not by name). Images:
 * magic 0x00000803 (unsigned bytes, 3 dimensions n × rows × cols); labels: magic 0x00000801 (unsigned
 * bytes, 1 dimension n); big-endian sizes. Everything is held in memory as bytes (47 MB for the 60,000
 * Fashion-MNIST training images).
 */
public final class IdxDataset implements ImageDataset {

    /** The ten MNIST digit classes, "0".."9". */
    public static final List<String> MNIST_CLASSES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    /** The ten Fashion-MNIST classes in label order. */
    public static final List<String> FASHION_MNIST_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
            "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;

    private final Path imagesFile;
    private final List<String> classNames;
    private final int rows;
    private final int cols;
    private final byte[] pixels;
    private final byte[] labels;

    private IdxDataset(Path imagesFile, List<String> classNames, int rows, int cols, byte[] pixels, byte[] labels) {
        this.imagesFile = imagesFile;
        this.classNames = classNames;
        this.rows = rows;
        this.cols = cols;
        this.pixels = pixels;
        this.labels = labels;
    }

    /**
     * Reads an images file and its labels file.
     *
     * @param classNames class names by label; every label must be below their count
     * @throws DataFormatException naming the file on a wrong magic number, a size that disagrees with
     *     the file length (truncated or trailing data), a corrupt gzip stream, differing counts, or a
     *     label out of range
     */
    public static IdxDataset read(Path images, Path labels, List<String> classNames) {
        Idx im = Idx.read(images, IMAGES_MAGIC, "IDX unsigned-byte images (n × rows × cols)");
        Idx lb = Idx.read(labels, LABELS_MAGIC, "IDX unsigned-byte labels (n)");
        if (im.dims[0] != lb.dims[0]) {
            throw new DataFormatException(labels, "has " + lb.dims[0] + " labels but " + images + " has "
                    + im.dims[0] + " images; expected the same count");
        }
        for (int i = 0; i < lb.data.length; i++) {
            int label = lb.data[i] & 0xFF;
            if (label >= classNames.size()) {
                throw new DataFormatException(labels, "label " + label + " of image " + i + " is outside 0.."
                        + (classNames.size() - 1) + " (" + classNames.size() + " class names given)");
            }
        }
        return new IdxDataset(images, List.copyOf(classNames), im.dims[1], im.dims[2], im.data, lb.data);
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public int channels() {
        return 1;
    }

    @Override
    public int height() {
        return rows;
    }

    @Override
    public int width() {
        return cols;
    }

    @Override
    public float[] pixels(int index) {
        int plane = rows * cols;
        float[] out = new float[plane];
        for (int p = 0; p < plane; p++) {
            out[p] = (pixels[index * plane + p] & 0xFF) / 255f;
        }
        return out;
    }

    @Override
    public int label(int index) {
        return labels[index] & 0xFF;
    }

    @Override
    public String source(int index) {
        return imagesFile + "#" + index;
    }

    /** A parsed IDX file of unsigned bytes: its dimension sizes and the data after the header. */
    private record Idx(int[] dims, byte[] data) {

        static Idx read(Path file, int magic, String what) {
            byte[] bytes = content(file);
            int nDims = magic & 0xFF;
            int header = 4 + 4 * nDims;
            if (bytes.length < 4) {
                throw new DataFormatException(file, "has " + bytes.length + " bytes, too short for an IDX header;"
                        + " expected " + what);
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            int found = buffer.getInt();
            if (found != magic) {
                throw new DataFormatException(file, String.format(Locale.ROOT,
                        "magic number 0x%08X, expected 0x%08X (%s)", found, magic, what));
            }
            if (bytes.length < header) {
                throw new DataFormatException(file, "has " + bytes.length + " bytes, shorter than the " + header
                        + "-byte header of " + what + " (truncated)");
            }
            int[] dims = new int[nDims];
            long expected = 1;
            for (int d = 0; d < nDims; d++) {
                dims[d] = buffer.getInt();
                if (dims[d] < 0 || (d > 0 && dims[d] == 0)) {
                    throw new DataFormatException(file, "dimension " + d + " has size " + dims[d]
                            + "; expected a positive size");
                }
                expected *= dims[d];
            }
            long actual = bytes.length - (long) header;
            if (actual != expected) {
                throw new DataFormatException(file, String.format(Locale.ROOT,
                        "the header declares %s = %d data bytes but %d follow the %d-byte header (%s)",
                        shape(dims), expected, actual, header, actual < expected ? "truncated" : "trailing data"));
            }
            byte[] data = new byte[(int) expected];
            buffer.get(data);
            return new Idx(dims, data);
        }

        private static byte[] content(Path file) {
            if (!Files.isRegularFile(file)) {
                throw new DataFormatException(file, "missing; expected an IDX file (raw or .gz)");
            }
            try {
                byte[] bytes = Files.readAllBytes(file);
                boolean gzip = bytes.length >= 2 && (bytes[0] & 0xFF) == 0x1F && (bytes[1] & 0xFF) == 0x8B;
                if (!gzip) {
                    return bytes;
                }
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                    return in.readAllBytes();
                } catch (IOException e) {
                    throw new DataFormatException(file, "truncated or corrupt gzip stream (" + e.getMessage()
                            + "); expected a complete gzip-compressed IDX file", e);
                }
            } catch (IOException e) {
                throw new DataFormatException(file, "cannot be read: " + e.getMessage(), e);
            }
        }

        private static String shape(int[] dims) {
            StringBuilder b = new StringBuilder();
            for (int d = 0; d < dims.length; d++) {
                b.append(d == 0 ? "" : " × ").append(dims[d]);
            }
            return b.toString();
        }
    }
}

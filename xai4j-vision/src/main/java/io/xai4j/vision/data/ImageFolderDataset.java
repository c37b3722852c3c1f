package io.xai4j.vision.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Images in a folder per class, as torchvision's {@code ImageFolder}: {@code root/<class>/<image>},
 * class folders sorted by name give labels 0, 1, ...; files in a class sorted by name. Readable
 * formats: png, jpg/jpeg, bmp, gif and tif/tiff (by extension, case-insensitive: what the JDK's
 * {@code javax.imageio} decodes; names starting with '.' and PartShapes ground-truth masks
 * {@code *.mask.png} are left out, and other files, e.g. WebP, are counted in {@link #ignoredFiles()} and
 * one log line). Images are decoded
 * once, eagerly and in parallel (or, with {@link Builder#optLazy}, each time one is asked for, holding only
 * names and labels), converted to the requested channels (grey replicated to RGB, or RGB
 * to BT.601 luma), resized bilinearly ({@code align_corners = false}, no antialiasing) and kept as
 * 8-bit planar bytes: C·H·W bytes per image.
 *
 * <p>A file that cannot be decoded, or whose decoder reports a warning (a truncated JPEG decodes with
 * a warning and a flat grey lower part), is an error naming the file; with {@code optSkipBad(true)} it is
 * skipped, counted in {@link #skippedCount()} and listed in one log warning. Single files
 * ({@link #readImage}) go through the same strict decoder.
 */
public final class ImageFolderDataset implements ImageDataset {

    private static final Logger LOG = LoggerFactory.getLogger(ImageFolderDataset.class);
    /** File name endings read as images (case-insensitive): the formats the JDK's {@code javax.imageio} decodes. */
    public static final List<String> EXTENSIONS = List.of("png", "jpg", "jpeg", "bmp", "gif", "tif", "tiff");
    /** The largest image side a folder is resized to or a model input may have (a guard against sizes no memory holds). */
    public static final int MAX_SIDE = 4096;
    private static final String MASK_SUFFIX = ".mask.png";

    private final Path root;
    private final List<String> classNames;
    private final int channels;
    private final int height;
    private final int width;
    private final List<Path> files;
    private final int[] labels;
    private final List<byte[]> pixels;
    private final List<Path> skipped;
    private final List<Path> ignored;

    private ImageFolderDataset(Path root, List<String> classNames, int channels, int height, int width,
            List<Path> files, int[] labels, List<byte[]> pixels, List<Path> skipped, List<Path> ignored) {
        this.root = root;
        this.classNames = classNames;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.files = files;
        this.labels = labels;
        this.pixels = pixels;
        this.skipped = skipped;
        this.ignored = ignored;
    }

    /** How an image file of another aspect ratio is brought to a model's input size ({@link #readImage(Path, int, int, int, Fit)}). */
    public enum Fit {
        /** Both sides resized to the input size; the aspect ratio changes (what pytorch-grad-cam's examples do). */
        STRETCH,
        /**
         * The largest central region with the input's aspect ratio, resized to the input size: torchvision's
         * {@code Resize(size)} followed by {@code CenterCrop(size)}, up to rounding; the aspect ratio is kept.
         */
        CENTER_CROP
    }

    /**
     * Reads one image file, resized to {@code height}×{@code width} ({@link Fit#STRETCH}), as channel-first floats in [0,1].
     *
     * @throws DataFormatException naming the file if it is missing or cannot be decoded
     */
    public static float[] readImage(Path file, int channels, int height, int width) {
        return readImage(file, channels, height, width, Fit.STRETCH);
    }

    /**
     * Reads one image file brought to {@code height}×{@code width} as {@code fit} says, as channel-first floats in [0,1].
     *
     * @throws DataFormatException naming the file if it is missing or cannot be decoded
     */
    public static float[] readImage(Path file, int channels, int height, int width, Fit fit) {
        requireSides(height, width);
        return toModelInput(readStrict(file), channels, height, width, fit);
    }

    /**
     * Reads one encoded image held in memory (a row of Spark's {@code binaryFile} source, a bytes column) exactly as
     * {@link #readImage(Path, int, int, int, Fit)} reads a file: the same strict decoder, fit and resize.
     *
     * @param name what an error names (the row's path)
     * @throws DataFormatException naming {@code name} if the bytes cannot be decoded
     */
    public static float[] readImage(byte[] encoded, String name, int channels, int height, int width, Fit fit) {
        requireSides(height, width);
        Path named = Path.of(name);
        if (encoded == null || encoded.length == 0) {
            throw new DataFormatException(named, "no image bytes");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(encoded))) {
            return toModelInput(decodeStrict(in, named), channels, height, width, fit);
        } catch (IOException e) {
            throw new DataFormatException(named, "corrupt or truncated image: " + e, e);
        }
    }

    /**
     * Reads one encoded binary mask held in memory (a ground-truth column), through the strict decoder of
     * {@link #readImage(byte[], String, int, int, int, Fit)}: a pixel is inside when any of its stored colour samples is
     * above 0 (a grey or 16-bit grey level, a palette index, an R, G or B value; alpha is not read). Masks are not resized:
     * a mask marks pixels of the image the model sees.
     *
     * @param name what an error names (the row's path)
     * @return [height][width], true inside
     * @throws DataFormatException naming {@code name} if the bytes cannot be decoded or the mask is not {@code height}×{@code width}
     */
    public static boolean[][] readMask(byte[] encoded, String name, int height, int width) {
        requireSides(height, width);
        Path named = Path.of(name);
        if (encoded == null || encoded.length == 0) {
            throw new DataFormatException(named, "no mask bytes");
        }
        BufferedImage img;
        try (ImageInputStream in = ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(encoded))) {
            img = decodeStrict(in, named);
        } catch (IOException e) {
            throw new DataFormatException(named, "corrupt or truncated mask: " + e, e);
        }
        if (img.getHeight() != height || img.getWidth() != width) {
            throw new DataFormatException(named, "the mask is " + img.getWidth() + "x" + img.getHeight() + " px, expected " + width + "x" + height
                    + " (the model's input size, where the maps are scored)");
        }
        java.awt.image.Raster raster = img.getRaster();
        boolean alpha = img.getColorModel().hasAlpha() && !(img.getColorModel() instanceof java.awt.image.IndexColorModel);
        int bands = raster.getNumBands() - (alpha ? 1 : 0);
        boolean[][] mask = new boolean[height][width];
        for (int b = 0; b < bands; b++) {
            int[] samples = raster.getSamples(0, 0, width, height, b, (int[]) null);
            for (int p = 0; p < samples.length; p++) {
                mask[p / width][p % width] |= samples[p] > 0;
            }
        }
        return mask;
    }

    private static float[] toModelInput(BufferedImage img, int channels, int height, int width, Fit fit) {
        if (fit == Fit.CENTER_CROP) {
            img = centreRegion(img, height, width);
        }
        byte[] planar = PixelBuffers.fromImage(img, channels);
        byte[] resized = PixelBuffers.resize(planar, channels, img.getHeight(), img.getWidth(), height, width);
        return PixelBuffers.toFloats(resized);
    }

    /**
     * An image file as decoded, at its own size, as RGB (grey, 16-bit and CMYK files converted as for the model), and the
     * region of it that {@link #readImage(Path, int, int, int, Fit)} brings to the model's input: the whole image, or with
     * {@link Fit#CENTER_CROP} the central region.
     */
    public record Original(BufferedImage rgb, java.awt.Rectangle seen) {}

    /**
     * Reads one image file at its own size, for pictures drawn at the original resolution (overlays); {@code height}×{@code
     * width} and {@code fit} say which region the model saw.
     *
     * @throws DataFormatException naming the file if it is missing or cannot be decoded
     */
    public static Original readOriginal(Path file, int height, int width, Fit fit) {
        requireSides(height, width);
        BufferedImage img = readStrict(file);
        int h = img.getHeight(), w = img.getWidth();
        java.awt.Rectangle seen = fit == Fit.CENTER_CROP ? centreRegion(h, w, height, width) : new java.awt.Rectangle(0, 0, w, h);
        return new Original(PixelBuffers.toRgbImage(PixelBuffers.fromImage(img, 3), h, w), seen);
    }

    /** The largest central region of {@code img} with the aspect ratio width : height. */
    private static BufferedImage centreRegion(BufferedImage img, int height, int width) {
        java.awt.Rectangle r = centreRegion(img.getHeight(), img.getWidth(), height, width);
        return img.getSubimage(r.x, r.y, r.width, r.height);
    }

    /** The largest central region of an {@code h}×{@code w} image with the aspect ratio width : height. */
    private static java.awt.Rectangle centreRegion(int h, int w, int height, int width) {
        if ((long) w * height > (long) h * width) { // wider than the target: crop the sides
            int cw = Math.max(1, (int) Math.round((double) h * width / height));
            return new java.awt.Rectangle((w - cw) / 2, 0, cw, h);
        }
        int ch = Math.max(1, (int) Math.round((double) w * height / width));
        return new java.awt.Rectangle(0, (h - ch) / 2, w, ch);
    }

    /** Fails unless both sides are in 1..{@value #MAX_SIDE}. */
    private static void requireSides(int height, int width) {
        if (height < 1 || width < 1 || height > MAX_SIDE || width > MAX_SIDE) {
            throw new IllegalArgumentException("image size " + height + "x" + width + ": expected sides 1.." + MAX_SIDE);
        }
    }

    /** Whether a file name has one of the {@link #EXTENSIONS} (case-insensitive). */
    public static boolean isImageName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        int dot = lower.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(lower.substring(dot + 1));
    }

    /**
     * One line that counts files a scan left out by their ending, e.g. {@code 3 files not read (2 .webp, 1 .txt;
     * readable: png, jpg, jpeg, bmp, gif, tif, tiff)}; empty when none was left out.
     */
    public static String ignoredSummary(List<Path> ignored) {
        if (ignored.isEmpty()) {
            return "";
        }
        java.util.Map<String, Long> byEnding = ignored.stream().collect(Collectors.groupingBy(f -> {
            String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
            int dot = name.lastIndexOf('.');
            return dot > 0 ? name.substring(dot) : "no extension";
        }, java.util.TreeMap::new, Collectors.counting()));
        String counts = byEnding.entrySet().stream().sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
        return ignored.size() + (ignored.size() == 1 ? " file" : " files") + " not read (" + counts + "; readable: "
                + String.join(", ", EXTENSIONS) + ")";
    }

    /** A builder; {@link Builder#setRoot} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The folder the classes were read from. */
    public Path root() {
        return root;
    }

    /** Number of files skipped as unreadable ({@code optSkipBad(true)}; otherwise 0). */
    public int skippedCount() {
        return skipped.size();
    }

    /** The files skipped as unreadable, in folder order. */
    public List<Path> skippedFiles() {
        return skipped;
    }

    /** Files in the class folders that are not images xai4j reads (another ending, e.g. .webp or .txt), in folder order. */
    public List<Path> ignoredFiles() {
        return ignored;
    }

    /** The file of image {@code index}. */
    public Path file(int index) {
        return files.get(index);
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
        return channels;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public int width() {
        return width;
    }

    /**
     * The image as floats in [0,1]; a lazy data set ({@link Builder#optLazy}) decodes the file now and fails here,
     * naming it, if it has become unreadable.
     */
    @Override
    public float[] pixels(int index) {
        if (pixels == null) {
            Decoded d = decode(files.get(index), channels, height, width);
            if (d.error != null) {
                throw d.error;
            }
            return PixelBuffers.toFloats(d.pixels);
        }
        return PixelBuffers.toFloats(pixels.get(index));
    }

    /** The images in order; a lazy data set decodes the files in parallel. */
    @Override
    public float[][] pixels(int[] indices) {
        if (pixels != null) {
            return ImageDataset.super.pixels(indices);
        }
        return IntStream.range(0, indices.length).parallel().mapToObj(b -> pixels(indices[b])).toArray(float[][]::new);
    }

    /** Whether images are decoded when asked for ({@link Builder#optLazy}) instead of held in memory. */
    public boolean lazy() {
        return pixels == null;
    }

    @Override
    public int label(int index) {
        return labels[index];
    }

    @Override
    public String source(int index) {
        return files.get(index).toString();
    }

    /** Builder for {@link ImageFolderDataset}. */
    public static final class Builder {
        private Path root;
        private int height = -1;
        private int width = -1;
        private int channels = 3;
        private boolean skipBad;
        private boolean lazy;
        private List<Path> ignored = List.of();

        private Builder() {}

        /**
         * Decode each image when it is asked for instead of all of them at build time (default false): memory then
         * holds file names and labels only, and a command that uses the first N images of a large folder decodes
         * only those. Needs {@link #optImageSize}. With {@link #optSkipBad} every file is still decoded once at
         * build time to find the unreadable ones, without keeping the pixels.
         */
        public Builder optLazy(boolean lazy) {
            this.lazy = lazy;
            return this;
        }

        /** The folder holding one sub-folder per class (required). */
        public Builder setRoot(Path root) {
            this.root = root;
            return this;
        }

        /** Resize every image to height × width; without it all images must have the first image's size. */
        public Builder optImageSize(int height, int width) {
            requireSides(height, width);
            this.height = height;
            this.width = width;
            return this;
        }

        /** 3 (default: RGB, grey replicated) or 1 (grey, colour converted by BT.601 luma). */
        public Builder optChannels(int channels) {
            if (channels != 1 && channels != 3) {
                throw new IllegalArgumentException("channels = " + channels + ": expected 1 or 3");
            }
            this.channels = channels;
            return this;
        }

        /** Skip unreadable images instead of failing (default false). */
        public Builder optSkipBad(boolean skipBad) {
            this.skipBad = skipBad;
            return this;
        }

        /**
         * Lists and decodes the images.
         *
         * @throws DataFormatException naming the folder or file: missing root, no class folders, a class
         *     folder without images, an unreadable image (unless skipped), or an image whose size
         *     differs from the first one's when no size was set
         */
        public ImageFolderDataset build() {
            if (root == null) {
                throw new IllegalArgumentException("ImageFolderDataset: setRoot(path) is required");
            }
            if (!Files.isDirectory(root)) {
                throw new DataFormatException(root, (Files.exists(root) ? "is not a folder" : "no such folder")
                        + "; expected an ImageFolder tree root/<class>/<image>");
            }
            List<Path> classDirs = list(root, Files::isDirectory);
            if (classDirs.isEmpty()) {
                throw new DataFormatException(root, "has no class folders; expected an ImageFolder tree"
                        + " root/<class>/<image>");
            }
            List<String> classNames = new ArrayList<>();
            List<Path> files = new ArrayList<>();
            List<Integer> fileLabels = new ArrayList<>();
            List<Path> ignored = new ArrayList<>();
            for (Path dir : classDirs) {
                List<Path> images = list(dir, f -> Files.isRegularFile(f) && isImage(f));
                ignored.addAll(list(dir, f -> Files.isRegularFile(f) && !isImage(f) && !f.getFileName().toString().endsWith(MASK_SUFFIX)));
                if (images.isEmpty()) {
                    throw new DataFormatException(dir, "class folder has no images; expected files ending in "
                            + String.join(", ", EXTENSIONS));
                }
                for (Path f : images) {
                    files.add(f);
                    fileLabels.add(classNames.size());
                }
                classNames.add(dir.getFileName().toString());
            }
            this.ignored = List.copyOf(ignored);
            if (!ignored.isEmpty()) {
                LOG.warn("ImageFolder {}: {}", root, ignoredSummary(ignored));
            }
            if (lazy) {
                return listLazily(classNames, files, fileLabels);
            }
            return decodeAll(classNames, files, fileLabels);
        }

        private ImageFolderDataset listLazily(List<String> classNames, List<Path> files, List<Integer> fileLabels) {
            if (height < 0) {
                throw new IllegalStateException("ImageFolderDataset: optLazy needs optImageSize (the size cannot be taken from the first image)");
            }
            boolean[] bad = new boolean[files.size()];
            List<Path> kept = new ArrayList<>(), skipped = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            if (skipBad) {
                IntStream.range(0, files.size()).parallel().forEach(i -> bad[i] = ImageFolderDataset.decode(files.get(i), channels, height, width).error != null);
            }
            for (int i = 0; i < files.size(); i++) {
                if (bad[i]) {
                    skipped.add(files.get(i));
                } else {
                    kept.add(files.get(i));
                    labels.add(fileLabels.get(i));
                }
            }
            requireReadable(kept, skipped, files.size());
            LOG.info("ImageFolder {}: {} images, {} classes, decoded when used", root, kept.size(), classNames.size());
            return new ImageFolderDataset(root, List.copyOf(classNames), channels, height, width, List.copyOf(kept),
                    labels.stream().mapToInt(Integer::intValue).toArray(), null, List.copyOf(skipped), ignored);
        }

        /** Logs the skipped files; fails when no file was readable. */
        private void requireReadable(List<Path> kept, List<Path> skipped, int n) {
            if (!skipped.isEmpty()) {
                LOG.warn("ImageFolder {}: skipped {} unreadable file(s): {}", root, skipped.size(), skipped);
            }
            if (kept.isEmpty()) {
                throw new DataFormatException(root, "none of the " + n + " image files could be read");
            }
        }

        private ImageFolderDataset decodeAll(List<String> classNames, List<Path> files, List<Integer> fileLabels) {
            long start = System.nanoTime();
            int n = files.size();
            Decoded[] decoded = new Decoded[n];
            int first = 0;
            int h = height, w = width;
            if (h < 0) {
                // The first readable image fixes the size of the others.
                while (first < n) {
                    decoded[first] = decode(files.get(first));
                    if (decoded[first++].error == null) {
                        h = decoded[first - 1].height;
                        w = decoded[first - 1].width;
                        break;
                    }
                }
            }
            IntStream.range(first, n).parallel().forEach(i -> decoded[i] = decode(files.get(i)));
            List<Path> kept = new ArrayList<>(), skipped = new ArrayList<>();
            List<byte[]> pixels = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Path f = files.get(i);
                Decoded d = decoded[i];
                if (d.error != null) {
                    if (!skipBad) {
                        throw d.error;
                    }
                    skipped.add(f);
                    continue;
                }
                if (height < 0 && (d.height != h || d.width != w)) {
                    throw new DataFormatException(f, "is " + d.width + "x" + d.height + " but the first readable"
                            + " image is " + w + "x" + h + "; expected equal sizes, or set optImageSize to resize");
                }
                kept.add(f);
                labels.add(fileLabels.get(i));
                pixels.add(d.pixels);
            }
            requireReadable(kept, skipped, n);
            LOG.info(String.format(Locale.ROOT, "ImageFolder %s: %d images, %d classes, %dx%dx%d, %.1f s", root,
                    kept.size(), classNames.size(), channels, h, w, (System.nanoTime() - start) / 1e9));
            return new ImageFolderDataset(root, List.copyOf(classNames), channels, h, w, List.copyOf(kept),
                    labels.stream().mapToInt(Integer::intValue).toArray(), List.copyOf(pixels), List.copyOf(skipped), ignored);
        }

        /**
         * The decoded image, resized at once when a size was set (so that large files never stay in
         * memory at full size), or the error saying why it is unreadable.
         */
        private Decoded decode(Path file) {
            return ImageFolderDataset.decode(file, channels, height, width);
        }
    }

    /**
     * One file decoded to planar bytes with the given channels, resized at once when a size is given (height ≥ 0)
     * so that large files never stay in memory at full size; or the error saying why it is unreadable.
     */
    private static Decoded decode(Path file, int channels, int height, int width) {
        BufferedImage img;
        try {
            img = readStrict(file);
        } catch (DataFormatException e) {
            return Decoded.failed(e);
        }
        try {
            int h = img.getHeight(), w = img.getWidth();
            byte[] planar = PixelBuffers.fromImage(img, channels);
            return new Decoded(height < 0 ? planar : PixelBuffers.resize(planar, channels, h, w, height, width), h, w, null);
        } catch (RuntimeException e) {
            return Decoded.failed(new DataFormatException(file, "corrupt or truncated image: " + e, e));
        }
    }

    /**
     * The one image decoder of xai4j (folders, and single files in {@code explain} and {@code pipnet predict}): the
     * {@code javax.imageio} reader of the file's format, refusing a file whose reader warns (a JPEG cut off halfway
     * decodes with "Premature end of JPEG file" and a flat grey lower part) or throws (decoders also throw runtime
     * exceptions on corrupt files: bad chunk lengths, ICC profiles).
     *
     * @throws DataFormatException naming the file and what is wrong with it
     */
    private static BufferedImage readStrict(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DataFormatException(file, Files.exists(file) ? "is not a file" : "no such file");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            return decodeStrict(in, file);
        } catch (IOException e) {
            throw new DataFormatException(file, "corrupt or truncated image: " + e, e);
        }
    }

    /** {@link #readStrict}'s decoding of an opened stream; {@code file} is what errors name. */
    private static BufferedImage decodeStrict(ImageInputStream in, Path file) {
        try {
            if (in == null) {
                throw new DataFormatException(file, "cannot be opened as an image stream");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new DataFormatException(file, "not a recognised image; expected " + String.join(", ", EXTENSIONS));
            }
            ImageReader reader = readers.next();
            String format = reader.getFormatName();
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            BufferedImage img;
            try {
                reader.setInput(in, true, true);
                img = reader.read(0);
            } finally {
                reader.dispose();
            }
            if (!warnings.isEmpty()) {
                throw new DataFormatException(file, "corrupt or truncated image: the " + format + " decoder warned: "
                        + String.join("; ", warnings));
            }
            return img;
        } catch (DataFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new DataFormatException(file, "corrupt or truncated image: " + e, e);
        }
    }

    private static boolean isImage(Path f) {
        String name = f.getFileName().toString();
        return isImageName(name) && !name.toLowerCase(Locale.ROOT).endsWith(MASK_SUFFIX);
    }

    private static List<Path> list(Path dir, Predicate<Path> keep) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(keep)
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Planar bytes (resized if a size was set), the file's own size, or the error that made it unreadable. */
    private record Decoded(byte[] pixels, int height, int width, DataFormatException error) {
        static Decoded failed(DataFormatException error) {
            return new Decoded(null, 0, 0, error);
        }
    }
}

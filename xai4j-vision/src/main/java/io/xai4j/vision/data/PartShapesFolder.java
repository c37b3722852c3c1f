package io.xai4j.vision.data;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.xai4j.core.io.AtomicFiles;
import io.xai4j.core.io.Json;
import io.xai4j.core.render.Images;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The on-disk form of PartShapes (docs/methods/partshapes.md#on-disk); see {@link PartShapesDataset#writeImageFolder}. */
final class PartShapesFolder {

    static final String FORMAT = "xai4j-partshapes-1";
    static final String METADATA = "metadata.json";
    static final String OOD_FOLDER = "unseen";

    private static final Logger LOG = LoggerFactory.getLogger(PartShapesFolder.class);

    private PartShapesFolder() {}

    /** The metadata file: configuration, vocabulary, classes and per-split image entries. */
    record Metadata(
            String format,
            PartShapesConfig config,
            List<PartType> partTypes,
            List<PartClass> classes,
            Map<String, List<ImageEntry>> splits) {}

    /** One image: paths relative to the root with '/' separators, label and instances. */
    record ImageEntry(String image, String mask, int label, List<PartInstance> instances) {}

    /** File name stem of image {@code index} in a split of {@code n}: index + 1, at least 5 digits. */
    static String fileStem(int index, int n) {
        int digits = Math.max(5, String.valueOf(n).length());
        return String.format(Locale.ROOT, "%0" + digits + "d", index + 1);
    }

    static void write(PartShapesDataset dataset, Path root) {
        long start = System.nanoTime();
        PartShapesVocabulary vocabulary = dataset.vocabulary();
        Map<String, List<ImageEntry>> entries = new LinkedHashMap<>();
        int total = 0;
        for (Split split : Split.values()) {
            PartShapesSplit images = dataset.split(split);
            int n = images.size();
            ImageEntry[] splitEntries = new ImageEntry[n];
            IntStream.range(0, n).parallel().forEach(i -> {
                PartShapesGenerator.Rendered r = images.rendered(i);
                String folder = split.folderName() + "/"
                        + (r.label() < 0 ? OOD_FOLDER : vocabulary.classes().get(r.label()).name()) + "/";
                String stem = fileStem(i, n);
                ImageEntry e = new ImageEntry(folder + stem + ".png", folder + stem + ".mask.png", r.label(),
                        r.instances());
                Images.writePng(root.resolve(e.image()), images.image(i));
                Images.writePng(root.resolve(e.mask()), maskImage(r.mask(), images.height(), images.width()));
                splitEntries[i] = e;
            });
            entries.put(split.folderName(), List.of(splitEntries));
            total += n;
        }
        Metadata metadata = new Metadata(FORMAT, dataset.config(), vocabulary.partTypes(), vocabulary.classes(), entries);
        AtomicFiles.write(root.resolve(METADATA),
                out -> Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValue(out, metadata));
        LOG.info(String.format(Locale.ROOT, "PartShapes: wrote %d images and masks to %s in %.1f s", total, root,
                (System.nanoTime() - start) / 1e9));
    }

    static PartShapesDataset read(Path root) {
        Path file = root.resolve(METADATA);
        if (!Files.isRegularFile(file)) {
            throw new DataFormatException(file, "missing; expected the metadata.json of a PartShapes tree written by"
                    + " PartShapesDataset.writeImageFolder");
        }
        Metadata metadata;
        try {
            metadata = Json.MAPPER.readValue(file.toFile(), Metadata.class);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new DataFormatException(file, "not valid PartShapes metadata: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new DataFormatException(file, "cannot be read: " + e.getMessage(), e);
        }
        if (!FORMAT.equals(metadata.format())) {
            throw new DataFormatException(file, "format is '" + metadata.format() + "', expected '" + FORMAT + "'");
        }
        if (metadata.config() == null || metadata.partTypes() == null || metadata.classes() == null
                || metadata.splits() == null) {
            throw new DataFormatException(file, "expected the fields config, partTypes, classes and splits");
        }
        PartShapesVocabulary vocabulary;
        try {
            vocabulary = new PartShapesVocabulary(metadata.partTypes(), metadata.classes());
        } catch (IllegalArgumentException e) {
            throw new DataFormatException(file, e.getMessage(), e);
        }
        int s = metadata.config().imageSize();
        Map<Split, PartShapesSplit> splits = new EnumMap<>(Split.class);
        for (Split split : Split.values()) {
            List<ImageEntry> entries = metadata.splits().get(split.folderName());
            if (entries == null) {
                throw new DataFormatException(file, "has no '" + split.folderName() + "' split");
            }
            PartShapesGenerator.Rendered[] images = new PartShapesGenerator.Rendered[entries.size()];
            IntStream.range(0, entries.size()).parallel().forEach(i -> images[i] =
                    readImage(root, file, entries.get(i), split, s, vocabulary.classes().size()));
            String[] sources = entries.stream().map(ImageEntry::image).toArray(String[]::new);
            splits.put(split, new PartShapesSplit(split, s, vocabulary, List.of(images), sources));
        }
        return new PartShapesDataset(metadata.config(), vocabulary, splits);
    }

    private static PartShapesGenerator.Rendered readImage(
            Path root, Path metadataFile, ImageEntry e, Split split, int size, int numClasses) {
        if (e.image() == null || e.mask() == null || e.instances() == null) {
            throw new DataFormatException(metadataFile, "an entry of split " + split.folderName()
                    + " lacks image, mask or instances");
        }
        boolean labelOk = split == Split.OOD ? e.label() == -1 : e.label() >= 0 && e.label() < numClasses;
        if (!labelOk) {
            throw new DataFormatException(metadataFile, e.image() + " has label " + e.label() + ", expected "
                    + (split == Split.OOD ? "-1" : "0.." + (numClasses - 1)));
        }
        Path imageFile = inside(root, e.image(), metadataFile);
        Path maskFile = inside(root, e.mask(), metadataFile);
        byte[] pixels = PixelBuffers.fromImage(decode(imageFile, size), 3);
        Raster raster = decode(maskFile, size).getRaster();
        int[] ids = raster.getSamples(0, 0, size, size, 0, (int[]) null);
        int n = e.instances().size();
        int[] counts = new int[n + 1];
        byte[] mask = new byte[size * size];
        for (int p = 0; p < ids.length; p++) {
            if (ids[p] < 0 || ids[p] > n) {
                throw new DataFormatException(maskFile, "pixel (" + p % size + ", " + p / size + ") holds instance "
                        + ids[p] + " but the metadata lists " + n + " instances");
            }
            counts[ids[p]]++;
            mask[p] = (byte) ids[p];
        }
        List<PartInstance> instances = new ArrayList<>(e.instances());
        for (int k = 1; k <= n; k++) {
            PartInstance instance = instances.get(k - 1);
            if (instance.id() != k || instance.pixelCount() != counts[k]) {
                throw new DataFormatException(maskFile, "instance " + k + " has " + counts[k]
                        + " mask pixels but the metadata entry " + instance.id() + " says " + instance.pixelCount());
            }
        }
        return new PartShapesGenerator.Rendered(e.label(), pixels, mask, List.copyOf(instances));
    }

    private static Path inside(Path root, String relative, Path metadataFile) {
        Path resolved = root.resolve(relative).normalize();
        if (!resolved.startsWith(root.normalize())) {
            throw new DataFormatException(metadataFile, "path '" + relative + "' leaves the data set folder");
        }
        return resolved;
    }

    private static BufferedImage decode(Path file, int size) {
        if (!Files.isRegularFile(file)) {
            throw new DataFormatException(file, "missing; it is listed in " + METADATA);
        }
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new DataFormatException(file, "corrupt or unreadable PNG: " + e.getMessage(), e);
        }
        if (img == null) {
            throw new DataFormatException(file, "not a readable image; expected a PNG");
        }
        if (img.getWidth() != size || img.getHeight() != size) {
            throw new DataFormatException(file, "is " + img.getWidth() + "x" + img.getHeight() + ", expected "
                    + size + "x" + size + " (config.imageSize)");
        }
        return img;
    }

    /** 16-bit grey picture of an instance mask. */
    private static BufferedImage maskImage(byte[] mask, int height, int width) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_USHORT_GRAY);
        short[] ids = new short[mask.length];
        for (int p = 0; p < mask.length; p++) {
            ids[p] = (short) (mask[p] & 0xFF);
        }
        img.getRaster().setDataElements(0, 0, width, height, ids);
        return img;
    }
}

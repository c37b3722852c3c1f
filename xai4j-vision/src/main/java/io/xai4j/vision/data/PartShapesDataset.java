package io.xai4j.vision.data;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * The four PartShapes splits with their configuration and vocabulary, in memory
 * (docs/methods/partshapes.md#on-disk). Made by {@link PartShapesGenerator#generate()} or read back from disk
 * with {@link #readImageFolder(Path)}.
 */
public final class PartShapesDataset {

    private final PartShapesConfig config;
    private final PartShapesVocabulary vocabulary;
    private final Map<Split, PartShapesSplit> splits;

    PartShapesDataset(PartShapesConfig config, PartShapesVocabulary vocabulary, Map<Split, PartShapesSplit> splits) {
        this.config = config;
        this.vocabulary = vocabulary;
        this.splits = new EnumMap<>(splits);
        for (Split s : Split.values()) {
            if (!this.splits.containsKey(s)) {
                throw new IllegalArgumentException("PartShapes data set without a " + s.folderName() + " split");
            }
        }
    }

    public PartShapesConfig config() {
        return config;
    }

    public PartShapesVocabulary vocabulary() {
        return vocabulary;
    }

    /** One split. */
    public PartShapesSplit split(Split split) {
        return splits.get(split);
    }

    public PartShapesSplit train() {
        return split(Split.TRAIN);
    }

    public PartShapesSplit val() {
        return split(Split.VAL);
    }

    public PartShapesSplit test() {
        return split(Split.TEST);
    }

    /** The out-of-distribution split: unseen part types, labels −1. */
    public PartShapesSplit ood() {
        return split(Split.OOD);
    }

    /**
     * Writes an ImageFolder tree: {@code root/split/class_name/00001.png} (8-bit RGB), beside it
     * {@code 00001.mask.png} (16-bit grey holding instance ids: 0 = background, k = k-th part), ood
     * images under {@code root/ood/unseen/}, and {@code root/metadata.json} (configuration, part
     * vocabulary, class definitions, per-image instances), written last and atomically. File numbers
     * are the image index + 1 within the split. Existing files of the same names are replaced and
     * other files are left alone, so write into a new or empty folder.
     */
    public void writeImageFolder(Path root) {
        PartShapesFolder.write(this, root);
    }

    /**
     * Reads a tree written by {@link #writeImageFolder(Path)} back into memory.
     *
     * @throws DataFormatException naming the file if metadata, an image or a mask is missing, corrupt,
     *     of the wrong size, or disagrees with the metadata
     */
    public static PartShapesDataset readImageFolder(Path root) {
        return PartShapesFolder.read(root);
    }
}

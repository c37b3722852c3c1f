package io.xai4j.vision.data;

import java.util.Locale;

/** The splits of a data set; PartShapes draws all four from one seed (partshapes.md, "Splits"). */
public enum Split {
    TRAIN,
    VAL,
    TEST,
    /** Out-of-distribution images (PartShapes: unseen part types), labelled -1. */
    OOD;

    /** Lower-case name used for folders and metadata keys: "train", "val", "test", "ood". */
    public String folderName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The split whose {@link #folderName()} is {@code name}. */
    public static Split fromFolderName(String name) {
        for (Split s : values()) {
            if (s.folderName().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown split '" + name + "': expected train, val, test or ood");
    }
}

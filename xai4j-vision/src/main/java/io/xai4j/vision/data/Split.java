package io.xai4j.vision.data;

import java.util.Locale;

/** The splits of a data set; PartShapes draws all four from one seed (docs/methods/partshapes.md#splits-and-defaults). */
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
}

package io.xai4j.vision.data;

import java.util.List;

/**
 * A PartShapes class: the set of discriminative part types that every image of the class contains
 * (docs/methods/partshapes.md#vocabulary). No single type identifies a class; the combination does.
 *
 * @param index the label
 * @param name folder-safe name, {@code NN-type+type...}, sorting in label order
 * @param partTypeIds the discriminative part types of the class, ascending
 */
public record PartClass(int index, String name, List<Integer> partTypeIds) {

    /** Copies the part list. */
    public PartClass {
        partTypeIds = List.copyOf(partTypeIds);
    }
}

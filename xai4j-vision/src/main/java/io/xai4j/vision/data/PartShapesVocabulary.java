package io.xai4j.vision.data;

import java.util.ArrayList;
import java.util.List;

/**
 * The part types of a PartShapes data set with their roles, and the class definitions
 * (docs/methods/partshapes.md#vocabulary).
 *
 * @param partTypes all {@link PartType#VOCABULARY_SIZE} types, indexed by id
 * @param classes the class definitions, indexed by label
 */
public record PartShapesVocabulary(List<PartType> partTypes, List<PartClass> classes) {

    /** Copies the lists and checks that they are indexed by id and label. */
    public PartShapesVocabulary {
        partTypes = List.copyOf(partTypes);
        classes = List.copyOf(classes);
        for (int i = 0; i < partTypes.size(); i++) {
            if (partTypes.get(i).id() != i) {
                throw new IllegalArgumentException("partTypes[" + i + "] has id " + partTypes.get(i).id() + ", expected " + i);
            }
        }
        for (int i = 0; i < classes.size(); i++) {
            PartClass c = classes.get(i);
            if (c.index() != i) {
                throw new IllegalArgumentException("classes[" + i + "] has index " + c.index() + ", expected " + i);
            }
            for (int t : c.partTypeIds()) {
                if (t < 0 || t >= partTypes.size() || partTypes.get(t).role() != PartType.Role.DISCRIMINATIVE) {
                    throw new IllegalArgumentException(
                            "class " + c.name() + " uses part type " + t + ", which is not a discriminative type");
                }
            }
        }
    }

    /** The part type with this id. */
    public PartType partType(int id) {
        return partTypes.get(id);
    }

    /** Part types with the given role, ascending id. */
    public List<PartType> withRole(PartType.Role role) {
        List<PartType> out = new ArrayList<>();
        for (PartType t : partTypes) {
            if (t.role() == role) {
                out.add(t);
            }
        }
        return out;
    }

    /** Class names indexed by label. */
    public List<String> classNames() {
        return classes.stream().map(PartClass::name).toList();
    }
}

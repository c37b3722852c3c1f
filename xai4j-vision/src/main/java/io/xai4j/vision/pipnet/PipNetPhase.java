package io.xai4j.vision.pipnet;

import com.fasterxml.jackson.annotation.JsonValue;
import io.xai4j.core.train.TrainingPhase;

/** The two phases of PIP-Net training (docs/pipnet.md), in the order they run. */
public enum PipNetPhase implements TrainingPhase {
    /** Phase 1: self-supervised prototype pretraining (L_A + L_T), the classifier frozen. */
    PRETRAIN("pretrain"),
    /** Phase 2: classifier-only epochs, then everything jointly (L_A + L_T + L_C). */
    TRAIN("train");

    private final String label;

    PipNetPhase(String label) {
        this.label = label;
    }

    @JsonValue
    @Override
    public String label() {
        return label;
    }
}

package io.xai4j.core.train;

/** The one phase of a trainer that has no others. */
public enum SinglePhase implements TrainingPhase {
    TRAIN;

    @Override
    public String label() {
        return "train";
    }
}

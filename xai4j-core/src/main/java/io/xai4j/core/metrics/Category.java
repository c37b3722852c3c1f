package io.xai4j.core.metrics;

/** Quantus-style metric families (docs/methods/image-metrics.md#conventions). */
public enum Category {
    FAITHFULNESS,
    LOCALISATION,
    COMPLEXITY,
    ROBUSTNESS,
    RANDOMISATION,
    GRAPH,
    PROTOTYPE
}

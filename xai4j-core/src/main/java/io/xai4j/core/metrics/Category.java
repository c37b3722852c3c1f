package io.xai4j.core.metrics;

/** Quantus-style metric families (metrics.md §1). */
public enum Category {
    FAITHFULNESS,
    LOCALISATION,
    COMPLEXITY,
    ROBUSTNESS,
    RANDOMISATION,
    GRAPH,
    PROTOTYPE
}

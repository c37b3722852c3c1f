package io.xai4j.core.metrics;

/** Which way a metric is better. */
public enum Direction {
    HIGHER,
    LOWER,
    DESCRIPTIVE
}

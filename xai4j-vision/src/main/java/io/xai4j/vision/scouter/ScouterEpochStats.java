package io.xai4j.vision.scouter;

/**
 * One SCOUTER training epoch.
 *
 * @param loss mean total loss (cross-entropy + λ·area^power) over the epoch's steps
 * @param area mean attention (the area loss's mean) over the epoch's steps
 * @param trainAccuracy top-1 on the epoch's training batches
 * @param valAccuracy top-1 on the validation set (NaN without one)
 * @param seconds the epoch's wall time
 */
public record ScouterEpochStats(int epoch, double loss, double area, double trainAccuracy, double valAccuracy, double seconds) {}

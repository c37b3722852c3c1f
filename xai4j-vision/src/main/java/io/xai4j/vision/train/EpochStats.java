package io.xai4j.vision.train;

/** One epoch of training: mean training loss and accuracy, validation loss and accuracy, wall time. */
public record EpochStats(int epoch, double trainLoss, double trainAccuracy, double valLoss, double valAccuracy, double seconds) {}

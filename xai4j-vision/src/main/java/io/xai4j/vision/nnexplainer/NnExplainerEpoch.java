package io.xai4j.vision.nnexplainer;

/**
 * One epoch of NN-Explainer training: the training means of the loss and of each term, the micro accuracy of the
 * classifier on the masked images (logits above {@link NnExplainerLoss#ACCURACY_THRESHOLD} against the targets), and
 * the validation loss (the same full loss, eval mode) that early stopping and the best weights follow.
 */
public record NnExplainerEpoch(
        int epoch,
        double loss,
        double classification,
        double entropy,
        double totalVariation,
        double area,
        double maskMean,
        double nonTargetMean,
        double maskAccuracy,
        double valLoss,
        double valMaskMean,
        double seconds) {}

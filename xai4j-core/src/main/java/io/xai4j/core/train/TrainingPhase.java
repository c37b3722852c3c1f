package io.xai4j.core.train;

/**
 * A phase of a training run, implemented by an enum whose constants are the phases in the order they run
 * (PIP-Net: pretraining, then training; most trainers have the one phase of {@link SinglePhase}).
 */
public interface TrainingPhase {

    /** The phase's name in checkpoints, log lines and the progress bar (e.g. {@code "pretrain"}); never {@code "done"}. */
    String label();
}

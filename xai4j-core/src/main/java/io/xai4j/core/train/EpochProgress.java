package io.xai4j.core.train;

import me.tongfei.progressbar.ProgressBar;

/**
 * What a trainer's epoch reports while it runs: units done (images, graphs) and its running losses. It goes
 * to the phase's progress bar, after the epoch ({@code "epoch 3/10"}); without a bar it is ignored.
 */
public final class EpochProgress {

    private final ProgressBar bar;
    private final String epoch;

    EpochProgress(ProgressBar bar, String epoch) {
        this.bar = bar;
        this.epoch = epoch;
        if (bar != null) {
            bar.setExtraMessage(" " + epoch);
        }
    }

    /** {@code units} more done; {@code message} (e.g. {@code "loss 0.6931 acc 0.500"}) replaces the previous one; null keeps it. */
    public void advance(long units, String message) {
        if (bar != null) {
            bar.stepBy(units);
            if (message != null) {
                bar.setExtraMessage(" " + epoch + " " + message);
            }
        }
    }

    /** Replaces the message without advancing (e.g. validation figures at the end of an epoch). */
    public void message(String message) {
        advance(0, message);
    }
}

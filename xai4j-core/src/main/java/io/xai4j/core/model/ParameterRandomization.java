package io.xai4j.core.model;

import java.util.List;

/**
 * Access to a model's parameterised layers for the model-parameter randomisation sanity check
 * (Adebayo et al., NeurIPS 2018). Layers are listed in reverse forward order (logits first).
 */
public interface ParameterRandomization {

    /** Names of the parameterised layers, the layer producing the logits first. */
    List<String> layersTopDown();

    /**
     * Re-draws every parameter tensor of the named layer i.i.d. from N(0, σ²), σ = that tensor's
     * original standard deviation, from the given seed.
     */
    void randomizeLayer(String layer, long seed);

    /** Takes a snapshot of every parameter so that {@link Snapshot#restore()} undoes randomisation. */
    Snapshot snapshot();

    /** A saved copy of the parameters. */
    interface Snapshot extends AutoCloseable {
        /** Writes the saved values back; the model is bit-identical to the time of the snapshot. */
        void restore();

        @Override
        void close();
    }
}

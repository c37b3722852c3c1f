package io.xai4j.core.metrics;

/** A metric of the maps alone (complexity, docs/methods/image-metrics.md). */
public interface MapMetric extends Metric {

    /**
     * Evaluates a batch.
     *
     * @param maps [B][H][W] saliency maps
     */
    MetricResult evaluate(float[][][] maps);
}

package io.xai4j.core.metrics;

/** A metric of the maps against per-sample ground-truth masks (localisation, docs/methods/image-metrics.md). */
public interface GroundTruthMetric extends Metric {

    /**
     * Evaluates a batch.
     *
     * @param maps [B][H][W] saliency maps at image resolution
     * @param masks [B][H][W] ground truth of each sample's target class (boxes filled); a null entry
     *     (e.g. a VOC pair whose boxes are all "difficult") makes that sample undefined (NaN)
     */
    MetricResult evaluate(float[][][] maps, boolean[][][] masks);
}

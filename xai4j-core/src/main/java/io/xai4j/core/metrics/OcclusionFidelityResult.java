package io.xai4j.core.metrics;

/**
 * Occlusion fidelity on a batch (docs/methods/image-metrics.md#occlusion-fidelity).
 *
 * @param result per image Δp = P(t|x) − P(t|x′)
 * @param accuracy top-1 accuracy on the original images
 * @param occludedAccuracy top-1 accuracy on the occluded images
 * @param accuracyDrop accuracy − occludedAccuracy (the aggregate field)
 */
public record OcclusionFidelityResult(
        MetricResult result, double accuracy, double occludedAccuracy, double accuracyDrop) {}

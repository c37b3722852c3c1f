package io.xai4j.core.metrics;

import java.util.Map;

/**
 * Area size (SCOUTER, Li et al., ICCV 2021), docs/methods/image-metrics.md#area-size: the mean of each map, for maps already normalised to
 * [0, 1] (SCOUTER: on the slot grid after the joint min–max over all classes; generic explainers: their min–max
 * {@code maps}). With {@code uint8} the official quantisation Σ m_u8 / (h·w·255), m_u8 = ⌊255·m⌋ (NumPy's
 * {@code astype(np.uint8)} truncation). Lower = a smaller explanation.
 */
public final class AreaSize implements MapMetric {

    private final boolean uint8;

    /** Plain mean of the map. */
    public AreaSize() {
        this(false);
    }

    /** @param uint8 quantise each value to ⌊255·m⌋ first, as the official SCOUTER code */
    public AreaSize(boolean uint8) {
        this.uint8 = uint8;
    }

    private static final Metric.Descriptor METRIC = Metric.of("area_size", Direction.LOWER, Category.COMPLEXITY);

    @Override
    public Metric.Descriptor describe() {
        return METRIC;
    }

    @Override
    public MetricResult evaluate(float[][][] maps) {
        int[] hw = MetricInputs.checkMaps("maps", maps);
        double[] values = new double[maps.length];
        for (int i = 0; i < maps.length; i++) {
            double sum = 0;
            for (float[] row : maps[i]) {
                for (float v : row) {
                    sum += uint8 ? Math.floor(255 * Math.min(1, Math.max(0, v))) : v;
                }
            }
            values[i] = sum / ((double) hw[0] * hw[1] * (uint8 ? 255 : 1));
        }
        return MetricResult.of(this, values, Map.of("uint8", uint8));
    }
}

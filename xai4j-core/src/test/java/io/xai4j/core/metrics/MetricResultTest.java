package io.xai4j.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricResultTest {

    @Test
    void concatenatesBatchesOfOneMetricWithTheSameParametersOnly() {
        MetricResult a = MetricResult.of("iou", new double[] {0.5, Double.NaN}, Direction.HIGHER, Category.LOCALISATION, Map.of("k", 0.2));
        MetricResult b = MetricResult.of("iou", new double[] {1.0}, Direction.HIGHER, Category.LOCALISATION, Map.of("k", 0.2));
        MetricResult ab = MetricResult.concat(a, b);
        assertArrayEquals(new double[] {0.5, Double.NaN, 1.0}, ab.values());
        assertEquals(0.75, ab.mean(), 1e-12, "mean over defined values");
        assertEquals(1, ab.nUndefined());
        MetricResult other = MetricResult.of("iou", new double[] {1.0}, Direction.HIGHER, Category.LOCALISATION, Map.of("k", 0.1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MetricResult.concat(a, other));
        assertEquals("cannot merge iou computed with {k=0.2} and with {k=0.1}", e.getMessage());
    }
}

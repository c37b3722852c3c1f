package io.xai4j.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AggregateTest {

    @Test
    void meanAndSampleStdOfTheDefinedValuesMatchAHandComputation() {
        // defined values 1, 2, 4: mean 7/3; squared deviations 16/9 + 1/9 + 25/9 = 42/9; sample variance 42/9 / 2 = 7/3
        Aggregate a = Aggregate.of(new double[] {1, Double.NaN, 2, 4});
        assertEquals(7.0 / 3, a.mean(), 1e-15);
        assertEquals(Math.sqrt(7.0 / 3), a.std(), 1e-15);
        assertEquals(3, a.n());
        assertEquals(1, a.nUndefined());
    }

    @Test
    void fewerThanTwoDefinedValuesHaveNoStdAndNoneHaveNoMean() {
        Aggregate one = Aggregate.of(new double[] {0.5, Double.NaN});
        assertEquals(0.5, one.mean());
        assertTrue(Double.isNaN(one.std()), "one value: no sample std");
        Aggregate none = Aggregate.of(new double[] {Double.NaN});
        assertTrue(Double.isNaN(none.mean()) && Double.isNaN(none.std()));
        assertEquals(0, none.n());
    }

    @Test
    void itemsAggregateByFigureAndResultsCarryTheirMetricsSelfDescription() {
        record Run(double score) {}
        assertEquals(0.3, Aggregate.of(List.of(new Run(0.2), new Run(0.4)), Run::score).mean(), 1e-15);
        Metric m = Metric.of("x", Direction.LOWER, Category.ROBUSTNESS);
        MetricResult r = MetricResult.of(m, new double[] {3, Double.NaN, 5}, Map.of());
        assertEquals("x", r.metric());
        assertEquals(Direction.LOWER, r.direction());
        assertEquals(Category.ROBUSTNESS, r.category());
        assertEquals(4, r.mean(), 1e-15);
        assertEquals(1, r.nUndefined());
        assertEquals(Math.sqrt(2), r.aggregate().std(), 1e-15);
    }

    @Test
    void everyMapAndGroundTruthMetricDescribesItselfAsItsResultsDo() {
        float[][][] maps = {{{0.1f, 0.9f}, {0.4f, 0.2f}}};
        boolean[][][] masks = {{{false, true}, {false, false}}};
        for (MapMetric metric : new MapMetric[] {new GiniSparseness(), new EntropyComplexity(), new AreaSize()}) {
            MetricResult r = metric.evaluate(maps);
            assertEquals(List.of(metric.name(), metric.direction(), metric.category()), List.of(r.metric(), r.direction(), r.category()));
        }
        for (GroundTruthMetric metric : new GroundTruthMetric[] {new EnergyPointingGame(), LocalisationIoU.topK(0.2), new DistractorRate(),
            new RelevanceMassAccuracy(), new RelevanceRankAccuracy()}) {
            MetricResult r = metric.evaluate(maps, masks);
            assertEquals(List.of(metric.name(), metric.direction(), metric.category()), List.of(r.metric(), r.direction(), r.category()));
        }
    }
}

package io.xai4j.graph.metrics;

import io.xai4j.core.metrics.Category;
import io.xai4j.core.metrics.Direction;
import io.xai4j.core.metrics.Metric;
import io.xai4j.core.metrics.MetricResult;
import io.xai4j.graph.data.Graph;
import io.xai4j.graph.explain.GraphExplanation;
import io.xai4j.graph.model.ClassificationMetrics;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Explanation accuracy against ground-truth nodes (docs/methods/graph-metrics.md#ground-truth-accuracy; BA-2Motifs of Luo et al.,
 * NeurIPS 2020): node AUROC of M̂_y against the gt marks (Mann–Whitney with average ranks; graphs with
 * a single gt class are undefined) and precision@k = |top-k ∩ gt| / k, ties to the lower node index.
 * Means run over the graphs given, which callers restrict to the correctly classified ones.
 */
public final class GroundTruthAccuracy {

    /** Node AUROC against the ground-truth marks. */
    public static final Metric NODE_AUROC = Metric.of("node_auroc", Direction.HIGHER, Category.GRAPH);

    /** precision@k against the ground-truth marks. */
    public static Metric precisionAt(int k) {
        return Metric.of("precision@" + k, Direction.HIGHER, Category.GRAPH);
    }

    private GroundTruthAccuracy() {}

    public static MetricResult nodeAuroc(List<Graph> graphs, List<GraphExplanation> explanations) {
        GraphExplanation.requirePaired(graphs, explanations);
        double[] v = new double[graphs.size()];
        for (int i = 0; i < v.length; i++) {
            Graph g = graphs.get(i);
            float[] m = explanations.get(i).maps()[g.label()];
            double[] scores = new double[m.length];
            for (int n = 0; n < m.length; n++) {
                scores[n] = m[n];
            }
            v[i] = ClassificationMetrics.rocAuc(scores, g.groundTruth());
        }
        return MetricResult.of(NODE_AUROC, v, Map.of());
    }

    public static MetricResult precisionAtK(List<Graph> graphs, List<GraphExplanation> explanations, int k) {
        GraphExplanation.requirePaired(graphs, explanations);
        double[] v = new double[graphs.size()];
        for (int i = 0; i < v.length; i++) {
            Graph g = graphs.get(i);
            int hits = 0;
            for (int n : topIndices(explanations.get(i).maps()[g.label()], k)) {
                hits += g.groundTruth()[n];
            }
            v[i] = (double) hits / k;
        }
        return MetricResult.of(precisionAt(k), v, Map.of("k", k));
    }

    /** Indices of the k largest values, ties to the lower index. */
    static int[] topIndices(float[] map, int k) {
        Integer[] order = IntStream.range(0, map.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.<Integer>comparingDouble(n -> -map[n]).thenComparingInt(n -> n));
        return Arrays.stream(order).limit(Math.min(k, map.length)).mapToInt(Integer::intValue).toArray();
    }
}

package io.xai4j.graph.metrics;

import io.xai4j.core.metrics.Category;
import io.xai4j.core.metrics.Direction;
import io.xai4j.core.metrics.Metric;
import io.xai4j.core.metrics.MetricResult;
import io.xai4j.core.runtime.Tensors;
import io.xai4j.graph.data.Graph;
import io.xai4j.graph.explain.GraphExplanation;
import io.xai4j.graph.model.Gcn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fidelity+ / fidelity− and the characterization score of GraphFramEx (Amara et al., arXiv 2206.09677),
 * with the semantics of PyTorch Geometric's {@code torch_geometric/explain/metric/fidelity.py}
 * (docs/methods/graph-metrics.md#fidelity-plus-and-minus). The explanation S is {n : M̂_ĉ[n] &gt; τ} for the predicted class ĉ, or
 * the top-k nodes when {@code topK > 0}. G∖S zeroes the features of S, G_S those of V∖S; Â is kept.
 */
public final class FidelityPlusMinus {

    /** Model mode compares with the prediction ŷ, phenomenon mode with the label y. */
    public enum Mode { MODEL, PHENOMENON }

    /**
     * fid+, fid− and their weighted harmonic characterization.
     *
     * @param plusPerGraph per graph 1[ŷ(G∖S) ≠ ŷ] (phenomenon mode: |1[ŷ = y] − 1[ŷ(G∖S) = y]|); its mean is fid+
     * @param minusPerGraph the same for G_S; its mean is fid−
     */
    public record Result(Mode mode, double tau, int topK, double fidelityPlus, double fidelityMinus, double characterization,
            MetricResult plusPerGraph, MetricResult minusPerGraph) {}

    private FidelityPlusMinus() {}

    /** fid+ of PyTorch Geometric (the prediction without the explanation's nodes differs). */
    public static final Metric PLUS = Metric.of("fidelity_plus", Direction.HIGHER, Category.GRAPH);

    /** fid− of PyTorch Geometric (the prediction from the explanation's nodes alone differs). */
    public static final Metric MINUS = Metric.of("fidelity_minus", Direction.LOWER, Category.GRAPH);

    public static Result compute(Gcn model, List<Graph> graphs, List<GraphExplanation> explanations, double tau, int topK, Mode mode, int batchSize) {
        return compute(model, graphs, explanations, tau, topK, mode, batchSize, model.predict(graphs, batchSize));
    }

    /**
     * As {@link #compute(Gcn, List, List, double, int, Mode, int)} with the model's predictions on the unmodified graphs
     * given ({@code predicted}, e.g. computed once for every method of an evaluation).
     */
    public static Result compute(Gcn model, List<Graph> graphs, List<GraphExplanation> explanations, double tau, int topK, Mode mode, int batchSize,
            int[] predicted) {
        GraphExplanation.requirePaired(graphs, explanations);
        requireOnePerGraph(predicted, graphs);
        int[] pred = predicted;
        List<float[][]> without = new ArrayList<>(), only = new ArrayList<>();
        for (int i = 0; i < graphs.size(); i++) {
            boolean[] s = selection(explanations.get(i).maps()[pred[i]], tau, topK);
            float[][] a = graphs.get(i).copyFeatures(), b = graphs.get(i).copyFeatures();
            for (int n = 0; n < s.length; n++) {
                java.util.Arrays.fill(s[n] ? a[n] : b[n], 0f);
            }
            without.add(a);
            only.add(b);
        }
        int[] predWithout = Tensors.argmax(model.logits(graphs, without, batchSize));
        int[] predOnly = Tensors.argmax(model.logits(graphs, only, batchSize));
        int g = graphs.size();
        double[] plusValues = new double[g], minusValues = new double[g];
        for (int i = 0; i < g; i++) {
            if (mode == Mode.MODEL) {
                plusValues[i] = predWithout[i] == pred[i] ? 0 : 1;
                minusValues[i] = predOnly[i] == pred[i] ? 0 : 1;
            } else {
                int y = graphs.get(i).label();
                int ok = pred[i] == y ? 1 : 0;
                plusValues[i] = Math.abs(ok - (predWithout[i] == y ? 1 : 0));
                minusValues[i] = Math.abs(ok - (predOnly[i] == y ? 1 : 0));
            }
        }
        Map<String, Object> params = Map.of("mode", mode.name().toLowerCase(java.util.Locale.ROOT), "tau", tau, "topK", topK);
        MetricResult plusResult = MetricResult.of(PLUS, plusValues, params);
        MetricResult minusResult = MetricResult.of(MINUS, minusValues, params);
        double plus = g == 0 ? Double.NaN : plusResult.mean(), minus = g == 0 ? Double.NaN : minusResult.mean();
        return new Result(mode, tau, topK, plus, minus, characterization(plus, minus, 0.5, 0.5), plusResult, minusResult);
    }

    /** (w₊ + w₋) / (w₊/fid+ + w₋/(1 − fid−)); 0 when fid+ = 0 or fid− = 1. */
    public static double characterization(double fidPlus, double fidMinus, double wPlus, double wMinus) {
        if (Math.abs(wPlus + wMinus - 1) > 1e-9) {
            throw new IllegalArgumentException("characterization weights must sum to 1, got " + wPlus + " + " + wMinus);
        }
        if (fidPlus == 0 || fidMinus == 1) {
            return 0;
        }
        return (wPlus + wMinus) / (wPlus / fidPlus + wMinus / (1 - fidMinus));
    }

    /** S: map &gt; τ, or the k highest nodes (ties to the lower index) when k &gt; 0. */
    static boolean[] selection(float[] map, double tau, int topK) {
        boolean[] s = new boolean[map.length];
        if (topK > 0) {
            for (int n : GroundTruthAccuracy.topIndices(map, topK)) {
                s[n] = true;
            }
        } else {
            for (int n = 0; n < map.length; n++) {
                s[n] = map[n] > (float) tau; // float32 comparison, as NumPy compares float32 maps
            }
        }
        return s;
    }

    static void requireOnePerGraph(int[] predicted, List<Graph> graphs) {
        if (predicted.length != graphs.size()) {
            throw new IllegalArgumentException("predicted holds " + predicted.length + " classes for " + graphs.size() + " graphs");
        }
    }
}

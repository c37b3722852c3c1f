package io.xai4j.graph.metrics;

import io.xai4j.core.metrics.Category;
import io.xai4j.core.metrics.Direction;
import io.xai4j.core.metrics.Metric;
import io.xai4j.core.metrics.MetricResult;
import io.xai4j.graph.data.Graph;
import io.xai4j.graph.explain.GraphExplanation;
import io.xai4j.graph.model.Gcn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fidelity by occlusion, the exact protocol of the official {@code ppope/explain_graphs} code (Pope et
 * al., CVPR 2019; docs/methods/graph-metrics.md#fidelity): for class c, the nodes with M̂_c &gt; τ have their feature rows zeroed
 * (Â kept), and fid_c = acc − acc′_c with accuracies against the true labels; fidelity = mean_c fid_c.
 */
public final class OcclusionFidelity {

    /** The thresholds of the τ sweep (docs/methods/graph-metrics.md#fidelity). */
    public static final double[] SWEEP = {0, 0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};

    /**
     * @param tau threshold on M̂
     * @param accuracy acc on the unmodified graphs
     * @param maskedAccuracy acc′_c per class
     * @param perClass fid_c
     * @param fidelity mean_c fid_c
     * @param perGraph per-graph (1/C) Σ_c (1[correct] − 1[correct after occluding S_c]); its mean is the fidelity
     */
    public record Result(double tau, double accuracy, double[] maskedAccuracy, double[] perClass, double fidelity, MetricResult perGraph) {}

    private OcclusionFidelity() {}

    /** The official occlusion fidelity, per graph (its mean over graphs is the fidelity). */
    public static final Metric FIDELITY = Metric.of("fidelity", Direction.HIGHER, Category.FAITHFULNESS);

    public static Result compute(Gcn model, List<Graph> graphs, List<GraphExplanation> explanations, double tau, int batchSize) {
        return compute(model, graphs, explanations, tau, batchSize, model.predict(graphs, batchSize));
    }

    /**
     * As {@link #compute(Gcn, List, List, double, int)} with the model's predictions on the unmodified graphs given
     * ({@code predicted}, e.g. computed once for every method of an evaluation).
     */
    public static Result compute(Gcn model, List<Graph> graphs, List<GraphExplanation> explanations, double tau, int batchSize,
            int[] predicted) {
        GraphExplanation.requirePaired(graphs, explanations);
        FidelityPlusMinus.requireOnePerGraph(predicted, graphs);
        int c = model.numClasses();
        int g = graphs.size();
        int[] base = predicted;
        double[] perGraph = new double[g];
        double[] masked = new double[c];
        double acc = 0;
        for (int i = 0; i < g; i++) {
            acc += base[i] == graphs.get(i).label() ? 1 : 0;
        }
        acc /= g;
        for (int k = 0; k < c; k++) {
            List<float[][]> features = new ArrayList<>(g);
            for (int i = 0; i < g; i++) {
                features.add(occlude(graphs.get(i), explanations.get(i).maps()[k], tau, true));
            }
            int[] pred = io.xai4j.core.runtime.Tensors.argmax(model.logits(graphs, features, batchSize));
            for (int i = 0; i < g; i++) {
                int y = graphs.get(i).label();
                int after = pred[i] == y ? 1 : 0;
                masked[k] += after;
                perGraph[i] += ((base[i] == y ? 1 : 0) - after) / (double) c;
            }
            masked[k] /= g;
        }
        double[] fid = new double[c];
        double mean = 0;
        for (int k = 0; k < c; k++) {
            fid[k] = acc - masked[k];
            mean += fid[k] / c;
        }
        MetricResult per = MetricResult.of(FIDELITY, perGraph, Map.of("tau", tau, "protocol", "pope2019-occlusion"));
        return new Result(tau, acc, masked, fid, mean, per);
    }

    /** Fidelity at every τ of {@link #SWEEP}. */
    public static List<Result> sweep(Gcn model, List<Graph> graphs, List<GraphExplanation> explanations, int batchSize) {
        return sweep(model, graphs, explanations, batchSize, model.predict(graphs, batchSize));
    }

    /** Fidelity at every τ of {@link #SWEEP}, with the predictions on the unmodified graphs given. */
    public static List<Result> sweep(Gcn model, List<Graph> graphs, List<GraphExplanation> explanations, int batchSize, int[] predicted) {
        List<Result> out = new ArrayList<>();
        for (double tau : SWEEP) {
            out.add(compute(model, graphs, explanations, tau, batchSize, predicted));
        }
        return out;
    }

    /**
     * Features with rows zeroed: with {@code salient}, the rows where map &gt; τ (G∖S); otherwise the rows
     * where map ≤ τ (G_S).
     */
    static float[][] occlude(Graph graph, float[] map, double tau, boolean salient) {
        float[][] x = graph.copyFeatures();
        for (int n = 0; n < x.length; n++) {
            if ((map[n] > (float) tau) == salient) { // float32 comparison, as NumPy compares float32 maps
                java.util.Arrays.fill(x[n], 0f);
            }
        }
        return x;
    }
}

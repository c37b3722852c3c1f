package io.xai4j.graph.metrics;

import io.xai4j.core.metrics.Category;
import io.xai4j.core.metrics.Direction;
import io.xai4j.core.metrics.Metric;
import io.xai4j.core.metrics.MetricResult;
import io.xai4j.graph.explain.GraphExplanation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Contrastivity and sparsity of Pope et al., CVPR 2019, in the reconstruction of docs/methods/graph-metrics.md#contrastivity-and-sparsity /
 * docs/methods/image-metrics.md#contrastivity-and-sparsity: b_c[n] = 1[M̂_c[n] &gt; τ] for the class pair (0,1) (for C &gt; 2: predicted and
 * runner-up), H = Hamming distance, U = |b₀ ∨ b₁|, n_c = |b_c|. All four variants are emitted.
 */
public final class ContrastivitySparsity {

    public static final String CONTRASTIVITY_UNION = "contrastivity_union";
    public static final String CONTRASTIVITY_NODES = "contrastivity_nodes";
    public static final String SPARSITY_UNION = "sparsity_union";
    public static final String SPARSITY_CLASSAVG = "sparsity_classavg";

    /** The four metrics, in the order {@link #compute} returns them. */
    public static final List<Metric> METRICS = List.of(
            Metric.of(CONTRASTIVITY_UNION, Direction.HIGHER, Category.COMPLEXITY),
            Metric.of(CONTRASTIVITY_NODES, Direction.HIGHER, Category.COMPLEXITY),
            Metric.of(SPARSITY_UNION, Direction.HIGHER, Category.COMPLEXITY),
            Metric.of(SPARSITY_CLASSAVG, Direction.HIGHER, Category.COMPLEXITY));

    private ContrastivitySparsity() {}

    /**
     * @param pairs per graph the two classes compared, or null for (0,1)
     * @return the four metrics by name, in the order above
     */
    public static Map<String, MetricResult> compute(List<GraphExplanation> explanations, int[][] pairs, double tau) {
        int g = explanations.size();
        double[] cu = new double[g], cn = new double[g], su = new double[g], sc = new double[g];
        for (int i = 0; i < g; i++) {
            float[][] m = explanations.get(i).maps();
            int a = pairs == null ? 0 : pairs[i][0];
            int b = pairs == null ? 1 : pairs[i][1];
            int n = m[a].length;
            int hamming = 0, union = 0, na = 0, nb = 0;
            for (int k = 0; k < n; k++) {
                boolean ba = m[a][k] > (float) tau, bb = m[b][k] > (float) tau; // float32 comparison, as NumPy compares float32 maps
                hamming += ba != bb ? 1 : 0;
                union += ba || bb ? 1 : 0;
                na += ba ? 1 : 0;
                nb += bb ? 1 : 0;
            }
            cu[i] = union == 0 ? 0 : (double) hamming / union;
            cn[i] = (double) hamming / n;
            su[i] = 1 - (double) union / n;
            sc[i] = 1 - (na + nb) / (2.0 * n);
        }
        Map<String, Object> params = Map.of("tau", tau);
        Map<String, MetricResult> out = new LinkedHashMap<>();
        double[][] values = {cu, cn, su, sc};
        for (int k = 0; k < METRICS.size(); k++) {
            out.put(METRICS.get(k).name(), MetricResult.of(METRICS.get(k), values[k], params));
        }
        return out;
    }

    /** (predicted, runner-up) per graph from pre-softmax scores, ties to the lower index. */
    public static int[][] predictedAndRunnerUp(float[][] logits) {
        int[][] out = new int[logits.length][2];
        for (int i = 0; i < logits.length; i++) {
            int best = 0;
            for (int c = 1; c < logits[i].length; c++) {
                if (logits[i][c] > logits[i][best]) {
                    best = c;
                }
            }
            int second = best == 0 ? 1 : 0;
            for (int c = 0; c < logits[i].length; c++) {
                if (c != best && logits[i][c] > logits[i][second]) {
                    second = c;
                }
            }
            out[i][0] = best;
            out[i][1] = second;
        }
        return out;
    }
}

package io.xai4j.graph.metrics;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.xai4j.core.metrics.Aggregate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The headline scores of one explanation method on one evaluated set (τ = 0.01 unless stated). In JSON the four
 * contrastivity / sparsity variants carry the names of docs/methods/graph-metrics.md#contrastivity-and-sparsity ({@code contrastivity_union}, ...).
 *
 * @param method explainer name
 * @param accuracy model accuracy on the evaluated graphs (the "acc" of the fidelity protocol)
 * @param fidelity official occlusion fidelity (mean over classes)
 * @param fidelityPerClass fid_c
 * @param contrastivityUnion H/U
 * @param contrastivityNodes H/N
 * @param sparsityUnion 1 − U/N
 * @param sparsityClassAvg 1 − (n₀+n₁)/(2N)
 * @param fidelityPlus PyG fid+ (model mode)
 * @param fidelityMinus PyG fid− (model mode)
 * @param characterization GraphFramEx characterization score
 * @param degenerateGraphs graphs with any flagged (degenerate or non-finite) class map
 * @param fidelitySweep official fidelity at every τ of {@link io.xai4j.graph.metrics.OcclusionFidelity#SWEEP} (docs/methods/graph-metrics.md);
 *     empty when not computed
 * @param perGraph per-graph values of each metric whose mean is reported (docs/methods/image-metrics.md#conventions), keyed by metric name and
 *     in the order of {@code graphIds}; empty for averages over seeds
 * @param graphIds the scored graphs' ids; empty for averages over seeds
 */
public record MethodScores(
        String method,
        double accuracy,
        double fidelity,
        double[] fidelityPerClass,
        @JsonProperty("contrastivity_union") double contrastivityUnion,
        @JsonProperty("contrastivity_nodes") double contrastivityNodes,
        @JsonProperty("sparsity_union") double sparsityUnion,
        @JsonProperty("sparsity_classavg") double sparsityClassAvg,
        double fidelityPlus,
        double fidelityMinus,
        double characterization,
        int degenerateGraphs,
        List<FidelityPoint> fidelitySweep,
        Map<String, double[]> perGraph,
        List<String> graphIds) {

    /** Official fidelity at one threshold: the mean over classes and fid_c per class. */
    public record FidelityPoint(double tau, double fidelity, double[] perClass) {}

    /**
     * Every figure averaged over seeds ({@link Aggregate}: the mean of the defined values), method by method in the order
     * of the first seed; degenerate graphs are summed. The per-graph values and ids are left empty.
     *
     * @param perSeed each seed's scores, the same methods in the same order
     */
    public static List<MethodScores> mean(List<List<MethodScores>> perSeed) {
        List<MethodScores> out = new ArrayList<>();
        for (int m = 0; m < perSeed.get(0).size(); m++) {
            int mm = m;
            List<MethodScores> seeds = perSeed.stream().map(seed -> seed.get(mm)).toList();
            double[] pc = new double[seeds.get(0).fidelityPerClass().length];
            for (int c = 0; c < pc.length; c++) {
                int cc = c;
                pc[c] = mean(seeds, s -> s.fidelityPerClass()[cc]);
            }
            List<FidelityPoint> sweep = new ArrayList<>();
            for (int t = 0; t < seeds.get(0).fidelitySweep().size(); t++) {
                int tt = t;
                List<FidelityPoint> points = seeds.stream().map(s -> s.fidelitySweep().get(tt)).toList();
                double[] ppc = new double[points.get(0).perClass().length];
                for (int c = 0; c < ppc.length; c++) {
                    int cc = c;
                    ppc[c] = Aggregate.of(points, p -> p.perClass()[cc]).mean();
                }
                sweep.add(new FidelityPoint(points.get(0).tau(), Aggregate.of(points, FidelityPoint::fidelity).mean(), ppc));
            }
            out.add(new MethodScores(seeds.get(0).method(), mean(seeds, MethodScores::accuracy), mean(seeds, MethodScores::fidelity), pc,
                    mean(seeds, MethodScores::contrastivityUnion), mean(seeds, MethodScores::contrastivityNodes),
                    mean(seeds, MethodScores::sparsityUnion), mean(seeds, MethodScores::sparsityClassAvg), mean(seeds, MethodScores::fidelityPlus),
                    mean(seeds, MethodScores::fidelityMinus), mean(seeds, MethodScores::characterization),
                    seeds.stream().mapToInt(MethodScores::degenerateGraphs).sum(), sweep, Map.of(), List.of()));
        }
        return out;
    }

    private static double mean(List<MethodScores> seeds, ToDoubleFunction<MethodScores> figure) {
        return Aggregate.of(seeds, figure).mean();
    }
}

package io.xai4j.graph.experiment;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

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
        java.util.Map<String, double[]> perGraph,
        List<String> graphIds) {

    /** Official fidelity at one threshold: the mean over classes and fid_c per class. */
    public record FidelityPoint(double tau, double fidelity, double[] perClass) {}
}

package io.xai4j.graph.experiment;

/**
 * The headline scores of one explanation method on one evaluated set (τ = 0.01 unless stated).
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
 */
public record MethodScores(
        String method,
        double accuracy,
        double fidelity,
        double[] fidelityPerClass,
        double contrastivityUnion,
        double contrastivityNodes,
        double sparsityUnion,
        double sparsityClassAvg,
        double fidelityPlus,
        double fidelityMinus,
        double characterization,
        int degenerateGraphs) {}

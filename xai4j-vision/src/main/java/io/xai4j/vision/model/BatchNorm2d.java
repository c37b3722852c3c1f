package io.xai4j.vision.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/** Batch normalisation over channels (PyTorch semantics: momentum 0.1 for running statistics, ε = 1e-5). */
public final class BatchNorm2d implements Layer {

    /** ε of the normalisation. */
    public static final float EPS = 1e-5f;
    private static final float DJL_MOMENTUM = 0.9f; // DJL's convention: torch momentum = 1 − this

    private final String name;
    private final NDArray gamma;
    private final NDArray beta;
    private final NDArray runningMean;
    private final NDArray runningVar;

    public BatchNorm2d(String name, NDArray gamma, NDArray beta, NDArray runningMean, NDArray runningVar) {
        this.name = name;
        this.gamma = gamma;
        this.beta = beta;
        this.runningMean = runningMean;
        this.runningVar = runningVar;
    }

    public static BatchNorm2d create(NDManager manager, String name, int channels) {
        Shape s = new Shape(channels);
        return new BatchNorm2d(name, manager.ones(s), manager.zeros(s), manager.zeros(s), manager.ones(s));
    }

    @Override
    public String kind() {
        return "BatchNorm2d";
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        return ai.djl.nn.norm.BatchNorm.batchNorm(x, runningMean, runningVar, gamma, beta, 1, DJL_MOMENTUM, EPS, training)
                .singletonOrThrow();
    }

    /** Per-channel eval-mode scale s = γ/√(σ²+ε). */
    public NDArray scale() {
        return gamma.div(runningVar.add(EPS).sqrt());
    }

    /** Per-channel eval-mode shift β − μ·s. */
    public NDArray shift() {
        return beta.sub(runningMean.mul(scale()));
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(
                new Parameter(name + ".weight", gamma, true, false),
                new Parameter(name + ".bias", beta, true, false),
                new Parameter(name + ".running_mean", runningMean, false, false),
                new Parameter(name + ".running_var", runningVar, false, false));
    }
}

package io.xai4j.graph.explain;

import ai.djl.ndarray.NDArray;
import io.xai4j.graph.model.Gcn;
import io.xai4j.graph.model.GraphBatch;

/**
 * Grad-CAM for graphs, Pope et al., CVPR 2019, eqs. (4)–(5) (after Selvaraju et al., ICCV 2017,
 * arXiv 1610.02391): α_k = (1/N) Σ_n ∂y_c/∂Fˡ[n,k], L^c[n] = ReLU(Σ_k α_k Fˡ[n,k]), with Fˡ taken
 * after the ReLU as in the official code. Layer l defaults to the last graph convolution, where the
 * map equals ReLU(Σ_k W[k,c]·F^L[n,k]) / N (CAM without bias, scaled by 1/N).
 */
public final class GradCam extends GraphExplainer {

    private final int layer;

    /** Grad-CAM at the last layer of whatever model it explains. */
    public GradCam() {
        this(-1, DEFAULT_BATCH);
    }

    /**
     * @param layer l in 0..L (0 = the input features X); −1 = the last layer L
     */
    public GradCam(int layer, int batchSize) {
        super(batchSize);
        this.layer = layer;
    }

    @Override
    public String method() {
        return layer < 0 ? "Grad-CAM" : "Grad-CAM(l=" + layer + ")";
    }

    @Override
    protected BatchMaps explainBatch(Gcn model, GraphBatch batch) {
        int l = layer < 0 ? model.numLayers() : layer;
        if (l > model.numLayers()) {
            throw new IllegalArgumentException("Grad-CAM layer " + l + " does not exist; the model has layers 0.." + model.numLayers());
        }
        float[][][] out = allocate(batch, model.numClasses());
        for (int c = 0; c < model.numClasses(); c++) {
            GradientPass pass = GradientPass.of(model, batch, c);
            store(out, c, map(pass.activations().layer(l), pass.gradients()[l], batch), batch);
        }
        return BatchMaps.of(out);
    }

    /** ReLU(Σ_k α_k Fˡ[n,k]) with α_k the gradient averaged over the true nodes; padding stays 0. */
    static NDArray map(NDArray features, NDArray gradient, GraphBatch batch) {
        NDArray alpha = batch.meanNodes(batch.maskNodes(gradient));
        return batch.maskNodes(GraphBatch.sumChannels(features.mul(batch.toNodes(alpha))).maximum(0f));
    }
}

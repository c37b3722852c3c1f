package io.xai4j.graph.explain;

import com.google.auto.service.AutoService;
import io.xai4j.core.explain.Capabilities;
import io.xai4j.core.explain.MethodInfo;
import io.xai4j.core.explain.MethodOptions;
import io.xai4j.core.explain.Requirement;
import io.xai4j.graph.model.GraphModel;
import ai.djl.ndarray.NDArray;
import io.xai4j.graph.model.GraphBatch;

/**
 * Grad-CAM for graphs, Pope et al., CVPR 2019, eqs. (4)–(5) (after Selvaraju et al., ICCV 2017,
 * arXiv 1610.02391): α_k = (1/N) Σ_n ∂y_c/∂Fˡ[n,k], L^c[n] = ReLU(Σ_k α_k Fˡ[n,k]), with Fˡ taken
 * after the ReLU as in the official code. Layer l defaults to the last graph convolution, where the
 * map equals ReLU(Σ_k W[k,c]·F^L[n,k]) / N (CAM without bias, scaled by 1/N).
 */
public final class GradCam extends GraphExplainer {

    private final int layer;

    private GradCam(Builder b) {
        super(b);
        this.layer = b.layer;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected java.util.Map<String, Object> params() {
        return java.util.Map.of("batchSize", super.params().get("batchSize"), "layer", layer < 0 ? model.numLayers() : layer);
    }

    /** Builder: {@code setModel} required; {@code optLayer} l in 0..L (0 = the input features X), default the last layer L. */
    public static final class Builder extends GraphExplainer.Builder<Builder, GradCam> {
        private int layer = -1;

        public Builder optLayer(int l) {
            if (l < 0) {
                throw new IllegalArgumentException("Grad-CAM layer must be >= 0, got " + l);
            }
            this.layer = l;
            return this;
        }

        @Override
        public GradCam build() {
            return new GradCam(this);
        }
    }

    @Override
    public String name() {
        return "gradcam";
    }

    @Override
    public String method() {
        return layer < 0 ? "Grad-CAM" : "Grad-CAM(l=" + layer + ")";
    }

    @Override
    protected BatchMaps explainBatch(GraphBatch batch) {
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

    /** Registry entry. */
    @AutoService(GraphMethod.class)
    public static final class Method implements GraphMethod {
        @Override
        public MethodInfo info() {
            return GraphMethod.describe("gradcam").setTitle("Grad-CAM").setReference("Pope et al., CVPR 2019, eqs. 4-5 (after Selvaraju et al., ICCV 2017)")
                    .setFamily(MethodInfo.Family.LAYER_CAM).setRank(40)
                    .optCapabilities(Capabilities.of(Requirement.GRAPH_MODEL, Requirement.GRADIENTS))
                    .optAliases("grad-cam").build();
        }

        @Override
        public GraphExplainer create(GraphModel model, MethodOptions options) {
            return builder().setModel(model).optBatchSize(options.batchSize()).build();
        }
    }
}

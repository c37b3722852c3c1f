package io.xai4j.graph.explain;

import com.google.auto.service.AutoService;
import io.xai4j.core.explain.Capabilities;
import io.xai4j.core.explain.MethodInfo;
import io.xai4j.core.explain.MethodOptions;
import io.xai4j.core.explain.Requirement;
import io.xai4j.graph.model.GraphModel;
import io.xai4j.graph.model.GraphBatch;

/**
 * Grad-CAM Avg, Pope et al., CVPR 2019, eq. (6): Σ_{l=0..L} G_l^c[n] / M_l, where G_l is Grad-CAM at
 * Fˡ (F⁰ = X) and M_l = max over classes c′ and nodes n of G_l^{c′}[n] for the same graph; a layer
 * with M_l = 0 contributes nothing (docs/methods/graph-explainers.md#grad-cam-avg).
 */
public final class GradCamAverage extends GraphExplainer {

    private GradCamAverage(Builder b) {
        super(b);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder: {@code setModel} required. */
    public static final class Builder extends GraphExplainer.Builder<Builder, GradCamAverage> {
        @Override
        public GradCamAverage build() {
            return new GradCamAverage(this);
        }
    }

    @Override
    public String name() {
        return "gradcam-avg";
    }

    @Override
    public String method() {
        return "Grad-CAM Avg";
    }

    @Override
    protected BatchMaps explainBatch(GraphBatch batch) {
        int classes = model.numClasses();
        int layers = model.numLayers();
        int b = batch.size();
        int[] sizes = batch.sizes();
        // g[l][c][graph][node]
        float[][][][] g = new float[layers + 1][classes][][];
        for (int c = 0; c < classes; c++) {
            GradientPass pass = GradientPass.of(model, batch, c);
            for (int l = 0; l <= layers; l++) {
                g[l][c] = batch.perGraph(GradCam.map(pass.activations().layer(l), pass.gradients()[l], batch));
            }
        }
        float[][][] out = new float[b][classes][];
        for (int i = 0; i < b; i++) {
            for (int c = 0; c < classes; c++) {
                out[i][c] = new float[sizes[i]];
            }
        }
        for (int l = 0; l <= layers; l++) {
            for (int i = 0; i < b; i++) {
                float max = 0f;
                for (int c = 0; c < classes; c++) {
                    for (float v : g[l][c][i]) {
                        max = Math.max(max, v);
                    }
                }
                if (max <= 0f) {
                    continue;
                }
                for (int c = 0; c < classes; c++) {
                    for (int k = 0; k < sizes[i]; k++) {
                        out[i][c][k] += g[l][c][i][k] / max;
                    }
                }
            }
        }
        return BatchMaps.of(out);
    }

    /** Registry entry. */
    @AutoService(GraphMethod.class)
    public static final class Method implements GraphMethod {
        @Override
        public MethodInfo info() {
            return GraphMethod.describe("gradcam-avg").setTitle("Grad-CAM Avg").setReference("Pope et al., CVPR 2019, eq. 6")
                    .setFamily(MethodInfo.Family.LAYER_CAM).setRank(50)
                    .optCapabilities(Capabilities.of(Requirement.GRAPH_MODEL, Requirement.GRADIENTS))
                    .optAliases("grad-cam avg").build();
        }

        @Override
        public GraphExplainer create(GraphModel model, MethodOptions options) {
            return builder().setModel(model).optBatchSize(options.batchSize()).build();
        }
    }
}

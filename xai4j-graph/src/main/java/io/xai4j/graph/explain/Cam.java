package io.xai4j.graph.explain;

import com.google.auto.service.AutoService;
import io.xai4j.core.explain.Capabilities;
import io.xai4j.core.explain.MethodInfo;
import io.xai4j.core.explain.MethodOptions;
import io.xai4j.core.explain.Requirement;
import io.xai4j.graph.model.GraphModel;
import ai.djl.ndarray.NDArray;
import io.xai4j.graph.model.Activations;
import io.xai4j.graph.model.GraphBatch;

/**
 * Class activation mapping for graphs, Pope et al., CVPR 2019, eq. (3) (after Zhou et al., CVPR 2016),
 * in the official code's form with the head bias: L^c[n] = ReLU(Σ_k W[k,c]·F^L[n,k] + b[c]). The bias
 * is kept as in {@code ppope/explain_graphs}; Grad-CAM at the last layer is the bias-free form / N.
 */
public final class Cam extends GraphExplainer {

    private Cam(Builder b) {
        super(b);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder: {@code setModel} required. */
    public static final class Builder extends GraphExplainer.Builder<Builder, Cam> {
        @Override
        public Cam build() {
            return new Cam(this);
        }
    }

    @Override
    public String name() {
        return "cam";
    }

    @Override
    public String method() {
        return "CAM";
    }

    @Override
    protected BatchMaps explainBatch(GraphBatch batch) {
        Activations a = model.forward(batch);
        int head = model.numLayers() + 1;
        NDArray scores = batch.maskNodes(a.layer(model.numLayers()).matMul(model.weight(head)).add(model.bias(head)).maximum(0f));
        float[][][] out = allocate(batch, model.numClasses());
        for (int c = 0; c < model.numClasses(); c++) {
            store(out, c, scores.get("..., " + c), batch);
        }
        return BatchMaps.of(out);
    }


    /** Registry entry. */
    @AutoService(GraphMethod.class)
    public static final class Method implements GraphMethod {
        @Override
        public MethodInfo info() {
            return GraphMethod.describe("cam").setTitle("CAM").setReference("Pope et al., CVPR 2019 (after Zhou et al., CVPR 2016)")
                    .setFamily(MethodInfo.Family.LAYER_CAM).setRank(30)
                    .build();
        }

        @Override
        public GraphExplainer create(GraphModel model, MethodOptions options) {
            return builder().setModel(model).optBatchSize(options.batchSize()).build();
        }
    }
}

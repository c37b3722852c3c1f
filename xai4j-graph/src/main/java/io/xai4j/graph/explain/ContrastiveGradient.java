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
 * Contrastive gradient (CG) saliency, Pope et al., CVPR 2019, eq. (2) (after Simonyan et al., 2014):
 * L^c[n] = ‖ReLU(∂y_c/∂X[n,:])‖₂, keeping only feature directions that increase the class score.
 */
public final class ContrastiveGradient extends GraphExplainer {

    private ContrastiveGradient(Builder b) {
        super(b);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder: {@code setModel} required. */
    public static final class Builder extends GraphExplainer.Builder<Builder, ContrastiveGradient> {
        @Override
        public ContrastiveGradient build() {
            return new ContrastiveGradient(this);
        }
    }

    @Override
    public String name() {
        return "cg";
    }

    @Override
    public String method() {
        return "CG";
    }

    @Override
    protected BatchMaps explainBatch(GraphBatch batch) {
        float[][][] out = allocate(batch, model.numClasses());
        for (int c = 0; c < model.numClasses(); c++) {
            NDArray g = GradientPass.of(model, batch, c).gradients()[0].maximum(0f);
            store(out, c, batch.maskNodes(GraphBatch.sumChannels(g.square()).sqrt()), batch);
        }
        return BatchMaps.of(out);
    }

    /** Registry entry. */
    @AutoService(GraphMethod.class)
    public static final class Method implements GraphMethod {
        @Override
        public MethodInfo info() {
            return GraphMethod.describe("cg").setTitle("CG").setReference("Pope et al., CVPR 2019 (after Simonyan et al., 2014)")
                    .setFamily(MethodInfo.Family.GRADIENT).setRank(10)
                    .optCapabilities(Capabilities.of(Requirement.GRAPH_MODEL, Requirement.GRADIENTS))
                    .optAliases("cgrad").build();
        }

        @Override
        public GraphExplainer create(GraphModel model, MethodOptions options) {
            return builder().setModel(model).optBatchSize(options.batchSize()).build();
        }
    }
}

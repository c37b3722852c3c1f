package io.xai4j.graph.explain;

import ai.djl.ndarray.NDArray;
import io.xai4j.graph.model.Gcn;
import io.xai4j.graph.model.GraphBatch;

/**
 * Contrastive gradient (CG) saliency, Pope et al., CVPR 2019, eq. (2) (after Simonyan et al., 2014):
 * L^c[n] = ‖ReLU(∂y_c/∂X[n,:])‖₂, keeping only feature directions that increase the class score.
 */
public final class ContrastiveGradient extends GraphExplainer {

    public ContrastiveGradient() {
        this(DEFAULT_BATCH);
    }

    public ContrastiveGradient(int batchSize) {
        super(batchSize);
    }

    @Override
    public String method() {
        return "CG";
    }

    @Override
    protected BatchMaps explainBatch(Gcn model, GraphBatch batch) {
        float[][][] out = allocate(batch, model.numClasses());
        for (int c = 0; c < model.numClasses(); c++) {
            NDArray g = GradientPass.of(model, batch, c).gradients()[0].maximum(0f);
            store(out, c, batch.maskNodes(GraphBatch.sumChannels(g.square()).sqrt()), batch);
        }
        return BatchMaps.of(out);
    }
}

package io.xai4j.graph.explain;

import ai.djl.ndarray.NDArray;
import io.xai4j.graph.model.Activations;
import io.xai4j.graph.model.Gcn;
import io.xai4j.graph.model.GraphBatch;

/**
 * Class activation mapping for graphs, Pope et al., CVPR 2019, eq. (3) (after Zhou et al., CVPR 2016),
 * in the official code's form with the head bias: L^c[n] = ReLU(Σ_k W[k,c]·F^L[n,k] + b[c]). The bias
 * is kept as in {@code ppope/explain_graphs}; Grad-CAM at the last layer is the bias-free form / N.
 */
public final class Cam extends GraphExplainer {

    public Cam() {
        this(DEFAULT_BATCH);
    }

    public Cam(int batchSize) {
        super(batchSize);
    }

    @Override
    public String method() {
        return "CAM";
    }

    @Override
    protected BatchMaps explainBatch(Gcn model, GraphBatch batch) {
        Activations a = model.forward(batch);
        int head = model.numLayers() + 1;
        NDArray scores = batch.maskNodes(a.layer(model.numLayers()).matMul(model.weight(head)).add(model.bias(head)).maximum(0f));
        float[][][] out = allocate(batch, model.numClasses());
        for (int c = 0; c < model.numClasses(); c++) {
            store(out, c, scores.get("..., " + c), batch);
        }
        return BatchMaps.of(out);
    }

}

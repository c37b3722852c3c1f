package io.xai4j.vision.explain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import io.xai4j.core.explain.Attribution;
import io.xai4j.core.explain.Capabilities;
import io.xai4j.core.explain.Explainer;
import io.xai4j.core.runtime.Tensors;
import io.xai4j.vision.model.ImageClassifier;
import java.util.Map;

/**
 * Class Activation Mapping (Zhou et al., "Learning Deep Features for Discriminative Localization",
 * CVPR 2016, arXiv 1512.04150): map = ReLU(Σ_k W[t,k]·A[k]) at the layer feeding global average
 * pooling + one linear layer; the bias is not used. Needs no gradient: one forward pass.
 *
 * <p>The head's weights are read at every {@link #explain} call, so an explainer built once follows a model
 * whose weights change (training, or the randomisation sanity check, which randomises the head first).
 */
public final class Cam implements Explainer {

    private final ImageClassifier model;

    private Cam(ImageClassifier model) {
        this.model = model;
        head();
    }

    private ImageClassifier.LinearHead head() {
        return model.linearHead()
                .orElseThrow(() -> new UnsupportedModelException(
                        "CAM needs global average pooling followed by one linear layer after '" + model.featureLayer()
                                + "' (TorchScript models: export classifier_weight()); use gradcam instead"));
    }

    /** CAM for a model with a GAP + linear head. */
    public static Cam of(ImageClassifier model) {
        return new Cam(model);
    }

    @Override
    public String name() {
        return "cam";
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(false, true, false, false);
    }

    @Override
    public Attribution explain(NDArray images, int[] targets) {
        Targets.checkImages(images);
        int h = (int) images.getShape().get(2), w = (int) images.getShape().get(3);
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray a = model.features(images);
            float[][] logits = Tensors.toArray2(model.head(a));
            int[] t = Targets.resolve(targets, logits);
            long b = a.getShape().get(0), k = a.getShape().get(1);
            NDArray weight = Tensors.fromArray2(images.getManager(), head().weight());
            NDArray rows = Tensors.oneHot(images.getManager(), t, (int) weight.getShape().get(0)).matMul(weight);
            NDArray raw = a.mul(rows.reshape(b, k, 1, 1)).sum(new int[] {1}).maximum(0f);
            return Attribution.of(
                    name(), Tensors.toArray3(raw), h, w, Targets.scores(logits, t), t, model.featureLayer(), Map.of());
        }
    }
}

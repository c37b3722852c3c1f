package io.xai4j.vision.explain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import io.xai4j.core.explain.Attribution;
import io.xai4j.core.explain.Capabilities;
import io.xai4j.core.explain.Explainer;
import io.xai4j.core.runtime.Autograd;
import io.xai4j.core.runtime.Tensors;
import io.xai4j.vision.model.ImageClassifier;
import java.util.Map;

/**
 * Grad-CAM (Selvaraju et al., "Grad-CAM: Visual Explanations from Deep Networks via Gradient-based
 * Localization", ICCV 2017, arXiv 1610.02391): α[b,k] = mean_ij ∂y[b,t_b]/∂A[b,k,i,j],
 * map = ReLU(Σ_k α[b,k]·A[b,k]).
 *
 * <p>Only the head above the layer is differentiated, with one backward pass per batch
 * (cnn-attribution.md §5): A is computed without a tape, then a detached copy A₂ is the leaf of the
 * tape through the head. Images of a batch are independent in eval mode, so the gradient of
 * Σ_b y[b,t_b] gives every image its own gradient.
 */
public final class GradCam implements Explainer {

    private final ImageClassifier model;
    private final String layer;

    private GradCam(Builder b) {
        this.model = b.model;
        this.layer = b.layer != null ? b.layer : b.model.featureLayer();
        if (!model.layers().contains(layer)) {
            throw new IllegalArgumentException("no layer '" + layer + "'; layers are " + model.layers());
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "gradcam";
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(true, true, false, false);
    }

    @Override
    public Attribution explain(NDArray images, int[] targets) {
        Targets.checkImages(images);
        int h = (int) images.getShape().get(2), w = (int) images.getShape().get(3);
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray a = model.forwardTo(images, layer);
            NDArray leaf = a.duplicate();
            leaf.setRequiresGradient(true);
            return Autograd.run(collector -> {
                NDArray logits = model.forwardFromForGradient(leaf, layer);
                float[][] l = Tensors.toArray2(logits);
                int[] t = Targets.resolve(targets, l);
                NDArray selected = logits.mul(Tensors.oneHot(images.getManager(), t, l[0].length)).sum();
                collector.backward(selected);
                long b = a.getShape().get(0), k = a.getShape().get(1);
                NDArray alpha = leaf.getGradient().reshape(b, k, -1).mean(new int[] {2}).reshape(b, k, 1, 1);
                NDArray raw = a.mul(alpha).sum(new int[] {1}).maximum(0f);
                return Attribution.of(name(), Tensors.toArray3(raw), h, w, Targets.scores(l, t), t, layer, Map.of());
            });
        }
    }

    /** Builder: {@code setModel} required, {@code optLayer} defaults to the model's feature layer. */
    public static final class Builder {
        private ImageClassifier model;
        private String layer;

        public Builder setModel(ImageClassifier model) {
            this.model = model;
            return this;
        }

        public Builder optLayer(String layer) {
            this.layer = layer;
            return this;
        }

        public GradCam build() {
            if (model == null) {
                throw new IllegalStateException("GradCam needs a model: call setModel");
            }
            return new GradCam(this);
        }
    }
}

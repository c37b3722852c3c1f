package io.xai4j.vision.explain;

import ai.djl.ndarray.NDArray;
import com.google.auto.service.AutoService;
import io.xai4j.core.explain.Capabilities;
import io.xai4j.core.explain.MethodInfo;
import io.xai4j.core.explain.MethodOptions;
import io.xai4j.core.explain.Requirement;
import io.xai4j.core.explain.Explainer;
import io.xai4j.vision.model.ImageClassifier;

/**
 * Grad-CAM (Selvaraju et al., "Grad-CAM: Visual Explanations from Deep Networks via Gradient-based
 * Localization", ICCV 2017, arXiv 1610.02391): w[b,k] = mean_ij ∂y[b,t_b]/∂A[b,k,i,j],
 * map = ReLU(Σ_k w[b,k]·A[b,k]). One backward pass through the head per batch ({@link BaseCam}).
 */
public final class GradCam extends BaseCam {

    private GradCam(ImageClassifier model, String layer) {
        super(model, layer, true);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "gradcam";
    }

    @Override
    protected NDArray channelWeights(CamInputs in) {
        return in.gradients().reshape(in.batch(), in.channels(), -1).mean(new int[] {2});
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
            return new GradCam(model, layer);
        }
    }

    /** Registry entry. */
    @AutoService(ImageMethod.class)
    public static final class Method implements ImageMethod {
        @Override
        public MethodInfo info() {
            return MethodInfo.builder("gradcam").setTitle("Grad-CAM").setReference("Selvaraju et al., ICCV 2017, arXiv 1610.02391")
                    .setFamily(MethodInfo.Family.LAYER_CAM).setRank(20)
                    .optCapabilities(Capabilities.of(Requirement.GRADIENTS, Requirement.FEATURE_LAYER))
                    .optSettings(MethodOptions.Setting.LAYER).optAliases("grad-cam").build();
        }

        @Override
        public Explainer create(ImageClassifier model, MethodOptions options) {
            return new GradCam(model, options.layer());
        }
    }
}

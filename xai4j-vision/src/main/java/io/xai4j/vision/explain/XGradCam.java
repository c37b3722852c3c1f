package io.xai4j.vision.explain;

import ai.djl.ndarray.NDArray;
import com.google.auto.service.AutoService;
import io.xai4j.core.explain.Capabilities;
import io.xai4j.core.explain.Explainer;
import io.xai4j.core.explain.MethodInfo;
import io.xai4j.core.explain.MethodOptions;
import io.xai4j.core.explain.Requirement;
import io.xai4j.vision.model.ImageClassifier;

/**
 * XGrad-CAM (Fu et al., "Axiom-based Grad-CAM: Towards Accurate Visualization and Explanation of CNNs",
 * BMVC 2020, arXiv 2008.02312): the weights that best satisfy the sensitivity and conservation axioms,
 * w[k] = Σ_ij A[k,i,j]·g[k,i,j] / (Σ_ij A[k,i,j] + ε) with g = ∂y_t/∂A and ε = 10⁻⁷ (pytorch-grad-cam's guard
 * against an all-zero channel). See docs/methods/cam-family.md.
 */
public final class XGradCam extends BaseCam {

    static final float EPSILON = 1e-7f;

    XGradCam(ImageClassifier model, String layer) {
        super(model, layer, true);
    }

    @Override
    public String name() {
        return "xgradcam";
    }

    @Override
    protected NDArray channelWeights(CamInputs in) {
        NDArray a = in.activations();
        return a.mul(in.gradients()).sum(new int[] {2, 3}).div(a.sum(new int[] {2, 3}).add(EPSILON));
    }

    /** Registry entry. */
    @AutoService(ImageMethod.class)
    public static final class Method implements ImageMethod {
        @Override
        public MethodInfo info() {
            return MethodInfo.builder("xgradcam").setTitle("XGrad-CAM").setReference("Fu et al., BMVC 2020, arXiv 2008.02312")
                    .setFamily(MethodInfo.Family.LAYER_CAM).setRank(22)
                    .optCapabilities(Capabilities.of(Requirement.GRADIENTS, Requirement.FEATURE_LAYER))
                    .optSettings(MethodOptions.Setting.LAYER).build();
        }

        @Override
        public Explainer create(ImageClassifier model, MethodOptions options) {
            return new XGradCam(model, options.layer());
        }
    }
}

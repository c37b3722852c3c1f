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
 * Grad-CAM++ (Chattopadhay et al., "Grad-CAM++: Generalized Gradient-based Visual Explanations for Deep
 * Convolutional Networks", WACV 2018, arXiv 1710.11063), in the closed form of the paper's eq. 19 for an
 * exponential output, as pytorch-grad-cam computes it: with g = ∂y_t/∂A,
 * α[k,i,j] = g² / (2g² + (Σ_ab A[k,a,b])·g³ + ε) where g ≠ 0 (else 0), ε = 10⁻⁶,
 * w[k] = Σ_ij α[k,i,j]·ReLU(g[k,i,j]). See docs/methods/cam-family.md.
 */
public final class GradCamPlusPlus extends BaseCam {

    static final float EPSILON = 1e-6f;

    GradCamPlusPlus(ImageClassifier model, String layer) {
        super(model, layer, true);
    }

    @Override
    public String name() {
        return "gradcam++";
    }

    @Override
    protected NDArray channelWeights(CamInputs in) {
        NDArray g = in.gradients();
        NDArray g2 = g.mul(g);
        NDArray g3 = g2.mul(g);
        NDArray sumA = in.activations().sum(new int[] {2, 3}, true);
        NDArray alpha = g2.div(g2.mul(2f).add(sumA.mul(g3)).add(EPSILON)).mul(g.neq(0f).toType(g.getDataType(), false));
        return alpha.mul(g.maximum(0f)).sum(new int[] {2, 3});
    }

    /** Registry entry. */
    @AutoService(ImageMethod.class)
    public static final class Method implements ImageMethod {
        @Override
        public MethodInfo info() {
            return MethodInfo.builder("gradcam++").setTitle("Grad-CAM++").setReference("Chattopadhay et al., WACV 2018, arXiv 1710.11063")
                    .setFamily(MethodInfo.Family.LAYER_CAM).setRank(21)
                    .optCapabilities(Capabilities.of(Requirement.GRADIENTS, Requirement.FEATURE_LAYER))
                    .optSettings(MethodOptions.Setting.LAYER).optAliases("gradcampp", "grad-cam++").build();
        }

        @Override
        public Explainer create(ImageClassifier model, MethodOptions options) {
            return new GradCamPlusPlus(model, options.layer());
        }
    }
}

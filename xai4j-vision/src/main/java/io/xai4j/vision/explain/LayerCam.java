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
 * LayerCAM (Jiang et al., "LayerCAM: Exploring Hierarchical Class Activation Maps for Localization",
 * IEEE TIP 2021): element-wise weights instead of one weight per channel, map = ReLU(Σ_k ReLU(g[k])·A[k]) with
 * g = ∂y_t/∂A, so that shallow layers, whose gradients vary over space, still give fine-grained maps. The paper's
 * tanh scaling for fusing several layers is not applied (one layer per map, as pytorch-grad-cam).
 * See docs/methods/cam-family.md.
 */
public final class LayerCam extends BaseCam {

    LayerCam(ImageClassifier model, String layer) {
        super(model, layer, true);
    }

    @Override
    public String name() {
        return "layercam";
    }

    @Override
    protected NDArray channelWeights(CamInputs in) {
        return in.gradients().maximum(0f);
    }

    /** Registry entry. */
    @AutoService(ImageMethod.class)
    public static final class Method implements ImageMethod {
        @Override
        public MethodInfo info() {
            return MethodInfo.builder("layercam").setTitle("LayerCAM").setReference("Jiang et al., IEEE TIP 2021, doi 10.1109/TIP.2021.3089943")
                    .setFamily(MethodInfo.Family.LAYER_CAM).setRank(23)
                    .optCapabilities(Capabilities.of(Requirement.GRADIENTS, Requirement.FEATURE_LAYER))
                    .optSettings(MethodOptions.Setting.LAYER).build();
        }

        @Override
        public Explainer create(ImageClassifier model, MethodOptions options) {
            return new LayerCam(model, options.layer());
        }
    }
}

package io.xai4j.vision.explain;

import ai.djl.ndarray.NDArray;
import com.google.auto.service.AutoService;
import io.xai4j.core.explain.Capabilities;
import io.xai4j.core.explain.Explainer;
import io.xai4j.core.explain.MethodInfo;
import io.xai4j.core.explain.MethodOptions;
import io.xai4j.core.explain.Requirement;
import io.xai4j.core.runtime.Tensors;
import io.xai4j.vision.model.ImageClassifier;

/**
 * Class Activation Mapping (Zhou et al., "Learning Deep Features for Discriminative Localization",
 * CVPR 2016, arXiv 1512.04150): w[b,k] = W[t_b,k] of the linear head after global average pooling,
 * map = ReLU(Σ_k w[b,k]·A[b,k]) at the feature layer; the bias is not used. Needs no gradient: one forward pass.
 *
 * <p>The head's weights are read at every call, so an explainer built once follows a model whose weights change
 * (training, or the randomisation sanity check, which randomises the head first).
 */
public final class Cam extends BaseCam {

    private Cam(ImageClassifier model) {
        super(model, null, false);
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
    protected NDArray channelWeights(CamInputs in) {
        NDArray weight = Tensors.fromArray2(in.images().getManager(), head().weight());
        return Tensors.oneHot(in.images().getManager(), in.targets(), (int) weight.getShape().get(0)).matMul(weight);
    }

    /** Registry entry. */
    @AutoService(ImageMethod.class)
    public static final class Method implements ImageMethod {
        @Override
        public MethodInfo info() {
            return MethodInfo.builder("cam").setTitle("CAM").setReference("Zhou et al., CVPR 2016, arXiv 1512.04150")
                    .setFamily(MethodInfo.Family.LAYER_CAM).setRank(10)
                    .optCapabilities(Capabilities.of(Requirement.FEATURE_LAYER, Requirement.LINEAR_HEAD)).build();
        }

        @Override
        public Explainer create(ImageClassifier model, MethodOptions options) {
            return new Cam(model);
        }
    }
}

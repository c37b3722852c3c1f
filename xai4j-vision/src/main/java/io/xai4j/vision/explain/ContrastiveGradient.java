package io.xai4j.vision.explain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import io.xai4j.core.explain.Attribution;
import com.google.auto.service.AutoService;
import io.xai4j.core.explain.Capabilities;
import io.xai4j.core.explain.MethodInfo;
import io.xai4j.core.explain.MethodOptions;
import io.xai4j.core.explain.Requirement;
import io.xai4j.core.explain.Explainer;
import io.xai4j.core.runtime.Autograd;
import io.xai4j.core.runtime.Tensors;
import io.xai4j.vision.model.ImageClassifier;
import java.util.Map;

/**
 * Contrastive gradient saliency (Pope et al., "Explainability Methods for Graph Convolutional Neural
 * Networks", CVPR 2019, after Simonyan et al. 2014): map[i,j] = ‖ReLU(∂y_t/∂x[:,i,j])‖₂ over the input
 * channels — only evidence that increases the class score. One forward and one backward per batch.
 */
public final class ContrastiveGradient implements Explainer {

    private final ImageClassifier model;

    private ContrastiveGradient(ImageClassifier model) {
        this.model = model;
    }

    public static ContrastiveGradient of(ImageClassifier model) {
        return new ContrastiveGradient(model);
    }

    @Override
    public String name() {
        return "cgrad";
    }

    @Override
    public int numClasses() {
        return model.numClasses();
    }

    @Override
    public Attribution explain(NDArray images, int[] targets) {
        Targets.checkImages(images);
        int h = (int) images.getShape().get(2), w = (int) images.getShape().get(3);
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray leaf = images.duplicate();
            leaf.setRequiresGradient(true);
            return Autograd.run(collector -> {
                NDArray logits = model.logitsForGradient(leaf);
                float[][] l = Tensors.toArray2(logits);
                int[] t = Targets.resolve(targets, l);
                collector.backward(logits.mul(Tensors.oneHot(images.getManager(), t, l[0].length)).sum());
                NDArray g = leaf.getGradient().maximum(0f);
                NDArray raw = g.mul(g).sum(new int[] {1}).sqrt();
                return Attribution.of(name(), Tensors.toArray3(raw), h, w, l, t, null, Map.of());
            });
        }
    }

    /** Registry entry. */
    @AutoService(ImageMethod.class)
    public static final class Method implements ImageMethod {
        @Override
        public MethodInfo info() {
            return MethodInfo.builder("cgrad").setTitle("contrastive gradient")
                    .setReference("Pope et al., CVPR 2019 (after Simonyan et al., ICLR-W 2014, arXiv 1312.6034)")
                    .setFamily(MethodInfo.Family.GRADIENT).setRank(30)
                    .optCapabilities(Capabilities.of(Requirement.GRADIENTS)).optAliases("cg", "gradient").build();
        }

        @Override
        public Explainer create(ImageClassifier model, MethodOptions options) {
            return ContrastiveGradient.of(model);
        }
    }
}

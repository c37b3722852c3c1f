package io.xai4j.vision.explain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import io.xai4j.core.explain.Attribution;
import io.xai4j.core.explain.Explainer;
import io.xai4j.core.runtime.Autograd;
import io.xai4j.core.runtime.Tensors;
import io.xai4j.vision.model.ImageClassifier;
import java.util.Map;

/**
 * The layer-CAM family's shared machinery (pytorch-grad-cam's {@code BaseCAM}): read the activations A of one
 * layer, run the head above it — with one backward pass of Σ_b y[b,t_b] for methods that use gradients (only the
 * head is differentiated: A is computed without a tape, then a detached copy is the tape's leaf; images of a
 * batch are independent in eval mode, so each gets its own ∂y/∂A) — resolve the targets, and turn
 * ReLU(map) into an {@link Attribution}. A method defines only its channel weights w[b,k], giving
 * map = Σ_k w[b,k]·A[b,k], or overrides {@link #combine} when its map is not a weighted channel sum.
 * See docs/methods/cam-family.md.
 */
public abstract class BaseCam implements Explainer {

    protected final ImageClassifier model;
    protected final String layer;
    private final boolean usesGradients;

    /**
     * @param layer the layer to read (null: the model's feature layer)
     * @param usesGradients whether {@link CamInputs#gradients()} is needed (one backward pass per batch)
     */
    protected BaseCam(ImageClassifier model, String layer, boolean usesGradients) {
        this.model = model;
        this.layer = layer != null ? layer : model.featureLayer();
        this.usesGradients = usesGradients;
        if (!model.layers().contains(this.layer)) {
            throw new IllegalArgumentException("no layer '" + this.layer + "'; layers are " + model.layers());
        }
    }

    /**
     * What a CAM method sees of one batch; every array belongs to the batch's scope.
     *
     * @param images [B,C,H,W] the input batch
     * @param activations A [B,K,h,w] at {@link #layer}
     * @param gradients ∂y[b,t_b]/∂A [B,K,h,w], or null for methods without gradients
     * @param logits the head's scores [B][classes]
     * @param targets the class explained per image
     */
    protected record CamInputs(NDArray images, NDArray activations, NDArray gradients, float[][] logits, int[] targets) {

        public long batch() {
            return activations.getShape().get(0);
        }

        public long channels() {
            return activations.getShape().get(1);
        }
    }

    /**
     * The weights of a batch: per channel w [B,K], or per channel and position w [B,K,h,w] (LayerCAM's
     * element-wise weights).
     */
    protected abstract NDArray channelWeights(CamInputs in);

    /** The map before the final ReLU, [B,h,w]: Σ_k w[b,k]·A[b,k] unless a method overrides it. */
    protected NDArray combine(CamInputs in) {
        NDArray w = channelWeights(in);
        if (w.getShape().dimension() == 2) {
            w = w.reshape(in.batch(), in.channels(), 1, 1);
        }
        return in.activations().mul(w).sum(new int[] {1});
    }

    /** The method's parameters recorded in each attribution (none by default). */
    protected Map<String, Object> params() {
        return Map.of();
    }

    @Override
    public int numClasses() {
        return model.numClasses();
    }

    @Override
    public final Attribution explain(NDArray images, int[] targets) {
        Targets.checkImages(images);
        int h = (int) images.getShape().get(2), w = (int) images.getShape().get(3);
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray a = model.forwardTo(images, layer);
            if (!usesGradients) {
                float[][] logits = Tensors.toArray2(model.forwardFromForGradient(a, layer));
                return finish(new CamInputs(images, a, null, logits, Targets.resolve(targets, logits)), h, w);
            }
            NDArray leaf = a.duplicate();
            leaf.setRequiresGradient(true);
            return Autograd.run(collector -> {
                NDArray logits = model.forwardFromForGradient(leaf, layer);
                float[][] l = Tensors.toArray2(logits);
                int[] t = Targets.resolve(targets, l);
                collector.backward(logits.mul(Tensors.oneHot(images.getManager(), t, l[0].length)).sum());
                return finish(new CamInputs(images, a, leaf.getGradient(), l, t), h, w);
            });
        }
    }

    private Attribution finish(CamInputs in, int h, int w) {
        NDArray raw = combine(in).maximum(0f); // the map is not differentiated: the Number overload is safe here
        return Attribution.of(name(), Tensors.toArray3(raw), h, w, in.logits(), in.targets(), layer, params());
    }
}

package io.xai4j.vision.scouter;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.xai4j.core.explain.Requirement;
import io.xai4j.vision.model.ImageClassifier;
import io.xai4j.vision.model.Parameter;
import io.xai4j.vision.model.Sequential;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A SCOUTER classifier (Li et al., ICCV 2021, arXiv 2009.06138; docs/methods/scouter.md): a backbone whose grid feeds
 * the explainable slot-attention head {@link SlotAttention} instead of pooling and a linear layer. It is an
 * {@link ImageClassifier} (the backbone's stages are its layers), so every command and gradient method takes it, and
 * it offers {@link Requirement#CLASS_ATTENTION}: its own per-class attention maps, read by {@link ScouterExplainer}.
 */
public final class Scouter implements ImageClassifier {

    private final NDManager manager;
    private final ScouterBackbone backbone;
    private final SlotAttention head;
    private final List<String> classNames;
    private final int imageSize;

    /**
     * @param manager owns the head's parameters (and the built-in backbone's); closed with the model
     */
    public Scouter(NDManager manager, ScouterBackbone backbone, SlotAttention head, List<String> classNames, int imageSize) {
        if (head.config().numClasses() != classNames.size()) {
            throw new IllegalArgumentException("the head has " + head.config().numClasses() + " classes but " + classNames.size()
                    + " class names were given");
        }
        if (head.config().channels() != backbone.channels()) {
            throw new IllegalArgumentException("the head expects " + head.config().channels() + " channels, the backbone gives "
                    + backbone.channels());
        }
        this.manager = manager;
        this.backbone = backbone;
        this.head = head;
        this.classNames = List.copyOf(classNames);
        this.imageSize = imageSize;
    }

    /** Logits and last-iteration attention, BatchNorm in eval mode (gradient-capable inside Autograd). */
    public SlotAttention.Output forward(NDArray images) {
        ImageClassifier.requireInputShape(images, inputShape(), "the model's input size");
        return head.forward(backbone.forward(images, false));
    }

    /** As {@link #forward}, BatchNorm in training mode; for the trainer inside a gradient collector. */
    public SlotAttention.Output forwardTraining(NDArray images) {
        ImageClassifier.requireInputShape(images, inputShape(), "the model's input size");
        return head.forward(backbone.forward(images, true));
    }

    @Override
    public NDArray logits(NDArray images) {
        return forward(images).logits();
    }

    @Override
    public NDArray logitsForGradient(NDArray images) {
        return logits(images);
    }

    @Override
    public List<String> layers() {
        return backbone.layers();
    }

    @Override
    public String featureLayer() {
        List<String> l = backbone.layers();
        return l.get(l.size() - 1);
    }

    @Override
    public NDArray forwardTo(NDArray images, String layer) {
        ImageClassifier.requireInputShape(images, inputShape(), "the model's input size");
        return backbone.forwardTo(images, layer);
    }

    @Override
    public NDArray forwardFromForGradient(NDArray activation, String layer) {
        return head.forward(backbone.forwardFrom(activation, layer)).logits();
    }

    @Override
    public Optional<LinearHead> linearHead() {
        return Optional.empty();
    }

    @Override
    public Optional<Sequential> structure() {
        return Optional.empty();
    }

    @Override
    public Set<Requirement> offers() {
        Set<Requirement> out = ImageClassifier.super.offers();
        out.add(Requirement.CLASS_ATTENTION);
        return out;
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public int[] inputShape() {
        return new int[] {3, imageSize, imageSize};
    }

    @Override
    public NDManager manager() {
        return manager;
    }

    public ScouterBackbone backbone() {
        return backbone;
    }

    public SlotAttention head() {
        return head;
    }

    public SlotConfig config() {
        return head.config();
    }

    public int imageSize() {
        return imageSize;
    }

    /** Every array of the model, backbone first, then the head, in a fixed order (model files, resume). */
    public List<Parameter> state() {
        List<Parameter> all = new ArrayList<>(backbone.state());
        all.addAll(head.parameters());
        return all;
    }

    @Override
    public void close() {
        backbone.close();
        manager.close();
    }
}

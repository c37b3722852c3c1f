package io.xai4j.vision.explain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.xai4j.vision.model.CnnClassifier;
import io.xai4j.vision.model.ImageClassifier;
import io.xai4j.vision.model.Sequential;
import java.util.List;
import java.util.Optional;

/** A view of a project CNN that hides its structure and linear head, as an opaque TorchScript model does. */
final class OpaqueView implements ImageClassifier {
    private final CnnClassifier inner;

    OpaqueView(CnnClassifier inner) {
        this.inner = inner;
    }

    @Override public List<String> layers() { return inner.layers(); }
    @Override public String featureLayer() { return inner.featureLayer(); }
    @Override public NDArray forwardTo(NDArray images, String layer) { return inner.forwardTo(images, layer); }
    @Override public NDArray forwardFromForGradient(NDArray a, String layer) { return inner.forwardFromForGradient(a, layer); }
    @Override public NDArray logitsForGradient(NDArray images) { return inner.logitsForGradient(images); }
    @Override public NDArray logits(NDArray images) { return inner.logits(images); }
    @Override public Optional<LinearHead> linearHead() { return Optional.empty(); }
    @Override public Optional<Sequential> structure() { return Optional.empty(); }
    @Override public List<String> classNames() { return inner.classNames(); }
    @Override public int[] inputShape() { return inner.inputShape(); }
    @Override public NDManager manager() { return inner.manager(); }
    @Override public void close() {}
}

package io.xai4j.vision.explain;

/** The model cannot be explained by this method (e.g. Excitation Backprop on an opaque TorchScript model). */
public class UnsupportedModelException extends UnsupportedOperationException {

    public UnsupportedModelException(String message) {
        super(message);
    }
}

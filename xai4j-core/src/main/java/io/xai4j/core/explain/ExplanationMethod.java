package io.xai4j.core.explain;

/**
 * The contract of every explainer, image or graph (PyTorch Geometric's algorithm, Captum's attribution):
 * built once for one model (builders {@code setModel(...)} / {@code optX(...)}, or
 * {@link MethodProvider#create}), then asked for explanations of inputs and targets. Implementations are
 * thread-confined; gradient methods serialise on {@link io.xai4j.core.runtime.Autograd}.
 *
 * @param <I> the inputs (a batch of images, a list of graphs)
 * @param <R> the result (an {@link Attribution}, a list of graph explanations)
 */
public interface ExplanationMethod<I, R> {

    /** The method's registry name ("gradcam", "cam", ...). */
    String name();

    /** Explains {@code inputs} for {@code targets} (top-1, explicit, or every class). */
    R explain(I inputs, Targets targets);
}

package io.xai4j.core.explain;

/**
 * One registered method: its description and a factory. Providers are found with {@link java.util.ServiceLoader}
 * (each method file carries a nested provider annotated {@code @AutoService}), so adding a method touches no
 * other file.
 *
 * @param <M> the model type the method explains
 * @param <E> the explainer type it builds
 */
public interface MethodProvider<M, E> {

    MethodInfo info();

    /**
     * Builds the explainer for {@code model}.
     *
     * @throws UnsupportedOperationException when the model lacks something the method needs
     */
    E create(M model, MethodOptions options);
}

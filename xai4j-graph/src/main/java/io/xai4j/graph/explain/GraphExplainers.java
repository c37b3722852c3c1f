package io.xai4j.graph.explain;

import io.xai4j.core.explain.MethodOptions;
import io.xai4j.core.explain.MethodRegistry;
import io.xai4j.graph.model.GraphModel;
import java.util.List;

/**
 * The graph methods found on the class path ({@link GraphMethod} providers), in the paper's order: the default set
 * is Pope et al.'s six (CG, EB, c-EB, CAM, Grad-CAM, Grad-CAM Avg); the official code's EB / c-EB
 * ({@link Pope2019ExcitationBackprop}, known-incorrect) run only when named.
 */
public final class GraphExplainers {

    private static final MethodRegistry<GraphMethod> REGISTRY = MethodRegistry.load("graph", GraphMethod.class);

    private GraphExplainers() {}

    public static MethodRegistry<GraphMethod> registry() {
        return REGISTRY;
    }

    /** The default set, each built for {@code model} with {@code batchSize} graphs per batch. */
    public static List<GraphExplainer> pope2019(GraphModel model, int batchSize) {
        return REGISTRY.defaultNames().stream().map(n -> named(n, model, batchSize)).toList();
    }

    /** A method by name or alias (case-insensitive; '-', '_', ' ' and brackets ignored), built for {@code model}. */
    public static GraphExplainer named(String name, GraphModel model, int batchSize) {
        GraphMethod method = REGISTRY.get(name);
        REGISTRY.requireSupported(List.of(method.info().name()), model.offers(), "this graph model");
        return method.create(model, MethodOptions.defaults().withBatchSize(batchSize));
    }

    /** Fails, naming it and listing the methods, on the first name that is not a graph method. */
    public static void requireKnown(List<String> names) {
        REGISTRY.canonical(names);
    }
}

package io.xai4j.graph.explain;

import io.xai4j.core.explain.Capabilities;
import io.xai4j.core.explain.MethodInfo;
import io.xai4j.core.explain.MethodOptions;
import io.xai4j.core.explain.MethodProvider;
import io.xai4j.core.explain.Requirement;
import io.xai4j.graph.model.GraphModel;

/**
 * A registered graph explanation method. Each method's file carries one, annotated
 * {@code @AutoService(GraphMethod.class)}, which {@link GraphExplainers} finds on the class path.
 */
public interface GraphMethod extends MethodProvider<GraphModel, GraphExplainer> {

    /** The description of graph method {@code name}, pre-filled with what every graph method needs (a graph model) and reads (the batch size). */
    static MethodInfo.Builder describe(String name) {
        return MethodInfo.builder(name).optCapabilities(Capabilities.of(Requirement.GRAPH_MODEL)).optSettings(MethodOptions.Setting.BATCH_SIZE);
    }
}

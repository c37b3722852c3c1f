package io.xai4j.graph.explain;

import io.xai4j.core.explain.MethodProvider;
import io.xai4j.graph.model.GraphModel;

/**
 * A registered graph explanation method. Each method's file carries one, annotated
 * {@code @AutoService(GraphMethod.class)}, which {@link GraphExplainers} finds on the class path.
 */
public interface GraphMethod extends MethodProvider<GraphModel, GraphExplainer> {}

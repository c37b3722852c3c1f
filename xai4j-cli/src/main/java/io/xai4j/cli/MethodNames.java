package io.xai4j.cli;

import io.xai4j.core.explain.MethodOptions;
import io.xai4j.graph.explain.GraphExplainers;
import io.xai4j.vision.explain.Explainers;

/**
 * Publishes the registered image methods to picocli's help and defaults as system properties
 * ({@code ${sys:xai4j.image.methods}} and friends), so option descriptions and defaults list what the
 * registry holds without naming any method.
 */
public final class MethodNames {

    private MethodNames() {}

    /** Sets the properties once; cheap to call again. */
    public static void install() {
        System.setProperty("xai4j.image.methods", String.join(", ", Explainers.names()));
        System.setProperty("xai4j.image.default-methods", String.join(",", Explainers.defaults()));
        System.setProperty("xai4j.image.layer-methods", String.join(", ",
                Explainers.names().stream().filter(m -> Explainers.info(m).reads(MethodOptions.Setting.LAYER)).toList()));
        System.setProperty("xai4j.graph.methods", String.join(", ", GraphExplainers.registry().names()));
        System.setProperty("xai4j.graph.default-methods", String.join(",", GraphExplainers.registry().defaultNames()));
    }
}

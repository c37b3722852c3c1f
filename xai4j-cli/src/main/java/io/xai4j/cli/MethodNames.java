package io.xai4j.cli;

import io.xai4j.core.explain.MethodOptions;
import io.xai4j.graph.explain.GraphExplainers;
import io.xai4j.vision.explain.Explainers;
import io.xai4j.vision.model.ImageClassifier;
import java.nio.file.Path;
import java.util.List;

/**
 * Publishes the registered image methods to picocli's help and defaults as system properties
 * ({@code ${sys:xai4j.image.methods}} and friends), so option descriptions and defaults list what the
 * registry holds without naming any method (and the overlays' colour maps, {@code ${sys:xai4j.colormaps}}).
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
        System.setProperty("xai4j.colormaps", String.join(", ", io.xai4j.core.render.ColorMaps.names()));
    }

    /**
     * The methods of {@code methods} that {@code model} supports (see {@link Explainers#supported}); the others are
     * named in one line each, and none at all is an error naming the model.
     */
    static List<String> supported(List<String> methods, ImageClassifier model, Path modelPath) {
        return supported(methods, model, modelPath, MethodOptions.defaults());
    }

    /** As above, where a method that requires a file (--explainer, --prototypes) counts only when {@code options} give it. */
    static List<String> supported(List<String> methods, ImageClassifier model, Path modelPath, MethodOptions options) {
        List<String> supported = Explainers.supported(methods, model, options);
        if (supported.isEmpty()) {
            String why = String.join("; ", methods.stream().map(m -> m + " " + Explainers.whyNot(m, model, options)).toList());
            throw new IllegalArgumentException("none of the methods " + methods + " supports " + modelPath + " (" + why + "); methods that do: "
                    + String.join(", ", Explainers.supported(Explainers.names(), model, options)));
        }
        for (String m : methods) {
            if (!supported.contains(m)) {
                Console.info("skipped %s: it %s, which %s with these options does not have", m, Explainers.whyNot(m, model, options), modelPath);
            }
        }
        return supported;
    }
}

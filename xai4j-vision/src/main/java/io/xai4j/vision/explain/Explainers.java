package io.xai4j.vision.explain;

import io.xai4j.core.explain.Explainer;
import io.xai4j.core.explain.MethodInfo;
import io.xai4j.core.explain.MethodOptions;
import io.xai4j.core.explain.MethodRegistry;
import io.xai4j.vision.model.ImageClassifier;
import java.util.List;

/**
 * The image methods found on the class path ({@link ImageMethod} providers), in report order: what the CLI's
 * {@code --method}, {@code explain}, {@code evaluate}, {@code bench} and the reports read. A new method is one
 * file with a nested provider; nothing here changes.
 */
public final class Explainers {

    private static final MethodRegistry<ImageMethod> REGISTRY = MethodRegistry.load("image", ImageMethod.class);

    private Explainers() {}

    /** The registry itself. */
    public static MethodRegistry<ImageMethod> registry() {
        return REGISTRY;
    }

    /** Every image method's name in report order. */
    public static List<String> names() {
        return REGISTRY.names();
    }

    /** The default set ("every method": demo, evaluate without --method) in report order. */
    public static List<String> defaults() {
        return REGISTRY.defaultNames();
    }

    /** A method's description. */
    public static MethodInfo info(String name) {
        return REGISTRY.get(name).info();
    }

    /** Fails, naming it and listing the methods, on the first name that is not a method. */
    public static void requireKnown(List<String> names) {
        REGISTRY.canonical(names);
    }

    /** An explainer by name or alias. */
    public static Explainer create(String name, ImageClassifier model, MethodOptions options) {
        ImageMethod method = REGISTRY.get(name);
        REGISTRY.requireSupported(List.of(method.info().name()), model.offers(), "this model");
        REGISTRY.requireSettings(method.info().name(), options);
        return method.create(model, options);
    }

    /** As {@link #create(String, ImageClassifier, MethodOptions)} with {@code perturbations} (RISE's masks) and {@code seed}. */
    public static Explainer create(String name, ImageClassifier model, int perturbations, long seed) {
        return create(name, model, MethodOptions.defaults().withPerturbations(perturbations).withSeed(seed));
    }

    /** As above, reading {@code layer} (null: the feature layer) where the method reads a layer. */
    public static Explainer create(String name, ImageClassifier model, int perturbations, long seed, String layer) {
        return create(name, model, MethodOptions.defaults().withPerturbations(perturbations).withSeed(seed).withLayer(layer));
    }

    /** The methods of {@code names} that support this model, in the given order. */
    public static List<String> supported(List<String> names, ImageClassifier model) {
        return REGISTRY.supported(REGISTRY.canonical(names), model.offers());
    }

    /** The methods of {@code names} that support this model and have every setting they require in {@code options}, in the given order. */
    public static List<String> supported(List<String> names, ImageClassifier model, MethodOptions options) {
        return supported(names, model).stream().filter(n -> info(n).missingSettings(options).isEmpty()).toList();
    }

    /** What method {@code name} lacks to run on {@code model} with {@code options}, as "needs ..."; null when nothing. */
    public static String whyNot(String name, ImageClassifier model, MethodOptions options) {
        MethodInfo info = info(name);
        if (!info.capabilities().supports(model.offers())) {
            return info.capabilities().explainMissing(model.offers());
        }
        java.util.Set<MethodOptions.Setting> missing = info.missingSettings(options);
        return missing.isEmpty() ? null : "needs " + String.join(" and ", missing.stream().map(MethodOptions.Setting::option).toList());
    }
}

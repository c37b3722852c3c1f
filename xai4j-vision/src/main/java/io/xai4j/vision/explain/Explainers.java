package io.xai4j.vision.explain;

import io.xai4j.core.explain.Explainer;
import io.xai4j.vision.model.ImageClassifier;
import java.util.ArrayList;
import java.util.List;

/** Creates explainers by their short names, as the CLI and the evaluation bench do. */
public final class Explainers {

    /** Every image method, in report order. */
    public static final List<String> ALL = List.of("cam", "gradcam", "cgrad", "eb", "ceb", "rise");

    private Explainers() {}

    /** Fails, naming it and listing {@link #ALL}, on the first name that is not a method. */
    public static void requireKnown(List<String> names) {
        for (String name : names) {
            if (!ALL.contains(name)) {
                throw new IllegalArgumentException("unknown method '" + name + "'; methods are " + ALL);
            }
        }
    }

    /**
     * An explainer by name with default settings; {@code riseMasks} and {@code seed} apply to RISE.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static Explainer create(String name, ImageClassifier model, int riseMasks, long seed) {
        return create(name, model, riseMasks, seed, null);
    }

    /**
     * As {@link #create(String, ImageClassifier, int, long)}, with the layer whose maps Grad-CAM and EB / c-EB
     * read out ({@code null}: the model's feature layer, the last before the head); CAM, the contrastive
     * gradient and RISE have no layer to choose. Each {@link io.xai4j.core.explain.Attribution} records its layer.
     */
    public static Explainer create(String name, ImageClassifier model, int riseMasks, long seed, String layer) {
        return switch (name) {
            case "cam" -> Cam.of(model);
            case "gradcam" -> GradCam.builder().setModel(model).optLayer(layer).build();
            case "cgrad" -> ContrastiveGradient.of(model);
            case "eb" -> ExcitationBackprop.builder().setModel(model).optReadoutLayer(layer).build();
            case "ceb" -> ExcitationBackprop.builder().setModel(model).optReadoutLayer(layer).optContrastive(true).build();
            case "rise" -> Rise.builder().setModel(model).optNumMasks(riseMasks).optSeed(seed).build();
            default -> throw new IllegalArgumentException("unknown method '" + name + "'; methods are " + ALL);
        };
    }

    /**
     * The methods of {@code names} that support this model (EB/c-EB need the layer structure, CAM a linear head,
     * Grad-CAM a layer: a forward-only TorchScript export has none).
     */
    public static List<String> supported(List<String> names, ImageClassifier model) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            boolean ok = switch (n) {
                case "eb", "ceb" -> model.structure().isPresent();
                case "cam" -> model.linearHead().isPresent();
                case "gradcam" -> !model.layers().isEmpty();
                default -> true;
            };
            if (ok) {
                out.add(n);
            }
        }
        return out;
    }
}

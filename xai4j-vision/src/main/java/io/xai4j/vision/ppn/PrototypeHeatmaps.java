package io.xai4j.vision.ppn;

import ai.djl.ndarray.NDArray;
import com.google.auto.service.AutoService;
import io.xai4j.core.explain.Attribution;
import io.xai4j.core.explain.Capabilities;
import io.xai4j.core.explain.Explainer;
import io.xai4j.core.explain.MethodInfo;
import io.xai4j.core.explain.MethodOptions;
import io.xai4j.core.explain.Requirement;
import io.xai4j.core.explain.Targets;
import io.xai4j.vision.explain.ImageMethod;
import io.xai4j.vision.model.ImageClassifier;
import java.util.Map;

/**
 * The "where" of post-hoc part-prototypes (Tan, Zhou, Chen, ICML 2024, arXiv 2406.03421; docs/methods/posthoc-ppn.md#explanations) as an
 * {@link Explainer}: for target class c the map of the prototype of rank {@code rank} (0 = largest mean
 * contribution), H = X p̃_{c,rank}ᵀ at the feature layer, so every image metric scores it like any other method.
 * The raw map is signed (negative where the part counts against c), as CAM's sum before its ReLU.
 *
 * <p>Registered as the image method {@code ppn} (rank 0, on request only): it needs a prototype file fitted to the
 * model (a required setting: {@code --prototypes} of {@code xai4j explain} and {@code xai4j evaluate}).
 */
public final class PrototypeHeatmaps implements Explainer {

    private final ImageClassifier model;
    private final PostHocPrototypes prototypes;
    private final int rank;

    private PrototypeHeatmaps(ImageClassifier model, PostHocPrototypes prototypes, int rank) {
        prototypes.requireMatches(model);
        for (ClassPrototypes cp : prototypes.classes()) {
            if (rank < 0 || rank >= cp.size()) {
                throw new IllegalArgumentException("prototype rank " + rank + " must be in 0.." + (cp.size() - 1));
            }
        }
        this.model = model;
        this.prototypes = prototypes;
        this.rank = rank;
    }

    /** The heatmap of each target class's prototype of rank {@code rank}. */
    public static PrototypeHeatmaps of(ImageClassifier model, PostHocPrototypes prototypes, int rank) {
        return new PrototypeHeatmaps(model, prototypes, rank);
    }

    @Override
    public String name() {
        return "ppn-p" + rank;
    }

    @Override
    public int numClasses() {
        return model.numClasses();
    }

    @Override
    public Attribution explain(NDArray images, int[] targets) {
        ImageClassifier.requireInputShape(images, model.inputShape(), "the model's input size");
        int h = (int) images.getShape().get(2), w = (int) images.getShape().get(3);
        FeatureMaps f = FeatureMaps.of(model, images);
        float[] scores = new float[f.size()];
        int[] t = Targets.of(targets).resolve(f.logits());
        for (int b = 0; b < t.length; b++) {
            scores[b] = f.logits()[b][t[b]];
        }
        float[][][] raw = new float[f.size()][][];
        for (int b = 0; b < f.size(); b++) {
            double[] m = f.heatmap(b, prototypes.classes().get(t[b]).prototypes()[rank]);
            raw[b] = new float[f.height()][f.width()];
            for (int j = 0; j < m.length; j++) {
                raw[b][j / f.width()][j % f.width()] = (float) m[j];
            }
        }
        return Attribution.of(name(), raw, h, w, scores, t, model.featureLayer(),
                Map.of("rank", rank, "variant", prototypes.variant()));
    }

    /** The registry entry: the heatmap of each target class's first prototype (largest mean contribution). */
    @AutoService(ImageMethod.class)
    public static final class Method implements ImageMethod {
        @Override
        public MethodInfo info() {
            return MethodInfo.builder("ppn").optAliases("posthoc-ppn", "ppn-p0").setTitle("Post-hoc part-prototype (first)")
                    .setReference("Tan, Zhou, Chen, ICML 2024, arXiv 2406.03421").setFamily(MethodInfo.Family.LEARNED).setRank(90)
                    .optCapabilities(Capabilities.of(Requirement.FEATURE_LAYER, Requirement.LINEAR_HEAD))
                    .optSettings(MethodOptions.Setting.PROTOTYPES).optRequiredSettings(MethodOptions.Setting.PROTOTYPES).build();
        }

        @Override
        public Explainer create(ImageClassifier model, MethodOptions options) {
            return of(model, PostHocPrototypes.load(options.prototypes()), 0);
        }
    }
}

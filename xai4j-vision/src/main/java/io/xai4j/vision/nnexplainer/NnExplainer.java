package io.xai4j.vision.nnexplainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import com.google.auto.service.AutoService;
import io.xai4j.core.explain.Attribution;
import io.xai4j.core.explain.Capabilities;
import io.xai4j.core.explain.Explainer;
import io.xai4j.core.explain.MethodInfo;
import io.xai4j.core.explain.MethodOptions;
import io.xai4j.core.explain.Targets;
import io.xai4j.core.runtime.Tensors;
import io.xai4j.vision.explain.ImageMethod;
import io.xai4j.vision.model.ImageClassifier;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * NN-Explainer (Stalder et al., "What You See is What You Classify: Black Box Attributions", NeurIPS 2022,
 * arXiv 2205.11266): a trained {@link CompactUNet} gives, in one forward pass, one mask logit map per class; the map
 * of class t is σ(S_t) at input resolution. The attribution of a target class is that mask as it is: already in [0,1],
 * it is not min–max normalised (which would change its meaning), so {@code raw} and {@code maps} hold the same values.
 * Deviation from the official code: a U-Net trained from scratch instead of a pretrained DeepLabV3-ResNet50
 * (docs/methods/nn-explainer.md).
 */
public final class NnExplainer implements Explainer {

    static final String NAME = "nnexplainer";

    private final ImageClassifier classifier;
    private final CompactUNet network;
    private final String file;

    /** An explainer of {@code classifier} with a trained network (its classes must be the classifier's). */
    public NnExplainer(ImageClassifier classifier, CompactUNet network, String file) {
        if (network.numClasses() != classifier.numClasses()) {
            throw new IllegalArgumentException("the explainer " + file + " has " + network.numClasses() + " mask classes, the classifier "
                    + classifier.numClasses());
        }
        this.classifier = classifier;
        this.network = network;
        this.file = file;
    }

    /**
     * Loads a trained explainer file for {@code classifier} (into a manager below the classifier's, released with it).
     *
     * @throws IllegalArgumentException when the file explains other classes or another input size
     */
    public static NnExplainer load(Path file, ImageClassifier classifier) {
        NnExplainerFile.Header header = NnExplainerFile.readHeader(file);
        if (!header.classNames().equals(classifier.classNames())) {
            throw new IllegalArgumentException("explainer file " + file + " was trained for classes " + header.classNames()
                    + ", the model has " + classifier.classNames());
        }
        if (!Arrays.equals(header.inputShape(), classifier.inputShape())) {
            throw new IllegalArgumentException("explainer file " + file + " was trained on inputs " + Arrays.toString(header.inputShape())
                    + ", the model takes " + Arrays.toString(classifier.inputShape()));
        }
        NnExplainerFile.Loaded loaded = NnExplainerFile.load(file, classifier.manager());
        loaded.extraArrays().close();
        return new NnExplainer(classifier, loaded.network(), file.getFileName().toString());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int numClasses() {
        return classifier.numClasses();
    }

    /** The network. */
    public CompactUNet network() {
        return network;
    }

    @Override
    public Attribution explain(NDArray images, int[] targets) {
        ImageClassifier.requireInputShape(images, classifier.inputShape(), "the model's input size");
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            float[][] scores = Tensors.toArray2(classifier.logitsForGradient(images));
            int[] t = Targets.of(targets).resolve(scores);
            NDArray y = Tensors.oneHot(images.getManager(), t, classifier.numClasses());
            float[][][] raw = Tensors.toArray3(NnExplainerLoss.targetMask(network.forward(images, false), y));
            float[][][] maps = new float[raw.length][][];
            boolean[] degenerate = new boolean[raw.length];
            for (int b = 0; b < raw.length; b++) {
                maps[b] = new float[raw[b].length][];
                for (int i = 0; i < raw[b].length; i++) {
                    maps[b][i] = raw[b][i].clone();
                    for (float v : raw[b][i]) {
                        degenerate[b] |= !Float.isFinite(v);
                    }
                }
            }
            return new Attribution(NAME, raw, maps, Targets.scoresOf(scores, t), t, null, degenerate,
                    Map.of("explainer", file, "levels", network.levels(), "baseWidth", network.baseWidth()), scores);
        }
    }

    /** Every class's mask σ(S) [B][C][H][W] of normalised images [B,3,H,W] (the per-class output of the network). */
    public float[][][][] classMasks(NDArray images) {
        ImageClassifier.requireInputShape(images, classifier.inputShape(), "the model's input size");
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray s = Activation.sigmoid(network.forward(images, false));
            Shape shape = s.getShape();
            int b = (int) shape.get(0), c = (int) shape.get(1), h = (int) shape.get(2), w = (int) shape.get(3);
            float[] flat = s.toFloatArray();
            float[][][][] out = new float[b][c][h][w];
            for (int i = 0; i < b; i++) {
                for (int k = 0; k < c; k++) {
                    for (int r = 0; r < h; r++) {
                        System.arraycopy(flat, ((i * c + k) * h + r) * w, out[i][k][r], 0, w);
                    }
                }
            }
            return out;
        }
    }

    /** Registry entry: built from the file given with {@code --explainer}; never in the default set. */
    @AutoService(ImageMethod.class)
    public static final class Method implements ImageMethod {
        @Override
        public MethodInfo info() {
            return MethodInfo.builder(NAME).setTitle("NN-Explainer").setReference("Stalder et al., NeurIPS 2022, arXiv 2205.11266")
                    .setFamily(MethodInfo.Family.LEARNED).setRank(80).optCapabilities(Capabilities.of())
                    .optSettings(MethodOptions.Setting.EXPLAINER_FILE).optRequiredSettings(MethodOptions.Setting.EXPLAINER_FILE)
                    .optAliases("nn-explainer").build();
        }

        @Override
        public Explainer create(ImageClassifier model, MethodOptions options) {
            if (options.explainerFile() == null) {
                throw new IllegalArgumentException(NAME + " needs " + MethodOptions.Setting.EXPLAINER_FILE.option() + " (a trained explainer file)");
            }
            return load(Path.of(options.explainerFile()), model);
        }
    }
}

package io.xai4j.vision.pipnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.xai4j.core.runtime.Tensors;
import io.xai4j.vision.data.Normalization;
import io.xai4j.vision.model.Conv2d;
import io.xai4j.vision.model.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PIP-Net: Patch-based Intuitive Prototypes (M. Nauta, J. Schlötterer, M. van Keulen, C. Seifert,
 * CVPR 2023; official code M-Nauta/PIPNet {@code pipnet/pipnet.py}); docs/methods/pipnet.md#model,
 * #inference-and-abstention.
 *
 * <pre>
 * f = backbone(x)                    [B,C,H,W]
 * f = conv1x1(f) if addOnConv         [B,D,H,W]
 * z = softmax over the channel axis   every cell sums to 1; channel d is prototype d
 * p = max over (h,w) of z             presences in [0,1]
 * p[p &lt; 0.1] = 0                     inference only
 * o = p · relu(W)ᵀ (+ bias)           the scoring sheet, W is [K,D]
 * </pre>
 *
 * The prediction is argmax o; an image whose scores are all 0 abstains ("not seen before", label −1).
 * Inference methods ({@link #predict}, {@link #latent}) never change the model (docs/methods/pipnet.md#deviations-from-the-official-code).
 */
public final class PipNet implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PipNet.class);

    /** Presences below this are set to 0 at inference (docs/methods/pipnet.md#model, #inference-and-abstention). */
    public static final float PRESENCE_THRESHOLD = 0.1f;

    /** A weight or contribution above this counts (docs/methods/pipnet.md#scoring-sheet, #metrics). */
    public static final float RELEVANCE_THRESHOLD = 1e-3f;

    private final NDManager manager;
    private final PipNetBackbone backbone;
    private final Conv2d addOn;
    private final NDArray weight;
    private final NDArray bias;
    private final PipNetArchitecture architecture;
    private final List<String> classNames;
    private final Normalization normalization;

    private PipNet(NDManager manager, PipNetBackbone backbone, Conv2d addOn, NDArray weight, NDArray bias,
            PipNetArchitecture architecture, List<String> classNames, Normalization normalization) {
        this.manager = manager;
        this.backbone = backbone;
        this.addOn = addOn;
        this.weight = weight;
        this.bias = bias;
        this.architecture = architecture;
        this.classNames = List.copyOf(classNames);
        this.normalization = normalization;
    }

    /**
     * A freshly initialised PIP-Net head on {@code backbone} (docs/methods/pipnet.md#model): W ~ N(1, 0.1) i.i.d.; the add-on conv,
     * if any, Xavier-uniform (gain 1) with bias uniform in ±1/√C; bias 0. Seeded.
     *
     * @param manager owns the head's parameters; the model closes it and the backbone
     */
    public static PipNet create(NDManager manager, PipNetBackbone backbone, PipNetArchitecture architecture,
            List<String> classNames, Normalization normalization, long seed) {
        int c = backbone.channels(), d = architecture.prototypes(), k = classNames.size();
        if (!architecture.addOnConv() && c != d) {
            throw new IllegalArgumentException("the backbone has " + c + " channels but " + d
                    + " prototypes were asked for; use addOnConv to map C to D");
        }
        if (architecture.bias()) {
            LOG.warn("PIP-Net with a classification bias: an image can no longer abstain (scores are never all 0)");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        Conv2d addOn = null;
        if (architecture.addOnConv()) {
            double xavier = Math.sqrt(6.0 / (c + d));
            double biasBound = 1.0 / Math.sqrt(c);
            NDArray w = manager.create(uniform(rng, d * c, xavier), new Shape(d, c, 1, 1));
            NDArray b = manager.create(uniform(rng, d, biasBound), new Shape(d));
            addOn = new Conv2d("addOn", w, b, 1, 0, 1, 1);
        }
        float[] w = new float[k * d];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (1.0 + 0.1 * gaussian(rng));
        }
        NDArray weight = manager.create(w, new Shape(k, d));
        NDArray bias = architecture.bias() ? manager.zeros(new Shape(k)) : null;
        return new PipNet(manager, backbone, addOn, weight, bias, architecture, classNames, normalization);
    }

    /** The outputs of one forward pass, unclamped (training and OOD scoring). */
    public record Forward(NDArray latent, NDArray presence, NDArray scores) {}

    /**
     * Forward pass without the 0.1 clamp. With {@code training} BatchNorm uses batch statistics (the
     * training step); gradients are recorded inside {@link io.xai4j.core.runtime.Autograd#run}.
     */
    public Forward forward(NDArray images, boolean training) {
        Shape in = images.getShape();
        if (in.dimension() != 4 || in.get(1) != 3 || in.get(2) != imageSize() || in.get(3) != imageSize()) {
            throw new IllegalArgumentException("expected images [B,3," + imageSize() + "," + imageSize() + "] (PIP-Net's input size S; "
                    + "PipNetInputs.batch resizes and normalises), got " + in);
        }
        NDArray f = backbone.forward(images, training);
        if (addOn != null) {
            f = addOn.forward(f, training);
        }
        NDArray z = f.softmax(1);
        Shape s = z.getShape();
        NDArray p = z.reshape(s.get(0), s.get(1), -1).max(new int[] {2});
        return new Forward(z, p, score(p));
    }

    /** o = p · relu(W)ᵀ (+ bias). */
    NDArray score(NDArray presence) {
        NDArray o = presence.matMul(Activation.relu(weight).transpose());
        return bias == null ? o : o.add(bias);
    }

    /**
     * Inference on a batch (docs/methods/pipnet.md#inference-and-abstention): clamped presences, raw class scores, prediction (−1 when abstaining),
     * and the unclamped scores used by the OOD thresholds (docs/methods/pipnet.md#ood-detection). Eval-mode BatchNorm; no tape; the
     * model is not changed.
     */
    public Prediction predict(NDArray images) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            Forward f = forward(images, false);
            float[][] unclampedPresence = Tensors.toArray2(f.presence());
            float[][] unclampedScores = Tensors.toArray2(f.scores());
            NDArray pc = f.presence().mul(f.presence().gte(PRESENCE_THRESHOLD));
            float[][] scores = Tensors.toArray2(score(pc));
            float[][] presence = Tensors.toArray2(pc);
            return Prediction.of(presence, scores, unclampedPresence, unclampedScores);
        }
    }

    /** The prototype maps z [B][D][H][W] in inference mode (for boxes and heatmaps, docs/methods/pipnet.md#patches-and-heat-maps). */
    public float[][][][] latent(NDArray images) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray z = forward(images, false).latent();
            Shape s = z.getShape();
            int b = (int) s.get(0), d = (int) s.get(1), h = (int) s.get(2), w = (int) s.get(3);
            float[] flat = z.toFloatArray();
            float[][][][] out = new float[b][d][h][w];
            for (int i = 0; i < b; i++) {
                for (int j = 0; j < d; j++) {
                    for (int y = 0; y < h; y++) {
                        System.arraycopy(flat, ((i * d + j) * h + y) * w, out[i][j][y], 0, w);
                    }
                }
            }
            return out;
        }
    }

    /**
     * The per-step weight shrink of phase 2 (docs/methods/pipnet.md#phases): W ← max(W − 0.001, 0), bias ← max(bias, 0). Training
     * only; evaluation never calls it (docs/methods/pipnet.md#deviations-from-the-official-code).
     */
    public void shrinkClassifier() {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            Tensors.copyInto(weight.sub(RELEVANCE_THRESHOLD).maximum(0f), weight);
            if (bias != null) {
                Tensors.copyInto(bias.maximum(0f), bias);
            }
        }
    }

    /** Sets column W[:, d] to 0 for each listed prototype (finalisation pruning, docs/methods/pipnet.md#phases). */
    public void prunePrototypes(int[] prototypes) {
        float[][] w = weights();
        for (int d : prototypes) {
            for (float[] row : w) {
                row[d] = 0f;
            }
        }
        setWeights(w);
    }

    /** The scoring-sheet weights W [K][D] (a copy). */
    public float[][] weights() {
        return Tensors.toArray2(weight);
    }

    /** Replaces W (same shape). */
    public void setWeights(float[][] w) {
        try (NDArray a = Tensors.fromArray2(manager, w)) {
            Tensors.copyInto(a, weight);
        }
    }

    /** The bias [K], or zeros when there is none. */
    public float[] bias() {
        return bias == null ? new float[classNames.size()] : bias.toFloatArray();
    }

    /** Whether the scoring sheet has a bias. */
    public boolean hasBias() {
        return bias != null;
    }

    /** Prototypes that are relevant, max_c W[c,d] &gt; 1e-3 (docs/methods/pipnet.md#scoring-sheet). */
    public int[] relevantPrototypes() {
        float[][] w = weights();
        List<Integer> out = new ArrayList<>();
        for (int d = 0; d < w[0].length; d++) {
            float max = Float.NEGATIVE_INFINITY;
            for (float[] row : w) {
                max = Math.max(max, row[d]);
            }
            if (max > RELEVANCE_THRESHOLD) {
                out.add(d);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    public PipNetBackbone backbone() {
        return backbone;
    }

    public PipNetArchitecture architecture() {
        return architecture;
    }

    /** D. */
    public int numPrototypes() {
        return architecture.prototypes();
    }

    public List<String> classNames() {
        return classNames;
    }

    public int numClasses() {
        return classNames.size();
    }

    public int imageSize() {
        return architecture.imageSize();
    }

    /** Input normalisation (ImageNet statistics by default, docs/methods/pipnet.md#augmentation). */
    public Normalization normalization() {
        return normalization;
    }

    /** The manager of the head's parameters. */
    public NDManager manager() {
        return manager;
    }

    /** Add-on conv parameters (empty without add-on). */
    public List<Parameter> addOnParameters() {
        return addOn == null ? List.of() : addOn.parameters();
    }

    /** Scoring-sheet parameters: W (named "classifier.weight") and the bias if any. */
    public List<Parameter> classifierParameters() {
        List<Parameter> p = new ArrayList<>();
        p.add(new Parameter("classifier.weight", weight, true, false));
        if (bias != null) {
            p.add(new Parameter("classifier.bias", bias, true, false));
        }
        return p;
    }

    /** Every array of the model (backbone state, add-on, classifier), in a fixed order, for checkpoints. */
    public List<Parameter> state() {
        List<Parameter> all = new ArrayList<>();
        for (Parameter p : backbone.state()) {
            all.add(new Parameter("backbone." + p.name(), p.array(), p.trainable(), p.decay()));
        }
        all.addAll(addOnParameters());
        all.addAll(classifierParameters());
        return all;
    }

    @Override
    public void close() {
        backbone.close();
        manager.close();
    }

    private static float[] uniform(SplittableRandom rng, int n, double bound) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
        }
        return v;
    }

    private static double gaussian(SplittableRandom rng) {
        double u1 = rng.nextDouble(), u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}

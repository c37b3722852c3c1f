package io.xai4j.vision.explain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import io.xai4j.core.explain.Attribution;
import com.google.auto.service.AutoService;
import io.xai4j.core.explain.Capabilities;
import io.xai4j.core.explain.MethodInfo;
import io.xai4j.core.explain.MethodOptions;
import io.xai4j.core.explain.Explainer;
import io.xai4j.core.explain.MapOps;
import io.xai4j.core.model.Classifier;
import io.xai4j.core.runtime.Tensors;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RISE (Petsiuk et al., "RISE: Randomized Input Sampling for Explanation of Black-box Models", BMVC
 * 2018, arXiv 1806.07421), docs/methods/rise.md#method: S_t = 1/(N·p) Σ_i score(f(x ⊙ M_i))[t] · M_i over N
 * random masks, each a bilinearly upsampled s×s binary grid (cells kept with probability p) randomly
 * shifted by less than one cell.
 *
 * <p>The masks depend only on the seed and are the same for every image of a run; they are generated
 * chunk by chunk from one RNG (grid bits row-major, then the two shifts), never all at once. Works on
 * any {@link Classifier}, TorchScript included.
 */
public final class Rise implements Explainer {

    private static final Logger LOG = LoggerFactory.getLogger(Rise.class);

    /** How class scores are obtained from logits. */
    public enum ScoreFunction {
        SOFTMAX,
        SIGMOID
    }

    private final Classifier model;
    private final int numMasks;
    private final int gridSize;
    private final double keepProbability;
    private final long seed;
    private final int batchSize;
    private final ScoreFunction scoreFunction;
    private final boolean torchrayNormalisation;

    private Rise(Builder b) {
        this.model = b.model;
        this.numMasks = b.numMasks;
        this.gridSize = b.gridSize;
        this.keepProbability = b.keepProbability;
        this.seed = b.seed;
        this.batchSize = b.batchSize;
        this.scoreFunction = b.scoreFunction;
        this.torchrayNormalisation = b.torchrayNormalisation;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "rise";
    }

    @Override
    public int numClasses() {
        return model.numClasses();
    }

    @Override
    public Attribution explain(NDArray images, int[] targets) {
        Targets.checkImages(images);
        float[][] logits = logitsOf(images);
        int[] t = Targets.resolve(targets, logits);
        int[][] classes = new int[t.length][];
        for (int b = 0; b < t.length; b++) {
            classes[b] = new int[] {t[b]};
        }
        float[][][][] raw = saliency(images, classes);
        float[][][] maps = new float[t.length][][];
        for (int b = 0; b < t.length; b++) {
            maps[b] = raw[b][0];
        }
        return attribution(images, maps, logits, t);
    }

    /**
     * For {@link io.xai4j.core.explain.Targets#allClasses()}, every class's map of each image from one set of masked
     * forward passes (the default tiles the batch once per class and samples the masks C times): the same masks and
     * scores, so the same rows as the default layout, class-major (row c·B + b explains class c of image b, with image
     * b's logits).
     */
    @Override
    public Attribution explain(NDArray images, io.xai4j.core.explain.Targets targets) {
        if (!targets.isAllClasses()) {
            return explain(images, targets.explicit());
        }
        Targets.checkImages(images);
        float[][] logits = logitsOf(images);
        int batch = logits.length, c = logits[0].length;
        int[][] classes = new int[batch][];
        for (int b = 0; b < batch; b++) {
            classes[b] = IntStream.range(0, c).toArray();
        }
        float[][][][] raw = saliency(images, classes);
        float[][][] maps = new float[c * batch][][];
        float[][] rowLogits = new float[c * batch][];
        for (int k = 0; k < c; k++) {
            for (int b = 0; b < batch; b++) {
                maps[k * batch + b] = raw[b][k];
                rowLogits[k * batch + b] = logits[b];
            }
        }
        return attribution(images, maps, rowLogits, io.xai4j.core.explain.Targets.expand(batch, c));
    }

    private float[][] logitsOf(NDArray images) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            return Tensors.toArray2(model.logits(images));
        }
    }

    /** The normalised saliency [B][classes of b][H][W] of each image for each of its {@code classes[b]}, one mask set. */
    private float[][][][] saliency(NDArray images, int[][] classes) {
        Shape shape = images.getShape();
        int batch = (int) shape.get(0), h = (int) shape.get(2), w = (int) shape.get(3);
        NDManager manager = images.getManager();
        double[][][] saliency = new double[batch][][];
        for (int b = 0; b < batch; b++) {
            saliency[b] = new double[classes[b].length][h * w];
        }
        MaskSampler sampler = new MaskSampler(h, w);
        long start = System.nanoTime();
        for (int done = 0; done < numMasks; done += batchSize) {
            int n = Math.min(batchSize, numMasks - done);
            float[] masks = sampler.next(n);
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray m = manager.create(masks, new Shape(n, 1, h, w));
                for (int b = 0; b < batch; b++) {
                    // one image's n masked copies and their activations at a time: a scope over the whole batch kept
                    // batch × n images' activations alive (1.5 GB of the demo's peak for 16 images × 64 masks at 64 px)
                    try (NDScope perImage = new NDScope()) {
                        perImage.suppressNotUsedWarning();
                        NDArray masked = images.get(b).expandDims(0).mul(m);
                        float[][] p = probabilities(model.logits(masked));
                        for (int k = 0; k < classes[b].length; k++) {
                            accumulate(saliency[b][k], p, classes[b][k], masks, h * w);
                        }
                    }
                }
            }
            if (LOG.isDebugEnabled()) {
                double perMask = (System.nanoTime() - start) / 1e9 / (done + n);
                LOG.debug("RISE {}/{} masks, ETA {} s", done + n, numMasks, String.format("%.1f", perMask * (numMasks - done - n)));
            }
        }
        double norm = torchrayNormalisation ? numMasks : numMasks * keepProbability;
        float[][][][] raw = new float[batch][][][];
        for (int b = 0; b < batch; b++) {
            raw[b] = new float[classes[b].length][h][w];
            for (int k = 0; k < classes[b].length; k++) {
                for (int i = 0; i < h * w; i++) {
                    raw[b][k][i / w][i % w] = (float) (saliency[b][k][i] / norm);
                }
            }
        }
        return raw;
    }

    private Attribution attribution(NDArray images, float[][][] raw, float[][] logits, int[] t) {
        Shape shape = images.getShape();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("numMasks", numMasks);
        meta.put("gridSize", gridSize);
        meta.put("keepProbability", keepProbability);
        meta.put("seed", seed);
        meta.put("channels", (int) shape.get(1));
        meta.put("normalisation", torchrayNormalisation ? "N (TorchRay)" : "N·p");
        return Attribution.of(name(), raw, (int) shape.get(2), (int) shape.get(3), logits, t, null, meta);
    }

    private float[][] probabilities(NDArray logits) {
        float[][] l = Tensors.toArray2(logits);
        return scoreFunction == ScoreFunction.SOFTMAX ? Tensors.softmax(l) : sigmoid(l);
    }

    private static float[][] sigmoid(float[][] l) {
        float[][] out = new float[l.length][];
        for (int i = 0; i < l.length; i++) {
            out[i] = new float[l[i].length];
            for (int c = 0; c < l[i].length; c++) {
                out[i][c] = (float) (1 / (1 + Math.exp(-l[i][c])));
            }
        }
        return out;
    }

    private static void accumulate(double[] saliency, float[][] p, int target, float[] masks, int pixels) {
        for (int i = 0; i < p.length; i++) {
            double s = p[i][target];
            int off = i * pixels;
            for (int j = 0; j < pixels; j++) {
                saliency[j] += s * masks[off + j];
            }
        }
    }

    /** Generates the run's masks in order from one seeded RNG. */
    final class MaskSampler {
        private final SplittableRandom rng = new SplittableRandom(seed);
        private final int h;
        private final int w;
        private final int cellH;
        private final int cellW;

        MaskSampler(int h, int w) {
            this.h = h;
            this.w = w;
            this.cellH = (h + gridSize - 1) / gridSize;
            this.cellW = (w + gridSize - 1) / gridSize;
        }

        /** The next {@code n} masks, [n][H·W] row-major, values in [0,1]. */
        float[] next(int n) {
            float[] out = new float[n * h * w];
            int upH = (gridSize + 1) * cellH, upW = (gridSize + 1) * cellW;
            for (int i = 0; i < n; i++) {
                float[][] grid = new float[gridSize][gridSize];
                for (int y = 0; y < gridSize; y++) {
                    for (int x = 0; x < gridSize; x++) {
                        grid[y][x] = rng.nextDouble() < keepProbability ? 1f : 0f;
                    }
                }
                int dy = rng.nextInt(cellH), dx = rng.nextInt(cellW);
                float[][] up = MapOps.upsampleBilinear(grid, upH, upW);
                for (int y = 0; y < h; y++) {
                    System.arraycopy(up[y + dy], dx, out, (i * h + y) * w, w);
                }
            }
            return out;
        }
    }

    /** Builder: {@code setModel} required; defaults N = 4000, s = 7, p = 0.5, seed 0, batch 64, softmax, normalisation by N·p. */
    public static final class Builder {
        private Classifier model;
        private int numMasks = 4000;
        private int gridSize = 7;
        private double keepProbability = 0.5;
        private long seed;
        private int batchSize = 64;
        private ScoreFunction scoreFunction = ScoreFunction.SOFTMAX;
        private boolean torchrayNormalisation;

        public Builder setModel(Classifier model) {
            this.model = model;
            return this;
        }

        public Builder optNumMasks(int n) {
            this.numMasks = n;
            return this;
        }

        public Builder optGridSize(int s) {
            this.gridSize = s;
            return this;
        }

        public Builder optKeepProbability(double p) {
            this.keepProbability = p;
            return this;
        }

        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder optBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        public Builder optScoreFunction(ScoreFunction f) {
            this.scoreFunction = f;
            return this;
        }

        /**
         * Divide the accumulated saliency by N only, as TorchRay's {@code rise.py} does, instead of the paper's N·p
         * (docs/methods/rise.md#defaults; TorchRay also scores with {@link ScoreFunction#SIGMOID}). Changes {@code raw} by the
         * factor p, not the min–max normalised maps.
         */
        public Builder optTorchrayNormalisation(boolean torchray) {
            this.torchrayNormalisation = torchray;
            return this;
        }

        public Rise build() {
            if (model == null) {
                throw new IllegalStateException("Rise needs a model: call setModel");
            }
            if (numMasks < 1 || gridSize < 1 || batchSize < 1 || !(keepProbability > 0 && keepProbability <= 1)) {
                throw new IllegalArgumentException("RISE needs numMasks, gridSize, batchSize >= 1 and 0 < p <= 1");
            }
            return new Rise(this);
        }
    }

    /** Registry entry: N = {@link MethodOptions#perturbations()} masks from {@link MethodOptions#seed()}, other settings as the builder's. */
    @AutoService(ImageMethod.class)
    public static final class Method implements ImageMethod {
        @Override
        public MethodInfo info() {
            return MethodInfo.builder("rise").setTitle("RISE").setReference("Petsiuk et al., BMVC 2018, arXiv 1806.07421")
                    .setFamily(MethodInfo.Family.PERTURBATION).setRank(60)
                    .optCapabilities(Capabilities.seeded())
                    .optSettings(MethodOptions.Setting.SEED, MethodOptions.Setting.PERTURBATIONS).build();
        }

        @Override
        public Explainer create(io.xai4j.vision.model.ImageClassifier model, MethodOptions options) {
            return builder().setModel(model).optNumMasks(options.perturbations()).optSeed(options.seed()).build();
        }
    }
}

package io.xai4j.vision.ppn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.xai4j.core.runtime.ProgressBars;
import io.xai4j.vision.data.ImageDataset;
import io.xai4j.vision.data.Normalization;
import io.xai4j.vision.model.ImageClassifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import me.tongfei.progressbar.ProgressBar;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits post-hoc part-prototypes to a trained black box (Tan, Zhou, Chen, ICML 2024, arXiv 2406.03421;
 * docs/methods/posthoc-ppn.md#fitting), per class in float64 on the CPU, without changing the model:
 * <ol>
 *   <li>features X ≥ 0 of at most nMax seeded training images of the class (test transform), stacked into V;</li>
 *   <li>NMF V ≈ E·P ({@link Nmf}, seed + c), rows of P normalised;</li>
 *   <li>α by least squares, (P Pᵀ) α = P v_c (LU, or the SVD pseudo-inverse when cond(P Pᵀ) &gt; 1e12; Commons Math);</li>
 *   <li>β on the simplex by Nelder–Mead ({@link SimplexWeights}), maximising the mean Pearson correlation of the
 *       refined heatmaps α_i a_i + β_i q with the NMF part maps E_i over at most nObj images;</li>
 *   <li>p̃_i = α_i p_i + β_i r, the last closing the sum to v_c exactly ({@link ExactSum}); ordered by mean
 *       contribution.</li>
 * </ol>
 * The paper confirms steps 1–3, the residual distribution and a Nelder–Mead step, but not what Nelder–Mead
 * optimises: the β form, its objective, the background component and the caps are this project's design
 * (docs/methods/posthoc-ppn.md#deviations-and-own-design-choices).
 */
public final class PrototypeFitter {

    private static final Logger LOG = LoggerFactory.getLogger(PrototypeFitter.class);

    private final ImageClassifier model;
    private final ImageDataset data;
    private final Normalization normalization;
    private final FitSettings settings;
    private final PostHocPrototypes.BlackBox blackBox;
    private final int batchSize;
    private final boolean progress;

    private PrototypeFitter(Builder b) {
        this.model = b.model;
        this.data = b.data;
        this.normalization = b.normalization;
        this.settings = b.settings;
        this.blackBox = b.blackBox;
        this.batchSize = b.batchSize;
        this.progress = b.progress;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Fits every class; the model is only read. */
    public PostHocPrototypes fit() {
        ImageClassifier.LinearHead head = model.linearHead().orElseThrow(() -> new UnsupportedOperationException(
                "post-hoc prototypes need global average pooling and one linear layer after '" + model.featureLayer()
                        + "' (TorchScript: export classifier_weight() and classifier_bias())"));
        FeatureMaps.requireNonNegativeLayer(model);
        int classes = model.numClasses();
        if (!data.classNames().equals(model.classNames())) {
            throw new IllegalArgumentException("the data's classes " + data.classNames() + " are not the model's " + model.classNames());
        }
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < data.size(); i++) {
            int y = data.label(i);
            if (y >= 0) {
                byClass.get(y).add(i);
            }
        }
        List<ClassPrototypes> fitted = new ArrayList<>();
        ProgressBar bar = progress ? ProgressBars.bar("ppn fit", classes) : null;
        try {
            for (int c = 0; c < classes; c++) {
                if (bar != null) {
                    bar.setExtraMessage("class " + data.classNames().get(c) + ": features");
                }
                fitted.add(fitClass(c, byClass.get(c), head, bar));
                if (bar != null) {
                    bar.step();
                }
            }
        } finally {
            if (bar != null) {
                bar.close();
            }
        }
        return new PostHocPrototypes(blackBox, model.classNames(), head.bias().clone(), head.weight()[0].length, List.copyOf(fitted),
                settings, "fitted");
    }

    private ClassPrototypes fitClass(int c, List<Integer> members, ImageClassifier.LinearHead head, ProgressBar bar) {
        long t0 = System.nanoTime();
        int[] order = members.stream().mapToInt(Integer::intValue).toArray();
        shuffle(order, new SplittableRandom(settings.seed() + c));
        List<float[]> kept = new ArrayList<>();
        int h = 0, w = 0, dim = 0;
        try (NDManager m = NDManager.newBaseManager()) {
            for (int from = 0; from < order.length && kept.size() < settings.maxImages(); from += batchSize) {
                int[] idx = Arrays.copyOfRange(order, from, Math.min(order.length, from + batchSize));
                FeatureMaps f;
                try (NDManager sub = m.newSubManager()) {
                    NDArray x = ImageDataset.batch(sub, data, idx, normalization);
                    f = FeatureMaps.of(model, x, settings.correctOnly()); // the logits only decide which images are correct
                }
                h = f.height();
                w = f.width();
                dim = f.dim();
                for (int b = 0; b < idx.length && kept.size() < settings.maxImages(); b++) {
                    if (!settings.correctOnly() || argmax(f.logits()[b]) == c) {
                        kept.add(f.cells()[b]);
                    }
                }
            }
        }
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("class " + model.classNames().get(c) + " has no " + (settings.correctOnly()
                    ? "correctly classified " : "") + "training image to fit prototypes on");
        }
        int n = kept.size(), cellsPer = h * w, rows = n * cellsPer, k = settings.components();
        double[] v = new double[rows * dim];
        for (int i = 0; i < n; i++) {
            float[] x = kept.get(i);
            for (int j = 0; j < x.length; j++) {
                v[i * x.length + j] = x[j];
            }
        }
        if (bar != null) {
            bar.setExtraMessage("class " + model.classNames().get(c) + ": NMF of " + rows + "×" + dim);
        }
        long t1 = System.nanoTime();
        Nmf.Result nmf = Nmf.fit(v, rows, dim, k, settings.seed() + c, settings.maxIterations(), settings.tolerance());
        double[] vc = new double[dim];
        for (int d = 0; d < dim; d++) {
            vc[d] = head.weight()[c][d];
        }
        double[] alpha = scaling(nmf.p(), vc);
        double[] r = vc.clone();
        for (int i = 0; i < k; i++) {
            for (int d = 0; d < dim; d++) {
                r[d] -= alpha[i] * nmf.p()[i][d];
            }
        }
        int background = settings.background() ? backgroundComponent(nmf.e(), n, h, w, k) : -1;
        if (bar != null) {
            bar.setExtraMessage("class " + model.classNames().get(c) + ": Nelder–Mead");
        }
        long t2 = System.nanoTime();
        SimplexWeights.Result beta = residualWeights(nmf, kept, dim, cellsPer, alpha, r, c);
        LOG.debug("class {}: features {} s, NMF {} s ({} iterations), Nelder–Mead {} s", c, seconds(t0, t1), seconds(t1, t2), nmf.iterations(),
                seconds(t2, System.nanoTime()));
        double[][] rows64 = new double[k][dim];
        for (int i = 0; i < k; i++) {
            for (int d = 0; d < dim; d++) {
                rows64[i][d] = alpha[i] * nmf.p()[i][d] + beta.beta()[i] * r[d];
            }
        }
        float[][] prototypes = ExactSum.close(rows64, vc);
        double[] colMean = new double[dim];
        for (int row = 0; row < rows; row++) {
            for (int d = 0; d < dim; d++) {
                colMean[d] += v[row * dim + d];
            }
        }
        double[] mean = new double[k];
        for (int i = 0; i < k; i++) {
            for (int d = 0; d < dim; d++) {
                mean[i] += colMean[d] / rows * prototypes[i][d];
            }
        }
        Integer[] rank = new Integer[k];
        for (int i = 0; i < k; i++) {
            rank[i] = i;
        }
        Arrays.sort(rank, (a, b) -> Double.compare(mean[b], mean[a]));
        float[][] p = new float[k][];
        double[] a = new double[k], bt = new double[k], mc = new double[k];
        int bg = -1;
        for (int i = 0; i < k; i++) {
            p[i] = prototypes[rank[i]];
            a[i] = alpha[rank[i]];
            bt[i] = beta.beta()[rank[i]];
            mc[i] = mean[rank[i]];
            bg = rank[i] == background ? i : bg;
        }
        return new ClassPrototypes(c, p, a, bt, r, nmf.relativeError(), bg, mc, n, nmf.iterations(), beta.converged());
    }

    private static String seconds(long from, long to) {
        return String.format(java.util.Locale.ROOT, "%.2f", (to - from) / 1e9);
    }

    /**
     * α = argmin ||v − Σ α_i p_i||²: (P Pᵀ) α = P v, with the SVD pseudo-inverse when cond(P Pᵀ) &gt; 1e12
     * (docs/methods/posthoc-ppn.md#scaling).
     */
    static double[] scaling(double[][] p, double[] v) {
        RealMatrix pm = new Array2DRowRealMatrix(p, false);
        RealMatrix gram = pm.multiply(pm.transpose());
        SingularValueDecomposition svd = new SingularValueDecomposition(gram);
        DecompositionSolver solver = svd.getConditionNumber() > 1e12 ? svd.getSolver() : new LUDecomposition(gram).getSolver();
        return solver.solve(pm.operate(new ArrayRealVector(v, false))).toArray();
    }

    /**
     * The component with the highest border ratio (mean of E_i on the outer ring of cells / on the inner cells),
     * docs/methods/posthoc-ppn.md#background-component.
     */
    static int backgroundComponent(double[] e, int images, int h, int w, int k) {
        double[] ratio = new double[k];
        for (int img = 0; img < images; img++) {
            for (int i = 0; i < k; i++) {
                double border = 0, inner = 0;
                int nb = 0, ni = 0;
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        double val = e[((img * h + y) * w + x) * k + i];
                        if (y == 0 || x == 0 || y == h - 1 || x == w - 1) {
                            border += val;
                            nb++;
                        } else {
                            inner += val;
                            ni++;
                        }
                    }
                }
                double mb = border / Math.max(1, nb), mi = ni == 0 ? 0 : inner / ni;
                ratio[i] += mb / Math.max(mi, 1e-12) / images;
            }
        }
        int best = 0;
        for (int i = 1; i < k; i++) {
            best = ratio[i] > ratio[best] ? i : best;
        }
        return best;
    }

    private SimplexWeights.Result residualWeights(Nmf.Result nmf, List<float[]> kept, int dim, int cellsPer, double[] alpha, double[] r,
            int c) {
        int n = kept.size(), k = alpha.length;
        int[] pick = new int[n];
        for (int i = 0; i < n; i++) {
            pick[i] = i;
        }
        shuffle(pick, new SplittableRandom(settings.seed() + c + 7919L));
        int o = Math.min(n, settings.objectiveImages());
        double[][][] a = new double[o][k][];
        double[][] q = new double[o][];
        double[][][] part = new double[o][k][cellsPer];
        for (int s = 0; s < o; s++) {
            int img = pick[s];
            FeatureMaps one = new FeatureMaps(new float[][] {kept.get(img)}, 1, cellsPer, dim, null);
            for (int i = 0; i < k; i++) {
                a[s][i] = one.heatmap(0, nmf.p()[i]);
                for (int j = 0; j < cellsPer; j++) {
                    part[s][i][j] = nmf.e()[(img * cellsPer + j) * k + i];
                }
            }
            q[s] = one.heatmap(0, r);
        }
        return SimplexWeights.minimise(k, beta -> {
            double total = 0;
            double[] hmap = new double[cellsPer];
            for (int s = 0; s < o; s++) {
                for (int i = 0; i < k; i++) {
                    for (int j = 0; j < cellsPer; j++) {
                        hmap[j] = alpha[i] * a[s][i][j] + beta[i] * q[s][j];
                    }
                    total += pearson(hmap, part[s][i]);
                }
            }
            return -total / (o * (double) k);
        });
    }

    /** Pearson correlation over the cells; 0 when either vector has std &lt; 1e-12. */
    static double pearson(double[] x, double[] y) {
        int n = x.length;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        if (Math.sqrt(sxx / n) < 1e-12 || Math.sqrt(syy / n) < 1e-12) {
            return 0;
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            best = v[i] > v[best] ? i : best;
        }
        return best;
    }

    /** DJL-style builder: {@code setModel}, {@code setData}, {@code setNormalization} required. */
    public static final class Builder {
        private ImageClassifier model;
        private ImageDataset data;
        private Normalization normalization;
        private FitSettings settings = FitSettings.defaults(0);
        private PostHocPrototypes.BlackBox blackBox;
        private int batchSize = 64;
        private boolean progress;

        public Builder setModel(ImageClassifier model) {
            this.model = model;
            return this;
        }

        /** Training images with labels; the test transform is all that is applied. */
        public Builder setData(ImageDataset data) {
            this.data = data;
            return this;
        }

        public Builder setNormalization(Normalization normalization) {
            this.normalization = normalization;
            return this;
        }

        public Builder optSettings(FitSettings settings) {
            this.settings = settings;
            return this;
        }

        /** What the model file records as the black box (default: an in-memory model). */
        public Builder optBlackBox(PostHocPrototypes.BlackBox blackBox) {
            this.blackBox = blackBox;
            return this;
        }

        public Builder optBatchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be ≥ 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** A progress bar over the classes. */
        public Builder optProgress(boolean progress) {
            this.progress = progress;
            return this;
        }

        public PrototypeFitter build() {
            if (model == null || data == null || normalization == null) {
                throw new IllegalStateException("setModel, setData and setNormalization are required");
            }
            if (blackBox == null) {
                blackBox = new PostHocPrototypes.BlackBox("in-memory", null, null, model.inputShape()[1], normalization.mean(),
                        normalization.std(), model.featureLayer(), null);
            }
            return new PrototypeFitter(this);
        }
    }
}

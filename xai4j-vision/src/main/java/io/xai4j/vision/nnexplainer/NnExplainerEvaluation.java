package io.xai4j.vision.nnexplainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import io.xai4j.core.model.Classifier;
import java.util.Arrays;
import java.util.List;

/**
 * The classifier-dependent parts of NN-Explainer's evaluation (docs/methods/nn-explainer.md#evaluation-nnexplainer-evaluate): the target class's
 * softmax probability on masked images (for the saliency metric) and the class-specific softmax table. Masking is
 * {@code m ⊙ x} on the normalised image, broadcast over the channels, as in training (0 = the mean colour).
 */
public final class NnExplainerEvaluation {

    /**
     * A method's figures on the evaluated images: per-image means (with std) of continuous IoU, discrete IoU, soft
     * accuracy, MAE and the saliency metric against the ground-truth masks, the mean mask area, and the class-specific table.
     */
    public record MethodResult(String method, io.xai4j.core.metrics.Aggregate continuousIou, io.xai4j.core.metrics.Aggregate discreteIou,
            io.xai4j.core.metrics.Aggregate softAccuracy, io.xai4j.core.metrics.Aggregate mae, io.xai4j.core.metrics.Aggregate saliency,
            io.xai4j.core.metrics.Aggregate area, ClassTable classTable) {}

    /**
     * What a method gives for a batch of normalised images: the masks of the given target classes [B][H][W] in [0,1], and
     * every class's mask [B][K][H][W].
     */
    public record MaskSource(java.util.function.BiFunction<NDArray, int[], float[][][]> targetMasks,
            java.util.function.Function<NDArray, float[][][][]> classMasks) {}

    /** A trained explainer as a mask source: the target mask m (no normalisation) and its per-class σ(S_k). */
    public static MaskSource of(NnExplainer explainer) {
        return new MaskSource((x, t) -> explainer.explain(x, t).maps(), explainer::classMasks);
    }

    /**
     * Any explainer as a mask source: its min–max normalised maps, of the targets and of every class
     * ({@link io.xai4j.core.explain.Targets#allClasses()}, class-major rows; RISE answers it from one set of masked passes).
     */
    public static MaskSource of(io.xai4j.core.explain.Explainer explainer, int numClasses) {
        return new MaskSource((x, t) -> explainer.explain(x, t).maps(), x -> {
            int b = (int) x.getShape().get(0);
            float[][][] maps = explainer.explain(x, io.xai4j.core.explain.Targets.allClasses()).maps();
            if (maps.length != b * numClasses) {
                throw new IllegalStateException(explainer.name() + " gave " + maps.length + " every-class maps for " + b + " images and "
                        + numClasses + " classes");
            }
            float[][][][] out = new float[b][numClasses][][];
            for (int k = 0; k < numClasses; k++) {
                for (int i = 0; i < b; i++) {
                    out[i][k] = maps[k * b + i];
                }
            }
            return out;
        });
    }

    /**
     * Scores {@code source} on the images {@code indices} of {@code data}, whose ground-truth masks {@code groundTruth}
     * gives, explaining each image's label (T = {label}).
     */
    public static MethodResult run(String method, Classifier f, MaskSource source, io.xai4j.vision.train.TrainingData data, int[] indices,
            java.util.function.IntFunction<boolean[][]> groundTruth, List<String> classNames, int batchSize) {
        int n = indices.length;
        double[] ciou = new double[n], diou = new double[n], acc = new double[n], mae = new double[n], sal = new double[n], area = new double[n];
        ClassTable table = new ClassTable(classNames);
        for (int from = 0; from < n; from += batchSize) {
            int[] idx = Arrays.copyOfRange(indices, from, Math.min(n, from + batchSize));
            int[] labels = new int[idx.length];
            for (int i = 0; i < idx.length; i++) {
                labels[i] = data.label(idx[i]);
            }
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray x = data.batch(m, idx);
                float[][][] masks = source.targetMasks().apply(x, labels);
                double[] p = maskedProbability(f, x, masks, labels);
                for (int i = 0; i < idx.length; i++) {
                    boolean[][] s = groundTruth.apply(idx[i]);
                    int j = from + i;
                    ciou[j] = MaskMetrics.continuousIou(masks[i], s);
                    diou[j] = MaskMetrics.discreteIou(masks[i], s);
                    acc[j] = MaskMetrics.softAccuracy(masks[i], s);
                    mae[j] = MaskMetrics.mae(masks[i], s);
                    area[j] = MaskMetrics.mean(masks[i]);
                    sal[j] = MaskMetrics.saliency(area[j], p[i]);
                }
                table.add(classSpecificRows(f, x, source.classMasks().apply(x), labels), labels);
            }
        }
        return new MethodResult(method, agg(ciou), agg(diou), agg(acc), agg(mae), agg(sal), agg(area), table);
    }

    private static io.xai4j.core.metrics.Aggregate agg(double[] v) {
        return io.xai4j.core.metrics.Aggregate.of(v);
    }

    /** Masked images per classifier call. */
    private static final int CHUNK = 256;

    private NnExplainerEvaluation() {}

    /**
     * softmax(f(m_b ⊙ x_b))[t_b] for each image b.
     *
     * @param images normalised images [B,3,H,W]
     * @param masks [B][H][W] in [0,1]
     * @param targets the class of each image whose probability is read
     */
    public static double[] maskedProbability(Classifier f, NDArray images, float[][][] masks, int[] targets) {
        int b = (int) images.getShape().get(0);
        if (masks.length != b || targets.length != b) {
            throw new IllegalArgumentException("need one mask and one target per image: " + b + " images, " + masks.length + " masks, "
                    + targets.length + " targets");
        }
        int[] source = new int[b];
        for (int i = 0; i < b; i++) {
            source[i] = i;
        }
        return probabilities(f, images, source, masks, targets);
    }

    /**
     * One row per image of the class-specific softmax table: for each mask class k the mean over
     * {@link MaskMetrics#THRESHOLDS} t' of softmax(f(1[M_bk &gt; t'] ⊙ x_b))[label_b], and last the unmasked image's
     * softmax(f(x_b))[label_b] (the "none" column). An explainer's class masks are its σ(S_k); a baseline's are its class-k
     * maps, min–max normalised.
     *
     * @param classMaps [B][K][H][W] in [0,1]
     * @return [B][K + 1]
     */
    public static double[][] classSpecificRows(Classifier f, NDArray images, float[][][][] classMaps, int[] labels) {
        int b = (int) images.getShape().get(0);
        if (classMaps.length != b || labels.length != b) {
            throw new IllegalArgumentException("need the class maps and the label of each of the " + b + " images");
        }
        int k = classMaps[0].length, nt = MaskMetrics.THRESHOLDS.length;
        int[] source = new int[b * (k * nt + 1)];
        float[][][] masks = new float[source.length][][];
        int[] targets = new int[source.length];
        int h = classMaps[0][0].length, w = classMaps[0][0][0].length;
        float[][] ones = new float[h][w];
        for (float[] row : ones) {
            Arrays.fill(row, 1f);
        }
        int n = 0;
        for (int i = 0; i < b; i++) {
            for (int c = 0; c < k; c++) {
                for (double threshold : MaskMetrics.THRESHOLDS) {
                    float t = (float) threshold; // single precision, as MaskMetrics.THRESHOLDS says
                    float[][] m = new float[h][w];
                    for (int y = 0; y < h; y++) {
                        for (int x = 0; x < w; x++) {
                            m[y][x] = classMaps[i][c][y][x] > t ? 1f : 0f;
                        }
                    }
                    source[n] = i;
                    masks[n] = m;
                    targets[n++] = labels[i];
                }
            }
            source[n] = i;
            masks[n] = ones;
            targets[n++] = labels[i];
        }
        double[] p = probabilities(f, images, source, masks, targets);
        double[][] rows = new double[b][k + 1];
        for (int i = 0, j = 0; i < b; i++) {
            for (int c = 0; c < k; c++) {
                double sum = 0;
                for (int t = 0; t < nt; t++) {
                    sum += p[j++];
                }
                rows[i][c] = sum / nt;
            }
            rows[i][k] = p[j++];
        }
        return rows;
    }

    /** softmax(f(masks[j] ⊙ images[source[j]]))[targets[j]], in chunks of {@value #CHUNK} masked images. */
    private static double[] probabilities(Classifier f, NDArray images, int[] source, float[][][] masks, int[] targets) {
        Shape s = images.getShape();
        int h = (int) s.get(2), w = (int) s.get(3);
        double[] out = new double[source.length];
        for (int from = 0; from < source.length; from += CHUNK) {
            int to = Math.min(source.length, from + CHUNK);
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDManager m = images.getManager();
                float[] flat = new float[(to - from) * h * w];
                long[] idx = new long[to - from];
                for (int j = from; j < to; j++) {
                    if (masks[j].length != h || masks[j][0].length != w) {
                        throw new IllegalArgumentException("a mask is " + masks[j].length + "x" + masks[j][0].length + ", the images " + h + "x" + w);
                    }
                    for (int y = 0; y < h; y++) {
                        System.arraycopy(masks[j][y], 0, flat, ((j - from) * h + y) * w, w);
                    }
                    idx[j - from] = source[j];
                }
                NDArray mask = m.create(flat, new Shape(to - from, 1, h, w));
                NDArray x = images.get(m.create(idx)).mul(mask);
                float[] prob = f.logits(x).softmax(1).toFloatArray();
                int c = f.numClasses();
                for (int j = from; j < to; j++) {
                    out[j] = prob[(j - from) * c + targets[j]];
                }
            }
        }
        return out;
    }

    /** Accumulates {@link #classSpecificRows} by the images' class into the table's mean per (true class, mask class). */
    public static final class ClassTable {
        private final List<String> classNames;
        private final double[][] sum;
        private final int[] count;

        public ClassTable(List<String> classNames) {
            this.classNames = List.copyOf(classNames);
            this.sum = new double[classNames.size()][classNames.size() + 1];
            this.count = new int[classNames.size()];
        }

        /** Adds the rows of images with these labels. */
        public void add(double[][] rows, int[] labels) {
            for (int i = 0; i < rows.length; i++) {
                for (int c = 0; c < rows[i].length; c++) {
                    sum[labels[i]][c] += rows[i][c];
                }
                count[labels[i]]++;
            }
        }

        /** Mean softmax probability of class t (row) with the mask of class k (column; the last column: no mask); NaN for a class without images. */
        public double[][] means() {
            double[][] out = new double[sum.length][];
            for (int t = 0; t < sum.length; t++) {
                out[t] = new double[sum[t].length];
                for (int c = 0; c < sum[t].length; c++) {
                    out[t][c] = count[t] == 0 ? Double.NaN : sum[t][c] / count[t];
                }
            }
            return out;
        }

        /** Images per true class. */
        public int[] counts() {
            return count.clone();
        }

        public List<String> classNames() {
            return classNames;
        }

        /** Whether in every row with images the diagonal is the largest mask-class column (the "none" column excluded). */
        public boolean diagonalDominant() {
            double[][] m = means();
            for (int t = 0; t < m.length; t++) {
                if (count[t] == 0) {
                    continue;
                }
                for (int k = 0; k < m.length; k++) {
                    if (k != t && !(m[t][t] > m[t][k])) {
                        return false;
                    }
                }
            }
            return true;
        }

        /** Mean of the diagonal and mean of the off-diagonal mask-class cells over the rows with images. */
        public double[] diagonalAndOffDiagonalMeans() {
            double[][] m = means();
            double d = 0, o = 0;
            int nd = 0, no = 0;
            for (int t = 0; t < m.length; t++) {
                if (count[t] == 0) {
                    continue;
                }
                for (int k = 0; k < m.length; k++) {
                    if (k == t) {
                        d += m[t][k];
                        nd++;
                    } else {
                        o += m[t][k];
                        no++;
                    }
                }
            }
            return new double[] {d / nd, o / no};
        }
    }
}

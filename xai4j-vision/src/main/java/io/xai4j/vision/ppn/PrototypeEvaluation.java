package io.xai4j.vision.ppn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.xai4j.vision.data.ImageDataset;
import io.xai4j.vision.data.Normalization;
import io.xai4j.vision.data.PartInstance;
import io.xai4j.vision.data.PartShapesSplit;
import io.xai4j.vision.data.PartType;
import io.xai4j.vision.model.ImageClassifier;
import io.xai4j.vision.pipnet.GlobalExplanation;
import io.xai4j.vision.pipnet.PatchGeometry;
import io.xai4j.vision.pipnet.PrototypePurity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The metrics of docs/methods/posthoc-ppn.md#metrics for one or several decompositions of the same black box (the fitted prototypes
 * and the baselines share the feature passes): exactness and prediction agreement on the test set; consistency and
 * stability (EvalProtoPNet, Huang et al., ICCV 2023, {@code util/eval_interpretability.py}, adapted to ground-truth
 * part masks: keypoint = mask centroid, box of half-size round(36·S/224) around the argmax pixel of the bilinearly
 * upsampled heatmap); purity (PIP-Net's rule, top-10 training images of the class by max_j H_i, patch of 2 cells at
 * the argmax cell, keypoint rule and cell-centre rule); NMF error, negative-α share and residual share. Background
 * components are left out of consistency, stability and purity.
 */
public final class PrototypeEvaluation {

    /** Top training patches per prototype for purity and the global explanation. */
    public static final int TOP_K = 10;
    static final double CONSISTENT = 0.8;
    static final double NOISE_STD = 0.2;
    static final double NOISE_CLIP = 0.25;

    /**
     * The scores of one decomposition.
     *
     * @param variant "fitted", "uniform-beta" or "random-partition"
     * @param maxRelativeError max over test images and classes of |Σ contrib + b − logit| / max(1, |logit|)
     * @param agreement share of test images whose decomposed argmax equals the black box's (exact ties excepted)
     * @param accuracy top-1 of the decomposed scores
     * @param consistency 100·consistent prototypes / prototypes
     * @param stability 100·mean share of class images whose hit vector survives the noise
     * @param purityKeypoint mean purity, keypoint rule
     * @param purityCellCentre mean purity, cell-centre-in-mask rule
     * @param nmfError mean per-class NMF relative error (NaN for the random partition)
     * @param negativeAlphaShare share of part prototypes with α &lt; 0 (NaN for the random partition)
     * @param residualShare mean over test images of |GAP(X)·r| / Σ|contrib_i| for the image's class
     * @param prototypes part prototypes scored (background excluded)
     */
    public record Scores(String variant, double maxRelativeError, double agreement, double accuracy, double consistency, double stability,
            double purityKeypoint, double purityCellCentre, double nmfError, double negativeAlphaShare, double residualShare, int prototypes) {}

    /**
     * Top patches of every prototype: per class c, per prototype i, the {@link #TOP_K} training images of class c with
     * the largest max_j H_i[j], each with its argmax cell.
     */
    public record TopPatches(PostHocPrototypes prototypes, int[][][] image, int[][][] cell, float[][][] value, int gridHeight, int gridWidth) {

        /** The global explanation rows (prototype index c·k' + i) for {@link GlobalExplanation#grid}. */
        public GlobalExplanation global(int imageSize) {
            PatchGeometry g = PatchGeometry.cells(imageSize, gridHeight, gridWidth, 2);
            List<GlobalExplanation.PrototypeRow> rows = new ArrayList<>();
            int offset = 0;
            for (int c = 0; c < image.length; c++) {
                for (int i = 0; i < image[c].length; i++) {
                    List<GlobalExplanation.Patch> patches = new ArrayList<>();
                    for (int t = 0; t < image[c][i].length; t++) {
                        int cy = cell[c][i][t] / gridWidth, cx = cell[c][i][t] % gridWidth;
                        patches.add(new GlobalExplanation.Patch(image[c][i][t], value[c][i][t], cy, cx, g.box(cy, cx)));
                    }
                    rows.add(new GlobalExplanation.PrototypeRow(offset + i, List.copyOf(patches)));
                }
                offset += image[c].length;
            }
            return new GlobalExplanation(List.copyOf(rows), TOP_K, g);
        }
    }

    private PrototypeEvaluation() {}

    /** The top training patches of each decomposition, from one feature pass over {@code train}. */
    public static List<TopPatches> topPatches(ImageClassifier model, Normalization norm, List<PostHocPrototypes> variants, ImageDataset train,
            int batchSize) {
        int classes = model.numClasses();
        List<List<List<List<float[]>>>> found = new ArrayList<>(); // variant → class → prototype → (value, image, cell)
        for (PostHocPrototypes v : variants) {
            List<List<List<float[]>>> perClass = new ArrayList<>();
            for (int c = 0; c < classes; c++) {
                List<List<float[]>> perProto = new ArrayList<>();
                for (int i = 0; i < v.classes().get(c).size(); i++) {
                    perProto.add(new ArrayList<>());
                }
                perClass.add(perProto);
            }
            found.add(perClass);
        }
        int[] grid = new int[2];
        forEachBatch(model, norm, train, batchSize, null, (idx, f, noisy) -> {
            grid[0] = f.height();
            grid[1] = f.width();
            for (int b = 0; b < idx.length; b++) {
                int c = train.label(idx[b]);
                if (c < 0) {
                    continue;
                }
                for (int vi = 0; vi < variants.size(); vi++) {
                    ClassPrototypes cp = variants.get(vi).classes().get(c);
                    for (int i = 0; i < cp.size(); i++) {
                        double[] h = f.heatmap(b, cp.prototypes()[i]);
                        int arg = argmax(h);
                        found.get(vi).get(c).get(i).add(new float[] {(float) h[arg], idx[b], arg});
                    }
                }
            }
        });
        List<TopPatches> out = new ArrayList<>();
        for (int vi = 0; vi < variants.size(); vi++) {
            int[][][] image = new int[classes][][];
            int[][][] cell = new int[classes][][];
            float[][][] value = new float[classes][][];
            for (int c = 0; c < classes; c++) {
                int k = variants.get(vi).classes().get(c).size();
                image[c] = new int[k][];
                cell[c] = new int[k][];
                value[c] = new float[k][];
                for (int i = 0; i < k; i++) {
                    List<float[]> l = found.get(vi).get(c).get(i);
                    l.sort((a, b) -> a[0] != b[0] ? Float.compare(b[0], a[0]) : Float.compare(a[1], b[1]));
                    int n = Math.min(TOP_K, l.size());
                    image[c][i] = new int[n];
                    cell[c][i] = new int[n];
                    value[c][i] = new float[n];
                    for (int t = 0; t < n; t++) {
                        value[c][i][t] = l.get(t)[0];
                        image[c][i][t] = (int) l.get(t)[1];
                        cell[c][i][t] = (int) l.get(t)[2];
                    }
                }
            }
            out.add(new TopPatches(variants.get(vi), image, cell, value, grid[0], grid[1]));
        }
        return out;
    }

    /** Scores every decomposition on PartShapes (docs/methods/posthoc-ppn.md#metrics); {@code seed} draws the stability noise. */
    public static List<Scores> evaluate(ImageClassifier model, Normalization norm, List<PostHocPrototypes> variants, PartShapesSplit train,
            PartShapesSplit test, long seed, int batchSize) {
        List<TopPatches> tops = topPatches(model, norm, variants, train, batchSize);
        int classes = model.numClasses(), nv = variants.size(), s = model.inputShape()[1];
        int half = (int) Math.round(36.0 * s / 224);
        double[] worst = new double[nv], residual = new double[nv];
        int[] agree = new int[nv], counted = new int[nv], correct = new int[nv], residualImages = new int[nv];
        // [variant][class][prototype][part type]: hits and visibility over the class's test images; stable image counts
        int types = PartType.VOCABULARY_SIZE;
        int[][][][] hits = new int[nv][classes][][];
        int[][] visible = new int[classes][types];
        int[][][] stable = new int[nv][classes][];
        int[] classImages = new int[classes];
        for (int vi = 0; vi < nv; vi++) {
            for (int c = 0; c < classes; c++) {
                hits[vi][c] = new int[variants.get(vi).classes().get(c).size()][types];
                stable[vi][c] = new int[variants.get(vi).classes().get(c).size()];
            }
        }
        forEachBatch(model, norm, test, batchSize, new SplittableRandom(seed), (idx, f, noisy) -> {
            for (int vi = 0; vi < nv; vi++) {
                Decomposition d = Decomposition.of(f, variants.get(vi));
                for (int b = 0; b < idx.length; b++) {
                    double[] rec = new double[classes];
                    for (int c = 0; c < classes; c++) {
                        worst[vi] = Math.max(worst[vi], d.relativeError(b, c));
                        rec[c] = d.reconstructed(b, c);
                    }
                    int blackBox = PrototypeFitter.argmax(f.logits()[b]);
                    if (!tied(f.logits()[b], blackBox)) {
                        counted[vi]++;
                        agree[vi] += argmax(rec) == blackBox ? 1 : 0;
                    }
                    int y = test.label(idx[b]);
                    correct[vi] += argmax(rec) == y ? 1 : 0;
                    if (y < 0) {
                        continue;
                    }
                    ClassPrototypes cp = variants.get(vi).classes().get(y);
                    if (!"random-partition".equals(variants.get(vi).variant())) {
                        double abs = 0;
                        for (double v : d.contributions()[b][y]) {
                            abs += Math.abs(v);
                        }
                        double[] q = f.heatmap(b, cp.residual());
                        double mean = Arrays.stream(q).sum() / q.length;
                        if (abs > 0) {
                            residual[vi] += Math.abs(mean) / abs;
                            residualImages[vi]++;
                        }
                    }
                    List<PartInstance> parts = test.instances(idx[b]);
                    for (int i = 0; i < cp.size(); i++) {
                        if (cp.isBackground(i)) {
                            continue;
                        }
                        boolean[] clean = hitVector(d.heatmaps()[b][y][i], parts, s, half, test.height());
                        double[] hn = noisy.heatmap(b, cp.prototypes()[i]);
                        float[][] gn = new float[f.height()][f.width()];
                        for (int j = 0; j < hn.length; j++) {
                            gn[j / f.width()][j % f.width()] = (float) hn[j];
                        }
                        boolean[] perturbed = hitVector(gn, parts, s, half, test.height());
                        for (int q = 0; q < types; q++) {
                            hits[vi][y][i][q] += clean[q] ? 1 : 0;
                        }
                        stable[vi][y][i] += Arrays.equals(clean, perturbed) ? 1 : 0;
                    }
                }
            }
            for (int b = 0; b < idx.length; b++) {
                int y = test.label(idx[b]);
                if (y < 0) {
                    continue;
                }
                classImages[y]++;
                boolean[] seen = new boolean[types];
                for (PartInstance p : test.instances(idx[b])) {
                    seen[p.partTypeId()] = true;
                }
                for (int q = 0; q < types; q++) {
                    visible[y][q] += seen[q] ? 1 : 0;
                }
            }
        });
        List<Scores> out = new ArrayList<>();
        for (int vi = 0; vi < nv; vi++) {
            PostHocPrototypes v = variants.get(vi);
            int protos = 0, consistent = 0, negative = 0;
            double stab = 0, nmf = 0;
            List<Double> purityK = new ArrayList<>(), purityC = new ArrayList<>();
            PatchGeometry g = PatchGeometry.cells(s, tops.get(vi).gridHeight(), tops.get(vi).gridWidth(), 2);
            for (int c = 0; c < classes; c++) {
                ClassPrototypes cp = v.classes().get(c);
                nmf += cp.nmfError() / classes;
                for (int i = 0; i < cp.size(); i++) {
                    if (cp.isBackground(i)) {
                        continue;
                    }
                    protos++;
                    negative += cp.alpha()[i] < 0 ? 1 : 0;
                    double best = 0;
                    for (int q = 0; q < types; q++) {
                        if (visible[c][q] > 0) {
                            best = Math.max(best, (double) hits[vi][c][i][q] / visible[c][q]);
                        }
                    }
                    consistent += best >= CONSISTENT ? 1 : 0;
                    stab += classImages[c] == 0 ? 0 : (double) stable[vi][c][i] / classImages[c];
                    purityK.add(purity(train, tops.get(vi), c, i, g, PrototypePurity.Rule.PART_CENTRE_IN_PATCH));
                    purityC.add(purity(train, tops.get(vi), c, i, g, PrototypePurity.Rule.CELL_CENTRE_IN_MASK));
                }
            }
            boolean random = "random-partition".equals(v.variant());
            out.add(new Scores(v.variant(), worst[vi], counted[vi] == 0 ? Double.NaN : (double) agree[vi] / counted[vi],
                    (double) correct[vi] / test.size(), 100.0 * consistent / protos, 100.0 * stab / protos, mean(purityK), mean(purityC),
                    random ? Double.NaN : nmf, random ? Double.NaN : (double) negative / protos,
                    residualImages[vi] == 0 ? Double.NaN : residual[vi] / residualImages[vi], protos));
        }
        return out;
    }

    private static double purity(PartShapesSplit train, TopPatches top, int c, int i, PatchGeometry g, PrototypePurity.Rule rule) {
        int[] images = top.image()[c][i];
        if (images.length == 0) {
            return 0;
        }
        int[] count = new int[PartType.VOCABULARY_SIZE];
        for (int t = 0; t < images.length; t++) {
            int cell = top.cell()[c][i][t];
            boolean[] h = PrototypePurity.hitTypes(train, images[t], cell / top.gridWidth(), cell % top.gridWidth(), g, rule);
            for (int q = 0; q < h.length; q++) {
                count[q] += h[q] ? 1 : 0;
            }
        }
        return (double) Arrays.stream(count).max().orElse(0) / images.length;
    }

    /**
     * The hit vector of docs/methods/posthoc-ppn.md#metrics: the keypoint (mask centroid) of some instance of type q lies in the box of half-size
     * {@code half} around the argmax pixel of the map upsampled bilinearly to S×S, clipped to the image.
     */
    static boolean[] hitVector(float[][] map, List<PartInstance> parts, int s, int half, int dataSize) {
        float[][] up = PatchGeometry.upsample(map, s);
        int by = 0, bx = 0;
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                if (up[y][x] > up[by][bx]) {
                    by = y;
                    bx = x;
                }
            }
        }
        double scale = (double) dataSize / s;
        int top = Math.max(0, by - half), bottom = Math.min(s, by + half + 1), left = Math.max(0, bx - half), right = Math.min(s, bx + half + 1);
        boolean[] hit = new boolean[PartType.VOCABULARY_SIZE];
        for (PartInstance p : parts) {
            double cy = p.centroidY() / scale, cx = p.centroidX() / scale;
            if (cy >= top && cy < bottom && cx >= left && cx < right) {
                hit[p.partTypeId()] = true;
            }
        }
        return hit;
    }

    interface BatchVisitor {
        void visit(int[] idx, FeatureMaps clean, FeatureMaps noisy);
    }

    /** Feature passes over a data set in batches; with a random source, also over a noisy copy of each batch. */
    static void forEachBatch(ImageClassifier model, Normalization norm, ImageDataset data, int batchSize, SplittableRandom noise,
            BatchVisitor visitor) {
        try (NDManager m = NDManager.newBaseManager()) {
            for (int from = 0; from < data.size(); from += batchSize) {
                int[] idx = new int[Math.min(batchSize, data.size() - from)];
                for (int b = 0; b < idx.length; b++) {
                    idx[b] = from + b;
                }
                try (NDManager sub = m.newSubManager()) {
                    NDArray x = ImageDataset.batch(sub, data, idx, norm);
                    FeatureMaps clean = FeatureMaps.of(model, x, noise != null); // logits for exactness and agreement on the test set only
                    FeatureMaps noisy = null;
                    if (noise != null) {
                        float[] v = x.toFloatArray();
                        for (int i = 0; i < v.length; i++) {
                            v[i] += (float) Math.max(-NOISE_CLIP, Math.min(NOISE_CLIP, noise.nextGaussian() * NOISE_STD));
                        }
                        noisy = FeatureMaps.of(model, sub.create(v, x.getShape()), false);
                    }
                    visitor.visit(idx, clean, noisy);
                }
            }
        }
    }

    private static boolean tied(float[] logits, int best) {
        for (int c = 0; c < logits.length; c++) {
            if (c != best && logits[c] == logits[best]) {
                return true;
            }
        }
        return false;
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            best = v[i] > v[best] ? i : best;
        }
        return best;
    }

    private static double mean(List<Double> v) {
        return v.isEmpty() ? Double.NaN : v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}

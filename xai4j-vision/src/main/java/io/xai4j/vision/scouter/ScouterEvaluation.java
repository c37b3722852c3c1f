package io.xai4j.vision.scouter;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.xai4j.core.metrics.Aggregate;
import io.xai4j.core.metrics.DeletionAuc;
import io.xai4j.core.metrics.InsertionAuc;
import io.xai4j.core.metrics.ScouterPrecision;
import io.xai4j.vision.train.TrainingData;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The explanation metrics of SCOUTER's paper on one model (docs/methods/scouter.md#metrics), each on the map of the
 * explained class ({@link ClassEvidence#explainedClass}: the true class for SCOUTER+, the least-similar class for
 * SCOUTER−), jointly normalised and upsampled bilinearly to the image: top-1 accuracy; area size (the mean of the
 * map on the grid); precision (the map's mass inside a region: the evidence mask for SCOUTER+, all part instances for
 * SCOUTER−; {@link ScouterPrecision}); IAUC and DAUC (RISE insertion and deletion, the model's top-1 class followed,
 * {@link InsertionAuc}, {@link DeletionAuc}); and, for the "why not" check, the true class's area next to the mean
 * area of the other classes.
 */
public final class ScouterEvaluation {

    private ScouterEvaluation() {}

    /**
     * Means over the evaluated images (precision over images with a region; NaN when none has one).
     *
     * @param trueClassArea mean area of the true class's map
     * @param otherClassArea mean over images of the mean area of the other classes' maps
     * @param chance mean share of the image inside the precision region: the precision of a map spread evenly (the
     *     "≥ 2× chance" reference of issue 15; docs/methods/scouter.md#metrics)
     */
    public record Summary(int images, double accuracy, double area, double precision, double insertionAuc, double deletionAuc,
            double trueClassArea, double otherClassArea, double chance) {}

    /**
     * @param regions per image index the precision region [H][W] (null: none)
     * @param batchSize images per forward pass
     */
    public static Summary run(Scouter model, TrainingData data, int[] indices, IntFunction<boolean[][]> regions, int batchSize) {
        int n = indices.length, size = model.imageSize();
        ScouterExplainer explainer = new ScouterExplainer(model);
        double[] area = new double[n], precision = new double[n], iauc = new double[n], dauc = new double[n], trueArea = new double[n],
                otherArea = new double[n], share = new double[n];
        int correct = 0;
        ScouterPrecision precisionMetric = new ScouterPrecision();
        DeletionAuc deletion = DeletionAuc.builder().build();
        InsertionAuc insertion = InsertionAuc.builder().build();
        for (int from = 0; from < n; from += batchSize) {
            int[] idx = Arrays.copyOfRange(indices, from, Math.min(n, from + batchSize));
            try (NDManager sub = model.manager().newSubManager()) {
                NDArray x = data.batch(sub, idx);
                List<ClassEvidence> ev = explainer.evidence(x);
                float[][][] maps = new float[idx.length][][];
                float[][] logits = new float[idx.length][];
                boolean[][][] masks = new boolean[idx.length][][];
                for (int b = 0; b < idx.length; b++) {
                    ClassEvidence e = ev.get(b);
                    int label = data.label(idx[b]), c = e.explainedClass(label);
                    correct += e.predicted() == label ? 1 : 0;
                    maps[b] = e.upsampled(c, size);
                    logits[b] = e.logits();
                    masks[b] = regions.apply(idx[b]);
                    share[from + b] = masks[b] == null ? Double.NaN : regionShare(masks[b]);
                    area[from + b] = e.area(c);
                    trueArea[from + b] = e.area(label);
                    double others = 0;
                    for (int k = 0; k < model.numClasses(); k++) {
                        others += k == label ? 0 : e.area(k);
                    }
                    otherArea[from + b] = others / (model.numClasses() - 1);
                }
                double[] p = precisionMetric.evaluate(maps, masks).values();
                double[] ins = insertion.evaluate(model, x, maps, null, logits).result().values();
                double[] del = deletion.evaluate(model, x, maps, null, logits).result().values();
                System.arraycopy(p, 0, precision, from, idx.length);
                System.arraycopy(ins, 0, iauc, from, idx.length);
                System.arraycopy(del, 0, dauc, from, idx.length);
            }
        }
        return new Summary(n, (double) correct / n, mean(area), mean(precision), mean(iauc), mean(dauc), mean(trueArea), mean(otherArea),
                mean(share));
    }

    /** The share of the image's pixels inside the region: what a map spread evenly would score as precision. */
    static double regionShare(boolean[][] region) {
        long in = 0, all = 0;
        for (boolean[] row : region) {
            for (boolean v : row) {
                in += v ? 1 : 0;
                all++;
            }
        }
        return (double) in / all;
    }

    private static double mean(double[] v) {
        return Aggregate.of(v).mean();
    }
}

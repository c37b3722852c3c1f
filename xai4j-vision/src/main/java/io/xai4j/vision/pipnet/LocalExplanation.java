package io.xai4j.vision.pipnet;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * PIP-Net's local explanation of one image (docs/methods/pipnet.md#local-explanation; official
 * {@code util/visualize_prediction.py}): for the top-3 classes by score, every prototype with
 * p̂_d ≥ 0.1 and W[c,d] &gt; 1e-3, with its presence, weight, contribution p̂_d·W[c,d], latent cell,
 * patch box and prototype map; the class score equals the sum of contributions (plus bias). An
 * abstaining image has an empty class list.
 *
 * @param image caller's image id
 * @param predicted predicted class, or −1 when abstaining
 * @param abstained whether every class score is 0 ("not seen before")
 * @param scores raw class scores o
 * @param classes the top-3 classes, by descending score (empty when abstaining)
 */
public record LocalExplanation(int image, int predicted, boolean abstained, float[] scores, List<ClassEvidence> classes) {

    /** Number of classes explained. */
    public static final int TOP_CLASSES = 3;

    /** Contributions above this get rendered images (the official display threshold). */
    public static final float DISPLAY_THRESHOLD = 0.01f;

    /**
     * One prototype's part in a class score.
     *
     * @param prototype d
     * @param presence p̂_d
     * @param weight W[c,d]
     * @param contribution p̂_d·W[c,d]
     * @param cellY argmax cell row
     * @param cellX argmax cell column
     * @param box patch in model-input pixels
     * @param map the prototype map z[d] (H×W), for the heatmap
     */
    public record Contribution(int prototype, float presence, float weight, float contribution, int cellY, int cellX, PatchGeometry.Box box,
            float[][] map) {}

    /** The evidence for one class: its score, bias and contributions by descending size. */
    public record ClassEvidence(int classId, String className, float score, float bias, List<Contribution> contributions) {

        /** Sum of contributions plus bias (equals the score to float tolerance). */
        public double total() {
            double s = bias;
            for (Contribution c : contributions) {
                s += c.contribution();
            }
            return s;
        }
    }

    /** Explains a batch (read-only; eval-mode BatchNorm), with patch boxes from {@code geometry}. */
    public static List<LocalExplanation> explain(PipNet model, NDArray images, int[] imageIds, PatchGeometry geometry) {
        return explain(model, images, imageIds, geometry, null, model.predict(images));
    }

    /**
     * Explains a batch with patch boxes of {@code patchSize} (docs/methods/pipnet.md#patches-and-heat-maps; the default is
     * {@code PatchGeometry.Size.cells(2)}) on the model's own latent grid.
     */
    public static List<LocalExplanation> explain(PipNet model, NDArray images, int[] imageIds, PatchGeometry.Size patchSize) {
        return explain(model, images, imageIds, null, patchSize, model.predict(images));
    }

    /** As above for a batch whose {@link PipNet#predict} the caller already has (e.g. for its unclamped scores). */
    public static List<LocalExplanation> explain(PipNet model, NDArray images, int[] imageIds, PatchGeometry.Size patchSize, Prediction pred) {
        return explain(model, images, imageIds, null, patchSize, pred);
    }

    private static List<LocalExplanation> explain(PipNet model, NDArray images, int[] imageIds, PatchGeometry given, PatchGeometry.Size size,
            Prediction pred) {
        if (imageIds.length != images.getShape().get(0) || pred.size() != imageIds.length) {
            throw new IllegalArgumentException(imageIds.length + " image ids and " + pred.size() + " predictions for a batch of "
                    + images.getShape().get(0));
        }
        float[][][][] z = model.latent(images);
        PatchGeometry geometry = given != null || z.length == 0 ? given
                : size.geometry(model.imageSize(), z[0][0].length, z[0][0][0].length, model.backbone().receptiveField());
        float[][] w = model.weights();
        float[] bias = model.bias();
        List<LocalExplanation> out = new ArrayList<>();
        for (int b = 0; b < pred.size(); b++) {
            float[] o = pred.scores()[b];
            List<ClassEvidence> classes = new ArrayList<>();
            if (!pred.abstained()[b]) {
                Integer[] order = new Integer[o.length];
                for (int c = 0; c < o.length; c++) {
                    order[c] = c;
                }
                java.util.Arrays.sort(order, (x, y) -> Float.compare(o[y], o[x]) != 0 ? Float.compare(o[y], o[x]) : Integer.compare(x, y));
                for (int r = 0; r < Math.min(TOP_CLASSES, o.length); r++) {
                    int c = order[r];
                    List<Contribution> cs = new ArrayList<>();
                    for (int d = 0; d < w[c].length; d++) {
                        float p = pred.presence()[b][d];
                        if (p >= PipNet.PRESENCE_THRESHOLD && w[c][d] > PipNet.RELEVANCE_THRESHOLD) {
                            int[] cell = argmax(z[b][d]);
                            cs.add(new Contribution(d, p, w[c][d], p * w[c][d], cell[0], cell[1], geometry.box(cell[0], cell[1]), z[b][d]));
                        }
                    }
                    cs.sort(Comparator.comparingDouble((Contribution x) -> -x.contribution()).thenComparingInt(Contribution::prototype));
                    classes.add(new ClassEvidence(c, model.classNames().get(c), o[c], bias[c], List.copyOf(cs)));
                }
            }
            out.add(new LocalExplanation(imageIds[b], pred.predicted()[b], pred.abstained()[b], o, List.copyOf(classes)));
        }
        return out;
    }

    /** Argmax cell of a map, ties to the first in row-major order. */
    static int[] argmax(float[][] map) {
        int by = 0, bx = 0;
        for (int y = 0; y < map.length; y++) {
            for (int x = 0; x < map[0].length; x++) {
                if (map[y][x] > map[by][bx]) {
                    by = y;
                    bx = x;
                }
            }
        }
        return new int[] {by, bx};
    }
}

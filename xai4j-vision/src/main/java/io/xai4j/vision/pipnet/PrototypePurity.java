package io.xai4j.vision.pipnet;

import io.xai4j.vision.data.PartInstance;
import io.xai4j.vision.data.PartShapesSplit;
import java.util.List;

/**
 * Prototype purity against ground-truth parts (docs/methods/pipnet.md#purity; official {@code util/eval_cub_csv.py}
 * generalised to part masks): for prototype d, the top-k images by unclamped presence, each at most
 * once, with the patch at the argmax cell; a patch hits part type q when (default rule) its cell
 * centre lies inside an instance mask of type q, or (rule {@code PART_CENTRE_IN_PATCH}, the paper's
 * keypoint rule) the centroid of an instance of type q lies inside the patch box. purity(d) = max_q
 * hits(q) / k. Background is not a part.
 *
 * @param prototypes the prototypes scored
 * @param purity purity per scored prototype
 * @param mean mean purity
 * @param std population standard deviation
 * @param partRelated share with purity &gt; 0.5
 * @param rule the hit rule
 * @param k patches per prototype
 */
public record PrototypePurity(int[] prototypes, double[] purity, double mean, double std, double partRelated, Rule rule, int k) {

    /** How a patch hits a part. */
    public enum Rule {
        /** The cell centre lies inside an instance mask of the part type (PartShapes benchmark definition). */
        CELL_CENTRE_IN_MASK,
        /** The centroid of an instance of the part type lies inside the patch box (CUB keypoint rule). */
        PART_CENTRE_IN_PATCH
    }

    /**
     * @param table presences of the model on {@code split} (same order)
     * @param geometry the patch mapping for the model's grid
     */
    public static PrototypePurity compute(PresenceTable table, PartShapesSplit split, int[] prototypes, PatchGeometry geometry, Rule rule,
            int k) {
        if (table.size() != split.size()) {
            throw new IllegalArgumentException("presence table has " + table.size() + " images, the split " + split.size());
        }
        double[] purity = new double[prototypes.length];
        for (int j = 0; j < prototypes.length; j++) {
            int d = prototypes[j];
            int[] top = table.topK(d, k);
            int[] hits = new int[io.xai4j.vision.data.PartType.VOCABULARY_SIZE];
            for (int n : top) {
                boolean[] hitTypes = hitTypes(split, n, table.cellY(n, d), table.cellX(n, d), geometry, rule);
                for (int q = 0; q < hitTypes.length; q++) {
                    hits[q] += hitTypes[q] ? 1 : 0;
                }
            }
            int best = 0;
            for (int h : hits) {
                best = Math.max(best, h);
            }
            purity[j] = top.length == 0 ? 0 : (double) best / top.length; // k, unless the set has fewer than k images
        }
        return summarise(prototypes, purity, rule, k);
    }

    public static PrototypePurity summarise(int[] prototypes, double[] purity, Rule rule, int k) {
        double mean = 0, sq = 0;
        int related = 0;
        for (double p : purity) {
            mean += p;
            related += p > 0.5 ? 1 : 0;
        }
        mean = purity.length == 0 ? Double.NaN : mean / purity.length;
        for (double p : purity) {
            sq += (p - mean) * (p - mean);
        }
        double std = purity.length == 0 ? Double.NaN : Math.sqrt(sq / purity.length);
        return new PrototypePurity(prototypes.clone(), purity, mean, std, purity.length == 0 ? Double.NaN : (double) related / purity.length,
                rule, k);
    }

    /** Which part types a patch hits (each type counted once per patch); public for the post-hoc prototypes (ppn). */
    public static boolean[] hitTypes(PartShapesSplit split, int image, int cellY, int cellX, PatchGeometry g, Rule rule) {
        boolean[] hit = new boolean[io.xai4j.vision.data.PartType.VOCABULARY_SIZE];
        List<PartInstance> parts = split.instances(image);
        double scale = (double) split.height() / g.imageSize();
        if (rule == Rule.CELL_CENTRE_IN_MASK) {
            int[][] mask = split.instanceMask(image);
            int y = (int) Math.floor(g.centreY(cellY) * scale), x = (int) Math.floor(g.centreX(cellX) * scale);
            y = Math.min(split.height() - 1, y);
            x = Math.min(split.width() - 1, x);
            int id = mask[y][x];
            if (id > 0) {
                hit[parts.get(id - 1).partTypeId()] = true;
            }
        } else {
            PatchGeometry.Box box = g.box(cellY, cellX);
            for (PartInstance p : parts) {
                double cy = p.centroidY() / scale, cx = p.centroidX() / scale;
                if (cy >= box.top() && cy < box.bottom() && cx >= box.left() && cx < box.right()) {
                    hit[p.partTypeId()] = true;
                }
            }
        }
        return hit;
    }
}

package io.xai4j.vision.pipnet;

import io.xai4j.vision.data.PartInstance;
import io.xai4j.vision.data.PartShapesSplit;
import io.xai4j.vision.data.PartType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which prototypes make PIP-Net accept near-OOD images, and why (docs/methods/pipnet.md#near-ood-diagnostic: PartShapes' {@code ood} split of
 * unseen part types shares hues with seen ones, "a prototype keyed on hue cannot reject them"). A project
 * diagnostic, not in the paper (Nauta et al., CVPR 2023) or the official code.
 *
 * <p>Each relevant prototype gets a <em>part type</em>: the type hit most often by its top-k training patches under
 * the keypoint rule (docs/methods/pipnet.md#purity, ties to the lower type id; none when no patch hits a part). For every OOD image that the
 * class thresholds accept (docs/methods/pipnet.md#ood-detection), the <em>carrier</em> is the prototype with the largest contribution
 * p_d·relu(W)[ŷ,d] to the predicted class ŷ, both from the unclamped presences the thresholds use. The diagnostic
 * counts in how many accepted images the carrier's hue, its shape and its exact part type occur among the image's
 * parts.
 *
 * @param accepted OOD images accepted by the thresholds
 * @param hueInImage accepted images containing a part of the carrier's hue
 * @param shapeInImage accepted images containing a part of the carrier's shape
 * @param partTypeInImage accepted images containing the carrier's part type
 * @param carrierWithoutPartType accepted images whose carrier hits no part type in its top-k training patches, or that have no
 *     carrier (every contribution 0)
 * @param prototypes one row per carrier, most images first
 */
public record OodDiagnostic(int accepted, int hueInImage, int shapeInImage, int partTypeInImage, int carrierWithoutPartType,
        List<Row> prototypes) {

    /**
     * One carrier prototype.
     *
     * @param prototype d
     * @param partType its part type name (e.g. {@code yellow_diamond}), or null
     * @param carried accepted images it carries
     * @param hueInImage of those, images with a part of its hue
     * @param shapeInImage of those, images with a part of its shape
     * @param partTypeInImage of those, images with its part type
     */
    public record Row(int prototype, String partType, int carried, int hueInImage, int shapeInImage, int partTypeInImage) {}

    /**
     * The diagnostic of a model on a PartShapes OOD split.
     *
     * @param train presences of the model on {@code trainSplit} (the projection set)
     * @param ood the model's predictions on {@code oodSplit} (unclamped presences are used)
     * @param accepted which OOD images the class thresholds accept ({@link OodThresholds#accept})
     * @param weights the scoring sheet W [K][D] (relu applied here)
     */
    public static OodDiagnostic compute(PresenceTable train, PartShapesSplit trainSplit, int[] relevant, PatchGeometry geometry, int k,
            PartShapesSplit oodSplit, Prediction ood, boolean[] accepted, float[][] weights) {
        if (ood.size() != oodSplit.size() || accepted.length != oodSplit.size()) {
            throw new IllegalArgumentException("OOD predictions (" + ood.size() + ") and acceptances (" + accepted.length + ") must pair with the "
                    + oodSplit.size() + " OOD images");
        }
        Map<Integer, PartType> types = new LinkedHashMap<>();
        for (int d : relevant) {
            int q = dominantPartType(train, trainSplit, d, geometry, k);
            types.put(d, q < 0 ? null : trainSplit.vocabulary().partType(q));
        }
        int[] carrier = new int[ood.size()];
        List<List<PartInstance>> parts = new ArrayList<>();
        for (int i = 0; i < ood.size(); i++) {
            carrier[i] = accepted[i] ? carrier(ood.unclampedScores()[i], ood.unclampedPresence()[i], weights) : -1;
            parts.add(oodSplit.instances(i));
        }
        return tally(accepted, carrier, parts, types);
    }

    /**
     * The prototype with the largest contribution p_d·relu(W)[ŷ,d] to ŷ = argmax {@code scores} (ties to the lower d),
     * or −1 when every contribution is 0.
     */
    static int carrier(float[] scores, float[] presence, float[][] weights) {
        int y = 0;
        for (int c = 1; c < scores.length; c++) {
            y = scores[c] > scores[y] ? c : y;
        }
        int best = -1;
        double top = 0;
        for (int d = 0; d < presence.length; d++) {
            double v = presence[d] * Math.max(0f, weights[y][d]);
            if (v > top) {
                top = v;
                best = d;
            }
        }
        return best;
    }

    /** The part type hit most often by the top-k training patches of d (keypoint rule), or −1 if none. */
    static int dominantPartType(PresenceTable table, PartShapesSplit split, int d, PatchGeometry geometry, int k) {
        int[] hits = new int[PartType.VOCABULARY_SIZE];
        for (int n : table.topK(d, k)) {
            boolean[] hit = PrototypePurity.hitTypes(split, n, table.cellY(n, d), table.cellX(n, d), geometry, PrototypePurity.Rule.PART_CENTRE_IN_PATCH);
            for (int q = 0; q < hit.length; q++) {
                hits[q] += hit[q] ? 1 : 0;
            }
        }
        int best = -1;
        for (int q = 0; q < hits.length; q++) {
            best = hits[q] > 0 && (best < 0 || hits[q] > hits[best]) ? q : best;
        }
        return best;
    }

    /**
     * Counts, for the accepted images, whether the carrier's hue, shape and part type ({@code types}; a missing or null
     * entry = no part type) occur among the image's parts; {@code carrier[i]} −1 = no carrier.
     */
    static OodDiagnostic tally(boolean[] isAccepted, int[] carrier, List<List<PartInstance>> parts, Map<Integer, PartType> types) {
        int accepted = 0, hue = 0, shape = 0, type = 0, none = 0;
        Map<Integer, int[]> rows = new LinkedHashMap<>();
        for (int i = 0; i < carrier.length; i++) {
            if (!isAccepted[i]) {
                continue;
            }
            accepted++;
            if (carrier[i] < 0) {
                none++;
                continue;
            }
            PartType t = types.get(carrier[i]);
            int[] row = rows.computeIfAbsent(carrier[i], d -> new int[4]);
            row[0]++;
            if (t == null) {
                none++;
                continue;
            }
            boolean h = false, s = false, q = false;
            for (PartInstance p : parts.get(i)) {
                h |= p.hue() == t.hue();
                s |= p.shape() == t.shape();
                q |= p.partTypeId() == t.id();
            }
            hue += h ? 1 : 0;
            shape += s ? 1 : 0;
            type += q ? 1 : 0;
            row[1] += h ? 1 : 0;
            row[2] += s ? 1 : 0;
            row[3] += q ? 1 : 0;
        }
        List<Row> out = new ArrayList<>();
        rows.forEach((d, r) -> out.add(new Row(d, types.get(d) == null ? null : types.get(d).name(), r[0], r[1], r[2], r[3])));
        out.sort((a, b) -> a.carried() != b.carried() ? Integer.compare(b.carried(), a.carried()) : Integer.compare(a.prototype(), b.prototype()));
        return new OodDiagnostic(accepted, hue, shape, type, none, List.copyOf(out));
    }
}

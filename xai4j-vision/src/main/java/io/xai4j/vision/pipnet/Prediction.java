package io.xai4j.vision.pipnet;

/**
 * PIP-Net inference on a batch (docs/methods/pipnet.md#inference-and-abstention).
 *
 * @param presence clamped presences p̂ [B][D] (values below 0.1 set to 0)
 * @param scores raw class scores o [B][K] from the clamped presences
 * @param predicted argmax o, or −1 where the image abstains
 * @param abstained whether max o == 0: no relevant prototype is present ("not seen before")
 * @param unclampedPresence presences p [B][D] without the clamp
 * @param unclampedScores scores from the unclamped presences (OOD thresholds, docs/methods/pipnet.md#ood-detection)
 */
public record Prediction(
        float[][] presence, float[][] scores, int[] predicted, boolean[] abstained, float[][] unclampedPresence, float[][] unclampedScores) {

    /** The label of an abstaining image. */
    public static final int ABSTAIN = -1;

    static Prediction of(float[][] presence, float[][] scores, float[][] unclampedPresence, float[][] unclampedScores) {
        int b = scores.length;
        int[] predicted = new int[b];
        boolean[] abstained = new boolean[b];
        for (int i = 0; i < b; i++) {
            int best = 0;
            for (int c = 1; c < scores[i].length; c++) {
                if (scores[i][c] > scores[i][best]) {
                    best = c;
                }
            }
            abstained[i] = !(scores[i][best] > 0f);
            predicted[i] = abstained[i] ? ABSTAIN : best;
        }
        return new Prediction(presence, scores, predicted, abstained, unclampedPresence, unclampedScores);
    }

    /** Number of images. */
    public int size() {
        return scores.length;
    }
}

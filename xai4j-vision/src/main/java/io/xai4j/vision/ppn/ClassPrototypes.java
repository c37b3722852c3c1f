package io.xai4j.vision.ppn;

/**
 * The part-prototypes of one class (docs/methods/posthoc-ppn.md#order-and-ids): rows p̃_i of {@code prototypes} sum to the class's weight
 * vector v_c (the last one closes the sum in float64 before the float32 cast), ordered by mean contribution over
 * the NMF images, descending.
 *
 * @param classIndex c
 * @param prototypes k'×D float32 p̃_i
 * @param alpha least-squares scale α_i of NMF component i (in the stored order; negative: the part counts against c)
 * @param beta share β_i of the residual (Σβ = 1)
 * @param residual r = v_c − Σ α_i p_i, float64 (kept so that the uniform-β ablation needs no refit)
 * @param nmfError the class's NMF relative error ||V − EP||_F / ||V||_F
 * @param background index of the background component, or −1 (option off)
 * @param meanContribution mean GAP(X)·p̃_i over the NMF images
 * @param images images in the class's NMF
 * @param nmfIterations update steps of the kept NMF attempt
 * @param betaConverged Nelder–Mead met its stopping rule before the iteration cap
 */
public record ClassPrototypes(
        int classIndex,
        float[][] prototypes,
        double[] alpha,
        double[] beta,
        double[] residual,
        double nmfError,
        int background,
        double[] meanContribution,
        int images,
        int nmfIterations,
        boolean betaConverged) {

    /** Number of prototypes k' (background included). */
    public int size() {
        return prototypes.length;
    }

    /** "c&lt;class&gt;/p&lt;i&gt;", or "c&lt;class&gt;/background". */
    public String id(int i) {
        return "c" + classIndex + "/" + (i == background ? "background" : "p" + i);
    }

    /** Whether prototype i is the background component. */
    public boolean isBackground(int i) {
        return i == background;
    }
}

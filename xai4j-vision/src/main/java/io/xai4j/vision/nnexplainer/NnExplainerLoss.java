package io.xai4j.vision.nnexplainer;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import io.xai4j.core.runtime.Tensors;
import io.xai4j.vision.model.ImageClassifier;

/**
 * The NN-Explainer objective as the official code computes it (docs/methods/nn-explainer.md#loss):
 * <pre>
 * L = L_c + λ_e·L_e + λ_tv·(TV(m) + TV(n)) + λ_a·L_area + λ_m·mean(m) + λ_n·mean(n)
 * </pre>
 * with m = σ(max over the target classes of S), n = σ(max over the other classes), L_c the BCE of the classifier's
 * logits on m⊙x, L_e = mean p·log p of its softmax on (1−m)⊙x (minimising it maximises the entropy), TV the
 * reflect-padded total variation and L_area the sorted-vector class area loss. Every scalar that meets a tensor on
 * the gradient path is a {@link Tensors#constant}.
 */
public final class NnExplainerLoss {

    /** Offset that removes the classes outside a subset from the max (the official 1e4). */
    static final float OUTSIDE = 1e4f;
    /** Lower clamp of the probabilities in the entropy term. */
    static final double P_MIN = 1e-16;
    /** Logit threshold of the per-epoch micro accuracy of z_mask (the official metrics_threshold). */
    public static final float ACCURACY_THRESHOLD = -1f;

    private NnExplainerLoss() {}

    /**
     * The loss terms of one batch; every array belongs to the caller's scope.
     *
     * @param total L
     * @param maskLogits z_mask = f(m⊙x) [B,C]
     */
    public record Terms(NDArray total, NDArray classification, NDArray entropy, NDArray tv, NDArray area, NDArray maskMean,
            NDArray nonTargetMean, NDArray maskLogits) {}

    /**
     * The loss of mask logits {@code s} [B,C,H,W] for normalised {@code images} [B,3,H,W] and multi-hot targets
     * {@code y} [B,C] (float), through the frozen {@code classifier}'s gradient path (eval-mode BatchNorm).
     */
    public static Terms compute(ImageClassifier classifier, NDArray images, NDArray s, NDArray y, NnExplainerConfig c) {
        NDArray m = targetMask(s, y), n = nonTargetMask(s, y);
        NDArray zMask = classifier.logitsForGradient(mask(images, m));
        NDArray zInv = classifier.logitsForGradient(mask(images, Tensors.constant(m, 1).sub(m)));
        NDArray lc = classification(zMask, y);
        NDArray le = entropy(zInv);
        NDArray tv = totalVariation(m).add(totalVariation(n));
        NDArray la = area(Activation.sigmoid(s), y, c.areaMin(), c.areaMax());
        NDArray mm = m.mean(), nm = n.mean();
        NDArray total = lc.add(weighted(le, c.lambdaEntropy())).add(weighted(tv, c.lambdaTv())).add(weighted(la, c.lambdaArea()))
                .add(weighted(mm, c.lambdaMask())).add(weighted(nm, c.lambdaNonTarget()));
        return new Terms(total, lc, le, tv, la, mm, nm, zMask);
    }

    private static NDArray weighted(NDArray term, double lambda) {
        return term.mul(Tensors.constant(term, lambda));
    }

    /** m⊙x, the mask broadcast over the channels ([B,H,W] × [B,3,H,W]); 0 is the mean colour in normalised space. */
    static NDArray mask(NDArray images, NDArray m) {
        return images.mul(m.expandDims(1));
    }

    /** m = σ(max_{c∈T} S_c) [B,H,W]; 0 where the image has no target class. */
    public static NDArray targetMask(NDArray s, NDArray y) {
        return subsetMask(s, y, true);
    }

    /** n = σ(max_{c∉T} S_c) [B,H,W]; 0 where every class is a target. */
    public static NDArray nonTargetMask(NDArray s, NDArray y) {
        return subsetMask(s, y, false);
    }

    private static NDArray subsetMask(NDArray s, NDArray y, boolean targets) {
        long b = y.getShape().get(0), classes = y.getShape().get(1);
        // y carries no gradient, so DJL's Number overloads are safe on it
        NDArray member = targets ? y : y.neg().add(1f);
        NDArray offset = member.sub(1f).mul(OUTSIDE).reshape(b, classes, 1, 1);
        NDArray any = member.max(new int[] {1}).reshape(b, 1, 1);
        return Activation.sigmoid(s.add(offset).max(new int[] {1})).mul(any);
    }

    /** L_c = mean over B×C of BCE-with-logits(z, y) = softplus(z) − z·y. */
    public static NDArray classification(NDArray z, NDArray y) {
        return Activation.softPlus(z).sub(z.mul(y)).mean();
    }

    /** L_e = mean over B×C of p·log p with p = softmax(z) clamped below at 1e-16. */
    public static NDArray entropy(NDArray z) {
        NDArray p = z.softmax(1);
        p = p.maximum(Tensors.constant(p, P_MIN));
        return p.mul(p.log()).mean();
    }

    /**
     * TV(z) = mean over B×H×W of |z[i,j] − z[i,j+1]| + |z[i,j] − z[i+1,j]| with reflect padding (index W reads W−2,
     * H reads H−2), so the last column and row repeat the previous difference. A side of 1 adds nothing.
     */
    public static NDArray totalVariation(NDArray z) {
        long b = z.getShape().get(0), h = z.getShape().get(1), w = z.getShape().get(2);
        NDArray sum = Tensors.constant(z, 0);
        if (w > 1) {
            NDArray dx = z.get(":, :, :" + (w - 1)).sub(z.get(":, :, 1:")).abs();
            sum = sum.add(dx.sum()).add(dx.get(":, :, " + (w - 2)).sum());
        }
        if (h > 1) {
            NDArray dy = z.get(":, :" + (h - 1) + ", :").sub(z.get(":, 1:, :")).abs();
            sum = sum.add(dy.sum()).add(dy.get(":, " + (h - 2) + ", :").sum());
        }
        return sum.mul(Tensors.constant(z, 1.0 / (b * h * w)));
    }

    /**
     * L_area = (1/B) Σ_b Σ_{c∈T_b} ℓ(σ(S_bc)) with ℓ(s) = (1/P)·[Σ_{i<kmin} (1 − s_i) + Σ_{i≥kmax} s_i] over the P = H·W
     * values sorted descending, kmin = ⌊P·a_min⌋, kmax = ⌊P·a_max⌋: the kmin largest are pushed to 1 and all but the kmax
     * largest to 0. The sort passes the gradient to the pixels it moved.
     *
     * @param masks σ(S) [B,C,H,W]
     */
    public static NDArray area(NDArray masks, NDArray y, double areaMin, double areaMax) {
        long b = masks.getShape().get(0), classes = masks.getShape().get(1);
        long p = masks.getShape().get(2) * masks.getShape().get(3);
        int kmin = (int) Math.floor(p * areaMin), kmax = (int) Math.floor(p * areaMax);
        NDArray ascending = masks.reshape(b * classes, p).sort(1);
        NDArray rows = Tensors.constant(masks, 0);
        if (kmin > 0) {
            NDArray top = ascending.get(":, " + (p - kmin) + ":").sum(new int[] {1});
            rows = rows.add(Tensors.constant(masks, kmin).sub(top));
        }
        if (kmax < p) {
            rows = rows.add(ascending.get(":, :" + (p - kmax)).sum(new int[] {1}));
        }
        NDArray perClass = rows.mul(Tensors.constant(masks, 1.0 / p)).mul(y.reshape(b * classes));
        return perClass.sum().mul(Tensors.constant(masks, 1.0 / b));
    }
}

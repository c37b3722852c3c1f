package io.xai4j.vision.pipnet;

import ai.djl.ndarray.NDArray;
import io.xai4j.core.runtime.Tensors;

/**
 * The three PIP-Net losses (docs/methods/pipnet.md#losses; Nauta et al., CVPR 2023, eqs. 1–3; official
 * {@code pipnet/train.py}). Inputs are the unclamped outputs of both views of a batch.
 */
public final class PipNetLosses {

    /** ε inside the alignment log. */
    public static final double ALIGN_EPS = 1e-12;

    /** ε inside the tanh log. */
    public static final double TANH_EPS = 1e-8;

    private PipNetLosses() {}

    /**
     * L_A (eq. 1): ( a(z', sg(z'')) + a(z'', sg(z')) ) / 2 with a(u, v) = −mean over cells of
     * log(Σ_d u·v + 1e-12). Both latents are [B,D,H,W]; sg is stop-gradient.
     */
    public static NDArray alignment(NDArray z1, NDArray z2) {
        NDArray both = align(z1, z2.stopGradient()).add(align(z2, z1.stopGradient()));
        return both.div(Tensors.constant(both, 2));
    }

    private static NDArray align(NDArray u, NDArray v) {
        return u.mul(v).sum(new int[] {1}).add((float) ALIGN_EPS).log().mean().neg();
    }

    /**
     * L_T (eq. 2): ( t(p') + t(p'') ) / 2 with t(p) = −mean over d of log(tanh(Σ_b p[b,d]) + 1e-8); each
     * p is [B,D].
     */
    public static NDArray tanh(NDArray p1, NDArray p2) {
        NDArray both = tanhTerm(p1).add(tanhTerm(p2));
        return both.div(Tensors.constant(both, 2));
    }

    private static NDArray tanhTerm(NDArray p) {
        return p.sum(new int[] {0}).tanh().add((float) TANH_EPS).log().mean().neg();
    }

    /**
     * L_C (eq. 3): NLL( log_softmax( log(1 + o²) ), labels ) with o [N,K] and labels of length N (the
     * caller passes [y; y] for two views).
     */
    public static NDArray classification(NDArray scores, int[] labels) {
        NDArray logits = scores.square().add(1f).log();
        NDArray oneHot = Tensors.oneHot(scores.getManager(), labels, (int) scores.getShape().get(1));
        NDArray sum = logits.logSoftmax(1).mul(oneHot).sum().neg();
        return sum.div(Tensors.constant(sum, labels.length));
    }
}

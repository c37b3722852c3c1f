package io.xai4j.vision.explain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;
import io.xai4j.core.runtime.Autograd;
import io.xai4j.vision.model.AvgPool2d;
import io.xai4j.vision.model.BatchNorm2d;
import io.xai4j.vision.model.Conv2d;
import io.xai4j.vision.model.Flatten;
import io.xai4j.vision.model.GlobalAvgPool;
import io.xai4j.vision.model.Layer;
import io.xai4j.vision.model.Linear;
import io.xai4j.vision.model.MaxPool2d;
import io.xai4j.vision.model.Relu;
import io.xai4j.vision.model.Residual;
import io.xai4j.vision.model.Sequential;
import java.util.ArrayList;
import java.util.List;

/**
 * Zhang et al.'s marginal winning probability rules, one per layer kind (cnn-attribution.md §7): a
 * top-down signal P at a layer's output becomes the signal at its input. The rules are linear in P
 * for fixed activations, so contrastive EB reuses them for a signed signal. Mass that reaches a zero
 * normaliser is dropped (no ε) and counted per image in {@link #dropped()}.
 */
final class ExcitationRules {

    private final double[] dropped;

    ExcitationRules(int batch) {
        this.dropped = new double[batch];
    }

    /** Mass dropped at zero normalisers so far, per image. */
    double[] dropped() {
        return dropped.clone();
    }

    /**
     * Signal at the input of {@code children[from]} given the signal at the output of
     * {@code children[to-1]}; a convolution followed by BatchNorm is folded first.
     */
    NDArray excite(List<Layer> children, int from, int to, NDArray x, NDArray p) {
        List<NDArray> inputs = new ArrayList<>();
        NDArray cur = x;
        for (int i = from; i < to; i++) {
            inputs.add(cur);
            if (i + 1 < to) {
                cur = children.get(i).forward(cur, false);
            }
        }
        for (int i = to - 1; i >= from; i--) {
            Layer layer = children.get(i);
            if (layer instanceof BatchNorm2d bn && i > from && children.get(i - 1) instanceof Conv2d conv) {
                p = conv(conv, inputs.get(i - 1 - from), p, bn);
                i--;
            } else {
                p = layer(layer, inputs.get(i - from), p);
            }
        }
        return p;
    }

    private NDArray layer(Layer layer, NDArray x, NDArray p) {
        if (layer instanceof Conv2d conv) {
            return conv(conv, x, p, null);
        } else if (layer instanceof Linear linear) {
            return linear(linear.weight(), x, p);
        } else if (layer instanceof Relu || layer instanceof Flatten) {
            return p.reshape(x.getShape());
        } else if (layer instanceof GlobalAvgPool) {
            long b = x.getShape().get(0), k = x.getShape().get(1);
            NDArray s = x.sum(new int[] {2, 3});
            return x.mul(ratio(p, s).reshape(b, k, 1, 1));
        } else if (layer instanceof AvgPool2d pool) {
            int area = pool.kernel() * pool.kernel();
            NDArray s = pool.forward(x, false).mul(area);
            return x.mul(vectorJacobian(pool::forward, x, ratio(p, s))).mul(area);
        } else if (layer instanceof MaxPool2d pool) {
            return vectorJacobian(pool::forward, x, p);
        } else if (layer instanceof BatchNorm2d bn) {
            long c = x.getShape().get(1);
            NDArray positiveScale = bn.scale().gt(0f).toType(DataType.FLOAT32, false).reshape(1, c, 1, 1);
            NDArray out = p.mul(positiveScale).mul(x.gt(0f).toType(DataType.FLOAT32, false));
            record(p.sub(out));
            return out;
        } else if (layer instanceof Residual residual) {
            return residual(residual, x, p);
        } else if (layer instanceof Sequential seq) {
            return excite(seq.children(), 0, seq.children().size(), x, p);
        }
        throw new UnsupportedModelException(
                "Excitation Backprop has no rule for layer kind " + layer.kind() + " (" + layer.getClass().getName() + ")");
    }

    /** P_in = x ⊙ fᵀ(P / f(x; W⁺); W⁺), with the BatchNorm scale folded into W when given. */
    private NDArray conv(Conv2d conv, NDArray x, NDArray p, BatchNorm2d bn) {
        NDArray w = conv.weight();
        if (bn != null) {
            long out = w.getShape().get(0);
            w = w.mul(bn.scale().reshape(out, 1, 1, 1));
        }
        NDArray wPlus = w.maximum(0f);
        NDArray n = conv.apply(x, wPlus, null);
        return x.mul(vectorJacobian((in, training) -> conv.apply(in, wPlus, null), x, ratio(p, n)));
    }

    /** Linear rule with an explicit weight [out,in] (the dual unit passes −W). */
    NDArray linear(NDArray weight, NDArray x, NDArray p) {
        NDArray wPlus = weight.maximum(0f);
        NDArray n = x.matMul(wPlus.transpose());
        return x.mul(ratio(p, n).matMul(wPlus));
    }

    /** Proportional split of the sum's signal over the positive parts of its branches. */
    private NDArray residual(Residual block, NDArray x, NDArray p) {
        NDArray main = block.main().forward(x, false).maximum(0f);
        NDArray shortcut = block.shortcut().forward(x, false).maximum(0f);
        NDArray share = ratio(p, main.add(shortcut));
        NDArray pMain = excite(block.main().children(), 0, block.main().children().size(), x, share.mul(main));
        NDArray pShort = excite(block.shortcut().children(), 0, block.shortcut().children().size(), x, share.mul(shortcut));
        return pMain.add(pShort);
    }

    /** Adds the signal a rule dropped, summed per image, to {@link #dropped()}. */
    private void record(NDArray lost) {
        float[] perImage = lost.reshape(lost.getShape().get(0), -1).sum(new int[] {1}).toFloatArray();
        for (int b = 0; b < perImage.length; b++) {
            dropped[b] += perImage[b];
        }
    }

    /** P / N where N &gt; 0, else 0; the signal at zero normalisers is recorded as dropped. */
    private NDArray ratio(NDArray p, NDArray n) {
        NDArray positive = n.gt(0f);
        NDArray safe = NDArrays.where(positive, n, n.onesLike());
        record(NDArrays.where(positive, p.zerosLike(), p));
        return NDArrays.where(positive, p.div(safe), p.zerosLike());
    }

    /** ∂⟨head, f(x)⟩/∂x: routes a top-down signal through pooling exactly as its backward pass does. */
    private static NDArray vectorJacobian(PoolForward f, NDArray x, NDArray head) {
        return Autograd.run(collector -> {
            NDArray leaf = x.duplicate();
            leaf.setRequiresGradient(true);
            collector.backward(f.forward(leaf, false).mul(head).sum());
            return leaf.getGradient().duplicate();
        });
    }

    @FunctionalInterface
    private interface PoolForward {
        NDArray forward(NDArray x, boolean training);
    }

}

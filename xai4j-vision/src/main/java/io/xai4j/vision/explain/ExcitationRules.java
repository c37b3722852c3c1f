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
 * Zhang et al.'s marginal winning probability rules, one per layer kind (docs/methods/excitation-backprop.md#eb-marginal-winning-probabilities): a
 * top-down signal P at a layer's output becomes the signal at its input. The rules are linear in P
 * for fixed activations, so contrastive EB reuses them for a signed signal. Mass that reaches a zero
 * normaliser is dropped (no ε) and counted per image in {@link #dropped()}.
 */
final class ExcitationRules {

    private final double[] dropped;
    private final ExcitationBackprop.BatchNormMode batchNorm;

    ExcitationRules(int batch, ExcitationBackprop.BatchNormMode batchNorm) {
        this.dropped = new double[batch];
        this.batchNorm = batchNorm;
    }

    /** Mass dropped at zero normalisers so far, per image. */
    double[] dropped() {
        return dropped.clone();
    }

    /**
     * What one forward pass saw at a layer: its input and output and, for a {@link Sequential}, the trace of each
     * child, for a {@link Residual}, the traces of both branches. Excitation Backprop walks the same tree down, so
     * no layer is forwarded twice.
     */
    record Trace(NDArray input, NDArray output, List<Trace> children, Trace main, Trace shortcut) {}

    /** Forwards {@code layer} (eval mode), recording the trace of everything inside it. */
    static Trace trace(Layer layer, NDArray x) {
        if (layer instanceof Sequential seq) {
            List<Trace> children = trace(seq.children(), x);
            return new Trace(x, children.isEmpty() ? x : children.get(children.size() - 1).output(), children, null, null);
        } else if (layer instanceof Residual block) {
            Trace main = trace(block.main(), x), shortcut = trace(block.shortcut(), x);
            return new Trace(x, main.output().add(shortcut.output()), null, main, shortcut);
        }
        return new Trace(x, layer.forward(x, false), null, null, null);
    }

    /** The traces of a chain of layers, each fed the previous output. */
    static List<Trace> trace(List<Layer> layers, NDArray x) {
        List<Trace> out = new ArrayList<>(layers.size());
        NDArray cur = x;
        for (Layer layer : layers) {
            Trace t = trace(layer, cur);
            out.add(t);
            cur = t.output();
        }
        return out;
    }

    /**
     * Signal at the input of {@code children[from]} given the signal at the output of {@code children[to-1]}; a
     * convolution followed by BatchNorm is folded first (in FOLD mode). {@code traces.get(i − from)} is the trace of
     * {@code children[i]} from the caller's forward pass.
     */
    NDArray excite(List<Layer> children, int from, int to, List<Trace> traces, NDArray p) {
        for (int i = to - 1; i >= from; i--) {
            Layer layer = children.get(i);
            if (layer instanceof BatchNorm2d bn && batchNorm == ExcitationBackprop.BatchNormMode.FOLD && i > from
                    && children.get(i - 1) instanceof Conv2d conv) {
                p = conv(conv, traces.get(i - 1 - from).input(), p, bn);
                i--;
            } else {
                p = layer(layer, traces.get(i - from), p);
            }
        }
        return p;
    }

    private NDArray layer(Layer layer, Trace trace, NDArray p) {
        if (layer instanceof Sequential seq) {
            return excite(seq.children(), 0, seq.children().size(), trace.children(), p);
        } else if (layer instanceof Residual residual) {
            return residual(residual, trace, p);
        }
        return layer(layer, trace.input(), p);
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
            // window sums S = area·mean: x ⊙ area·meanᵀ(P / (area·mean)) = x ⊙ meanᵀ(P / mean), the area cancels
            return x.mul(excitation(pool::forward, x, p));
        } else if (layer instanceof MaxPool2d pool) {
            return vectorJacobian(pool::forward, x, p);
        } else if (layer instanceof BatchNorm2d && batchNorm == ExcitationBackprop.BatchNormMode.PASSTHROUGH) {
            return p;
        } else if (layer instanceof BatchNorm2d bn) {
            long c = x.getShape().get(1);
            NDArray positiveScale = bn.scale().gt(0f).toType(DataType.FLOAT32, false).reshape(1, c, 1, 1);
            NDArray out = p.mul(positiveScale).mul(x.gt(0f).toType(DataType.FLOAT32, false));
            record(p.sub(out));
            return out;
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
        return x.mul(excitation((in, training) -> conv.apply(in, wPlus, null), x, p));
    }

    /**
     * For a map f that is linear in x (a convolution with W⁺ and no bias, a pooling sum): N = f(x) and
     * fᵀ(P / N) = ∂⟨P / N, f(x)⟩/∂x from one forward and one backward pass (N is read off the same forward,
     * detached); the signal at N = 0 is recorded as dropped.
     */
    private NDArray excitation(PoolForward f, NDArray x, NDArray p) {
        return Autograd.run(collector -> {
            NDArray leaf = x.duplicate();
            leaf.setRequiresGradient(true);
            NDArray out = f.forward(leaf, false);
            NDArray head = ratio(p, out.stopGradient());
            collector.backward(out.mul(head).sum());
            return leaf.getGradient().duplicate();
        });
    }

    /** Linear rule with an explicit weight [out,in] (the dual unit passes −W). */
    NDArray linear(NDArray weight, NDArray x, NDArray p) {
        NDArray wPlus = weight.maximum(0f);
        NDArray n = x.matMul(wPlus.transpose());
        return x.mul(ratio(p, n).matMul(wPlus));
    }

    /** Proportional split of the sum's signal over the positive parts of its branches. */
    private NDArray residual(Residual block, Trace trace, NDArray p) {
        NDArray main = trace.main().output().maximum(0f);
        NDArray shortcut = trace.shortcut().output().maximum(0f);
        NDArray share = ratio(p, main.add(shortcut));
        NDArray pMain = layer(block.main(), trace.main(), share.mul(main));
        NDArray pShort = layer(block.shortcut(), trace.shortcut(), share.mul(shortcut));
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

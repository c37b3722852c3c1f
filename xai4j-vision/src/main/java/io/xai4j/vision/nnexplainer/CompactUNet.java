package io.xai4j.vision.nnexplainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import io.xai4j.core.runtime.Tensors;
import io.xai4j.vision.model.BatchNorm2d;
import io.xai4j.vision.model.Conv2d;
import io.xai4j.vision.model.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The explainer network of NN-Explainer for CPU-sized images (docs/methods/nn-explainer.md#the-explainer-network): a
 * U-Net with {@code levels} levels of widths {@code baseWidth·2^l}. Encoder level = [conv3×3 → BN → ReLU]×2, max-pool
 * 2×2 between levels; decoder level = bilinear ×2 upsampling (align_corners = false) → concatenation with the skip →
 * [conv3×3 → BN → ReLU]×2; head conv1×1 → one mask logit per class. An input whose sides are not multiples of
 * 2^(levels−1) is reflect-padded at the bottom and right and the output cropped back, so the logits
 * S [B,C,H,W] are at input resolution.
 */
public final class CompactUNet {

    private final NDManager manager;
    private final int levels;
    private final int baseWidth;
    private final int inChannels;
    private final int numClasses;
    private final List<Block> encoder = new ArrayList<>();
    private final List<Block> decoder = new ArrayList<>();
    private final Conv2d head;

    /** Two conv3×3 → BN → ReLU. */
    private record Block(Conv2d conv1, BatchNorm2d bn1, Conv2d conv2, BatchNorm2d bn2) {
        NDArray forward(NDArray x, boolean training) {
            NDArray y = Tensors.relu(bn1.forward(conv1.forward(x, training), training));
            return Tensors.relu(bn2.forward(conv2.forward(y, training), training));
        }

        List<Parameter> parameters() {
            List<Parameter> p = new ArrayList<>(conv1.parameters());
            p.addAll(bn1.parameters());
            p.addAll(conv2.parameters());
            p.addAll(bn2.parameters());
            return p;
        }
    }

    /**
     * A freshly initialised network (Kaiming-normal convolutions from {@code seed}, BN γ = 1, β = 0).
     *
     * @param levels encoder levels L ≥ 1 (L − 1 poolings)
     * @param baseWidth channels of the first level
     */
    public CompactUNet(NDManager manager, int inChannels, int numClasses, int levels, int baseWidth, long seed) {
        if (levels < 1 || levels > 8 || baseWidth < 1 || numClasses < 1 || inChannels < 1) {
            throw new IllegalArgumentException("explainer network: levels in [1, 8], baseWidth >= 1 and classes >= 1 are required, got levels "
                    + levels + ", baseWidth " + baseWidth + ", classes " + numClasses);
        }
        this.manager = manager;
        this.levels = levels;
        this.baseWidth = baseWidth;
        this.inChannels = inChannels;
        this.numClasses = numClasses;
        SplittableRandom rng = new SplittableRandom(seed);
        int in = inChannels;
        for (int l = 0; l < levels; l++) {
            int w = width(l);
            encoder.add(block(manager, "enc" + l, in, w, rng));
            in = w;
        }
        for (int l = levels - 2; l >= 0; l--) {
            decoder.add(block(manager, "dec" + l, width(l + 1) + width(l), width(l), rng));
        }
        head = Conv2d.create(manager, "head", width(0), numClasses, 1, 1, true, rng);
    }

    private int width(int level) {
        return baseWidth << level;
    }

    private static Block block(NDManager m, String name, int in, int out, SplittableRandom rng) {
        return new Block(Conv2d.create(m, name + ".conv1", in, out, 3, 1, false, rng), BatchNorm2d.create(m, name + ".bn1", out),
                Conv2d.create(m, name + ".conv2", out, out, 3, 1, false, rng), BatchNorm2d.create(m, name + ".bn2", out));
    }

    /**
     * Mask logits S [B,C,H,W] of normalised images [B,3,H,W]. With {@code training} BatchNorm uses batch statistics and
     * updates its running statistics; otherwise eval mode (each image independent of its batch).
     */
    public NDArray forward(NDArray images, boolean training) {
        Shape s = images.getShape();
        if (s.dimension() != 4 || s.get(1) != inChannels) {
            throw new IllegalArgumentException("explainer network: expected images [B," + inChannels + ",H,W], got " + s);
        }
        int h = (int) s.get(2), w = (int) s.get(3), multiple = 1 << (levels - 1);
        int padH = (multiple - h % multiple) % multiple, padW = (multiple - w % multiple) % multiple;
        if (padH >= h || padW >= w) {
            throw new IllegalArgumentException("explainer network: images of " + h + "×" + w + " are too small for " + levels
                    + " levels (reflect padding to a multiple of " + multiple + " needs sides above " + multiple / 2 + ")");
        }
        NDArray x = reflectPad(reflectPad(images, 2, padH), 3, padW);
        List<NDArray> skips = new ArrayList<>();
        for (int l = 0; l < levels; l++) {
            if (l > 0) {
                x = Pool.maxPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
            }
            x = encoder.get(l).forward(x, training);
            skips.add(x);
        }
        for (int i = 0; i < decoder.size(); i++) {
            NDArray skip = skips.get(levels - 2 - i);
            x = decoder.get(i).forward(NDArrays.concat(new NDList(upsample2(x), skip), 1), training);
        }
        NDArray logits = head.forward(x, training);
        return padH == 0 && padW == 0 ? logits : logits.get(":, :, :" + h + ", :" + w);
    }

    /**
     * Bilinear ×2 upsampling of the last two axes with PyTorch's {@code align_corners=False} sampling: output 2i reads
     * source i − ¼ (0.75·x[i] + 0.25·x[i−1]), output 2i+1 reads i + ¼, edges clamped.
     */
    static NDArray upsample2(NDArray x) {
        return upsample2Axis(upsample2Axis(x, 2), 3);
    }

    private static NDArray upsample2Axis(NDArray x, int axis) {
        long n = x.getShape().get(axis);
        String pre = axis == 2 ? ":, :, " : ":, :, :, ";
        NDArray first = x.get(pre + "0:1"), last = x.get(pre + (n - 1) + ":" + n);
        NDArray prev = n == 1 ? first : NDArrays.concat(new NDList(first, x.get(pre + "0:" + (n - 1))), axis);
        NDArray next = n == 1 ? last : NDArrays.concat(new NDList(x.get(pre + "1:" + n), last), axis);
        NDArray threeQuarters = x.mul(Tensors.constant(x, 0.75));
        NDArray quarter = Tensors.constant(x, 0.25);
        NDArray even = threeQuarters.add(prev.mul(quarter));
        NDArray odd = threeQuarters.add(next.mul(quarter));
        Shape s = x.getShape();
        long[] out = s.getShape().clone();
        out[axis] = 2 * n;
        return NDArrays.stack(new NDList(even, odd), axis + 1).reshape(new Shape(out));
    }

    /** Reflect padding of {@code pad} entries after the end of {@code axis} (index n−1+k reads n−1−k). */
    private static NDArray reflectPad(NDArray x, int axis, int pad) {
        if (pad == 0) {
            return x;
        }
        long n = x.getShape().get(axis);
        String pre = axis == 2 ? ":, :, " : ":, :, :, ";
        NDList parts = new NDList(x);
        for (int k = 1; k <= pad; k++) {
            long i = n - 1 - k;
            parts.add(x.get(pre + i + ":" + (i + 1)));
        }
        return NDArrays.concat(parts, axis);
    }

    /** Every parameter (convolutions, BN affine and running statistics) in a fixed order. */
    public List<Parameter> parameters() {
        List<Parameter> p = new ArrayList<>();
        for (Block b : encoder) {
            p.addAll(b.parameters());
        }
        for (Block b : decoder) {
            p.addAll(b.parameters());
        }
        p.addAll(head.parameters());
        return p;
    }

    /** The manager owning the parameters. */
    public NDManager manager() {
        return manager;
    }

    public int levels() {
        return levels;
    }

    public int baseWidth() {
        return baseWidth;
    }

    public int numClasses() {
        return numClasses;
    }

    public int inChannels() {
        return inChannels;
    }
}

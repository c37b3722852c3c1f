package io.xai4j.vision.explain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.xai4j.vision.model.AvgPool2d;
import io.xai4j.vision.model.BatchNorm2d;
import io.xai4j.vision.model.CnnClassifier;
import io.xai4j.vision.model.Conv2d;
import io.xai4j.vision.model.GlobalAvgPool;
import io.xai4j.vision.model.Layer;
import io.xai4j.vision.model.Linear;
import io.xai4j.vision.model.MaxPool2d;
import io.xai4j.vision.model.Relu;
import io.xai4j.vision.model.Residual;
import io.xai4j.vision.model.Sequential;
import java.util.List;
import java.util.SplittableRandom;

/** Tiny networks with every layer kind, with deterministic non-trivial weights and BatchNorm statistics. */
final class TinyNets {

    static final int IN = 2;
    static final int SIZE = 9;

    private TinyNets() {}

    /**
     * conv3×3(pad 1)+BN+ReLU → overlapping max-pool(3, s2, p1) → residual(conv+BN+ReLU+conv+BN, identity)+ReLU
     * → conv3×3 s2 p1 + BN + ReLU → avg-pool(2, s1) → GAP → linear(4→3).
     */
    static CnnClassifier create(NDManager m, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Layer c1 = Sequential.of(List.of(conv(m, "c1.0", IN, 3, 3, 1, rng), bn(m, "c1.1", 3, rng), new Relu()));
        Layer p1 = new MaxPool2d(3, 2, 1);
        Residual block = new Residual(
                Sequential.of(List.of(conv(m, "res.0.a", 3, 3, 3, 1, rng), bn(m, "res.0.b", 3, rng), new Relu(),
                        conv(m, "res.0.c", 3, 3, 3, 1, rng), bn(m, "res.0.d", 3, rng))),
                Sequential.of(List.of()));
        Layer res = Sequential.of(List.of(block, new Relu()));
        Layer c2 = Sequential.of(List.of(conv(m, "c2.0", 3, 4, 3, 2, rng), bn(m, "c2.1", 4, rng), new Relu()));
        Layer ap = new AvgPool2d(2, 1);
        Linear fc = new Linear("fc", m.create(normal(rng, 12, 1.0), new Shape(3, 4)), m.create(normal(rng, 3, 0.1), new Shape(3)));
        Sequential net = new Sequential(List.of("c1", "p1", "res", "c2", "ap", "pool", "fc"),
                List.of(c1, p1, res, c2, ap, new GlobalAvgPool(), fc));
        return new CnnClassifier(m, net, "ap", List.of("a", "b", "c"), new int[] {IN, SIZE, SIZE});
    }

    /** Random images [B, IN, SIZE, SIZE]. */
    static NDArray images(NDManager m, int batch, long seed) {
        return m.create(normal(new SplittableRandom(seed), batch * IN * SIZE * SIZE, 1.0), new Shape(batch, IN, SIZE, SIZE));
    }

    private static Conv2d conv(NDManager m, String name, int in, int out, int k, int stride, SplittableRandom rng) {
        NDArray w = m.create(normal(rng, out * in * k * k, 0.5), new Shape(out, in, k, k));
        return new Conv2d(name, w, null, stride, k / 2, 1, 1);
    }

    private static BatchNorm2d bn(NDManager m, String name, int c, SplittableRandom rng) {
        float[] gamma = new float[c], beta = new float[c], mean = new float[c], var = new float[c];
        for (int i = 0; i < c; i++) {
            gamma[i] = (float) (0.5 + rng.nextDouble());
            beta[i] = (float) (0.3 * rng.nextGaussian());
            mean[i] = (float) (0.2 * rng.nextGaussian());
            var[i] = (float) (0.5 + rng.nextDouble());
        }
        Shape s = new Shape(c);
        return new BatchNorm2d(name, m.create(gamma, s), m.create(beta, s), m.create(mean, s), m.create(var, s));
    }

    static float[] normal(SplittableRandom rng, int n, double std) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (rng.nextGaussian() * std);
        }
        return v;
    }
}

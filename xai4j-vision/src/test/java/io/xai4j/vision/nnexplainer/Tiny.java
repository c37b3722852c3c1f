package io.xai4j.vision.nnexplainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.xai4j.vision.model.CnnClassifier;
import io.xai4j.vision.model.SmallResNet;
import io.xai4j.vision.model.SmallResNetConfig;
import io.xai4j.vision.train.TrainingData;
import java.util.List;
import java.util.SplittableRandom;

/** A tiny classifier, explainer and data set for the NN-Explainer tests. */
final class Tiny {

    static final int SIZE = 8;
    static final int CLASSES = 3;

    private Tiny() {}

    /** A 3-class SmallResNet on 3×8×8 images (stem 4, one stage of 4 channels). */
    static CnnClassifier classifier(NDManager m, long seed) {
        return SmallResNet.create(m, new SmallResNetConfig(3, CLASSES, 4, new int[] {4}, new int[] {2}, 1), List.of("a", "b", "c"), SIZE, seed);
    }

    static CompactUNet network(NDManager m, long seed) {
        return new CompactUNet(m, 3, CLASSES, 2, 4, seed);
    }

    static float[] gaussian(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return v;
    }

    static NDArray images(NDManager m, int b, int h, int w, long seed) {
        return m.create(gaussian(seed, b * 3 * h * w), new Shape(b, 3, h, w));
    }

    /** {@code n} random images with labels i mod 3, in memory. */
    static TrainingData data(int n, long seed) {
        float[] pixels = gaussian(seed, n * 3 * SIZE * SIZE);
        return new TrainingData() {
            @Override
            public int size() {
                return n;
            }

            @Override
            public int label(int index) {
                return index % CLASSES;
            }

            @Override
            public NDArray batch(NDManager manager, int[] indices) {
                int per = 3 * SIZE * SIZE;
                float[] out = new float[indices.length * per];
                for (int i = 0; i < indices.length; i++) {
                    System.arraycopy(pixels, indices[i] * per, out, i * per, per);
                }
                return manager.create(out, new Shape(indices.length, 3, SIZE, SIZE));
            }
        };
    }
}

package io.xai4j.core.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.xai4j.core.model.Classifier;
import io.xai4j.core.model.ParameterRandomization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Tiny classifiers with known outputs for metric tests. */
final class StubModels {

    private StubModels() {}

    /** Logits that ignore the input: softmax gives the same probabilities for every image. */
    static Classifier constant(float... logits) {
        return new Classifier() {
            @Override
            public NDArray logits(NDArray inputs) {
                int b = (int) inputs.getShape().get(0);
                float[] flat = new float[b * logits.length];
                for (int i = 0; i < b; i++) {
                    System.arraycopy(logits, 0, flat, i * logits.length, logits.length);
                }
                return inputs.getManager().create(flat, new Shape(b, logits.length));
            }

            @Override
            public int numClasses() {
                return logits.length;
            }
        };
    }

    /**
     * A bias-free multi-layer linear model logits = W_L ⋯ W_1 · vec(x) over NDArrays, whose layers can
     * be randomised (the MPRT contract). Layer i maps dims[i] → dims[i+1]; the last layer gives logits.
     */
    static final class Linear implements Classifier, ParameterRandomization, AutoCloseable {
        private final NDManager manager = NDManager.newBaseManager();
        private final Map<String, NDArray> weights = new LinkedHashMap<>();
        private final int numClasses;

        /** @param layerWeights row-major [out][in] weights, first layer first */
        Linear(float[][][] layerWeights) {
            for (int l = 0; l < layerWeights.length; l++) {
                float[][] w = layerWeights[l];
                float[] flat = new float[w.length * w[0].length];
                for (int r = 0; r < w.length; r++) {
                    System.arraycopy(w[r], 0, flat, r * w[0].length, w[0].length);
                }
                weights.put("fc" + (l + 1), manager.create(flat, new Shape(w.length, w[0].length)));
            }
            numClasses = layerWeights[layerWeights.length - 1].length;
        }

        /** Current weights of one layer, row-major. */
        float[] weights(String layer) {
            return weights.get(layer).toFloatArray();
        }

        /** Effective linear map W_L ⋯ W_1 as [classes][inputs], computed in Java. */
        float[][] effective() {
            float[][] product = null;
            for (NDArray w : weights.values()) {
                int out = (int) w.getShape().get(0), in = (int) w.getShape().get(1);
                float[] f = w.toFloatArray();
                float[][] m = new float[out][in];
                for (int r = 0; r < out; r++) {
                    System.arraycopy(f, r * in, m[r], 0, in);
                }
                product = product == null ? m : multiply(m, product);
            }
            return product;
        }

        private static float[][] multiply(float[][] a, float[][] b) {
            float[][] out = new float[a.length][b[0].length];
            for (int i = 0; i < a.length; i++) {
                for (int k = 0; k < b.length; k++) {
                    for (int j = 0; j < b[0].length; j++) {
                        out[i][j] += a[i][k] * b[k][j];
                    }
                }
            }
            return out;
        }

        @Override
        public NDArray logits(NDArray inputs) {
            NDArray h = inputs.reshape(inputs.getShape().get(0), -1);
            for (NDArray w : weights.values()) {
                h = h.matMul(w.transpose());
            }
            return h;
        }

        @Override
        public int numClasses() {
            return numClasses;
        }

        @Override
        public List<String> layersTopDown() {
            List<String> names = new ArrayList<>(weights.keySet());
            java.util.Collections.reverse(names);
            return names;
        }

        @Override
        public void randomizeLayer(String layer, long seed) {
            NDArray w = weights.get(layer);
            float[] values = w.toFloatArray();
            double mean = 0, var = 0;
            for (float v : values) {
                mean += v;
            }
            mean /= values.length;
            for (float v : values) {
                var += (v - mean) * (v - mean);
            }
            double std = Math.sqrt(var / values.length);
            Random random = new Random(seed);
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (random.nextGaussian() * std);
            }
            w.set(values);
        }

        @Override
        public Snapshot snapshot() {
            Map<String, float[]> saved = new LinkedHashMap<>();
            weights.forEach((name, w) -> saved.put(name, w.toFloatArray()));
            return new Snapshot() {
                @Override
                public void restore() {
                    saved.forEach((name, values) -> weights.get(name).set(values));
                }

                @Override
                public void close() {}
            };
        }

        @Override
        public void close() {
            manager.close();
        }
    }
}

package io.xai4j.core.metrics;

import ai.djl.ndarray.NDArray;
import io.xai4j.core.explain.Attribution;
import io.xai4j.core.explain.Explainer;
import java.util.Map;

/** Obviously-correct explainers for the metric tests, computed in Java from the images. */
final class TestExplainers {

    private TestExplainers() {}

    /** Gradient × input of a {@link StubModels.Linear} model, summed over channels: reads the current weights. */
    static Explainer gradientTimesInput(StubModels.Linear model) {
        return new Fixed("gradxinput") {
            @Override
            float value(float[] x, int target, int c, int p, int plane, int offset) {
                float[][] effective = model.effective();
                return effective[target][c * plane + p] * x[offset + c * plane + p];
            }

            @Override
            int defaultTarget(float[] x, int offset, int chw) {
                float[][] effective = model.effective();
                int best = 0;
                double bestScore = Double.NEGATIVE_INFINITY;
                for (int t = 0; t < effective.length; t++) {
                    double score = 0;
                    for (int j = 0; j < chw; j++) {
                        score += effective[t][j] * x[offset + j];
                    }
                    if (score > bestScore) {
                        bestScore = score;
                        best = t;
                    }
                }
                return best;
            }
        };
    }

    /** Σ_c |x|: ignores the model entirely (a method that must fail the randomisation test). */
    static Explainer inputMagnitude() {
        return new Fixed("inputmagnitude") {
            @Override
            float value(float[] x, int target, int c, int p, int plane, int offset) {
                return Math.abs(x[offset + c * plane + p]);
            }
        };
    }

    /** Template: raw[h][w] = Σ_c value(c, pixel). */
    abstract static class Fixed implements Explainer {
        private final String name;

        Fixed(String name) {
            this.name = name;
        }

        abstract float value(float[] x, int target, int c, int p, int plane, int offset);

        int defaultTarget(float[] x, int offset, int chw) {
            return 0;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int numClasses() {
            return 2;
        }

        @Override
        public Attribution explain(NDArray images, int[] targets) {
            long[] s = images.getShape().getShape();
            int b = (int) s[0], channels = (int) s[1], h = (int) s[2], w = (int) s[3];
            int plane = h * w;
            float[] x = images.toFloatArray();
            float[][][] raw = new float[b][h][w];
            int[] chosen = new int[b];
            for (int i = 0; i < b; i++) {
                int offset = i * channels * plane;
                chosen[i] = targets == null ? defaultTarget(x, offset, channels * plane) : targets[i];
                for (int p = 0; p < plane; p++) {
                    for (int c = 0; c < channels; c++) {
                        raw[i][p / w][p % w] += value(x, chosen[i], c, p, plane, offset);
                    }
                }
            }
            return Attribution.of(name, raw, h, w, new float[b], chosen, null, Map.of());
        }
    }
}

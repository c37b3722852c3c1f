package io.xai4j.core.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.xai4j.core.model.Classifier;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Infidelity (Yeh et al., <i>On the (In)fidelity and Sensitivity of Explanations</i>, NeurIPS 2019,
 * arXiv 1901.09392; Captum {@code captum.metrics.infidelity}), docs/methods/image-metrics.md#infidelity:
 * INFD = (1/n) Σ_j (Iⱼᵀ Φ − (f_t(x) − f_t(x − Iⱼ)))², with the map Φ [H,W] broadcast over the input
 * channels (Iᵀ Φ = Σ_{c,h,w} I[c,h,w]·Φ[h,w]) and f_t the target logit (option: probability). With
 * {@code normalize} (Yeh's official code; recommended for min–max maps) Φ is first rescaled by the
 * least-squares β = Σ_j (IⱼᵀΦ)(Δf_j) / Σ_j (IⱼᵀΦ)² (β = 0 if the denominator is 0), as Captum does.
 * Defaults follow Captum: n = 10, {@code normalize = false}; perturbations I ~ N(0, 0.003²) (Captum's
 * documentation example; Captum itself has no default), seed 0. Preset {@link #scouter()}: σ = 0.2,
 * n = 50. Lower is better. Maps should be the raw attributions at image resolution
 * ({@code Attribution.rawAtResolution}), not the min–max normalised ones.
 */
public final class Infidelity {

    /** What f_t reads from the model. */
    public enum Output {
        LOGIT,
        PROBABILITY
    }

    private final int samples;
    private final boolean normalize;
    private final Perturbation perturbation;
    private final String perturbationName;
    private final long seed;
    private final Output output;
    private final int forwardBatch;
    private final ScoreFunction scoreFunction;

    private Infidelity(Builder builder) {
        this.samples = builder.samples;
        this.normalize = builder.normalize;
        this.perturbation = builder.perturbation;
        this.perturbationName = builder.perturbationName;
        this.seed = builder.seed;
        this.output = builder.output;
        this.forwardBatch = builder.forwardBatch;
        this.scoreFunction = builder.scoreFunction;
    }

    /** Captum defaults: n = 10, no normalisation, I ~ N(0, 0.003²), seed 0, target logit. */
    public static Builder builder() {
        return new Builder();
    }

    /** The SCOUTER reproduction preset: I ~ N(0, 0.2²), n = 50, seed 0. */
    public static Builder scouter() {
        return new Builder().optSamples(50).optSigma(0.2);
    }

    /** Evaluates a batch whose first image is sample 0 of the seeding. */
    public MetricResult evaluate(Classifier model, NDArray images, float[][][] maps, int[] targets) {
        return evaluate(model, images, maps, targets, 0);
    }

    /**
     * Evaluates a batch.
     *
     * @param images [B,C,H,W] in model-input space
     * @param maps [B][H][W] attributions Φ at image resolution (raw, un-normalised by default)
     * @param targets the explained class of each image
     * @param firstSampleIndex data-set index of the first image: its generator is seeded with
     *     seed + index, so results do not depend on how a data set is cut into batches
     */
    public MetricResult evaluate(Classifier model, NDArray images, float[][][] maps, int[] targets, long firstSampleIndex) {
        Shape shape = images.getShape();
        if (shape.dimension() != 4) {
            throw new IllegalArgumentException("expected images [B,C,H,W], got shape " + shape);
        }
        int b = (int) shape.get(0), channels = (int) shape.get(1), h = (int) shape.get(2), w = (int) shape.get(3);
        MetricInputs.checkMaps("maps", maps, b, h, w);
        MetricInputs.checkTargets(targets, b, model.numClasses());
        int plane = h * w, chw = channels * plane;
        float[] x = ModelScores.toJava(images);
        Random[] generators = new Random[b];
        for (int i = 0; i < b; i++) {
            generators[i] = new Random(seed + firstSampleIndex + i);
        }
        double[][] attributionDotNoise = new double[b][samples];
        double[] original = new double[b];
        double[][] perturbed = new double[b][samples];
        float[] noise = new float[chw];
        int jobsPerImage = samples + 1;
        // job (i, 0) is x itself; job (i, j + 1) is x − I_j. Jobs are written in order, so each
        // sample's generator is drawn in the order 0, 1, … whatever forwardBatch is.
        ModelScores.score(model, images.getManager(), new Shape(channels, h, w), b * jobsPerImage, forwardBatch, scoreFunction,
                (job, buffer, offset) -> {
                    int i = job / jobsPerImage, k = job % jobsPerImage;
                    int base = i * chw;
                    if (k == 0) {
                        System.arraycopy(x, base, buffer, offset, chw);
                        return;
                    }
                    perturbation.draw(firstSampleIndex + i, k - 1, generators[i], noise);
                    double dot = 0;
                    for (int c = 0; c < channels; c++) {
                        for (int p = 0; p < plane; p++) {
                            int e = c * plane + p;
                            dot += (double) noise[e] * maps[i][p / w][p % w];
                            buffer[offset + e] = x[base + e] - noise[e];
                        }
                    }
                    attributionDotNoise[i][k - 1] = dot;
                },
                (job, logits, probabilities) -> {
                    int i = job / jobsPerImage, k = job % jobsPerImage;
                    double f = output == Output.LOGIT ? logits[targets[i]] : probabilities[targets[i]];
                    if (k == 0) {
                        original[i] = f;
                    } else {
                        perturbed[i][k - 1] = f;
                    }
                });
        double[] values = new double[b];
        for (int i = 0; i < b; i++) {
            double[] delta = new double[samples];
            for (int j = 0; j < samples; j++) {
                delta[j] = original[i] - perturbed[i][j];
            }
            values[i] = infidelity(attributionDotNoise[i], delta, normalize);
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("samples", samples);
        params.put("normalize", normalize);
        params.put("perturbation", perturbationName);
        params.put("seed", seed);
        params.put("output", output.name().toLowerCase());
        return MetricResult.of("infidelity", values, Direction.LOWER, Category.FAITHFULNESS, params);
    }

    /**
     * Captum's aggregation: with A = Σ (IᵀΦ)², B = Σ (IᵀΦ)Δf, C = Σ Δf², INFD = (β²A − 2βB + C)/n,
     * β = B/A when normalising (0 if A = 0), else 1.
     */
    static double infidelity(double[] attributionDotNoise, double[] delta, boolean normalize) {
        double a = 0, cross = 0, c = 0;
        for (int j = 0; j < delta.length; j++) {
            a += attributionDotNoise[j] * attributionDotNoise[j];
            cross += attributionDotNoise[j] * delta[j];
            c += delta[j] * delta[j];
        }
        double beta = normalize ? (a == 0 ? 0 : cross / a) : 1;
        return (beta * beta * a - 2 * beta * cross + c) / delta.length;
    }

    /** Options, DJL style. */
    public static final class Builder {
        private int samples = 10;
        private boolean normalize;
        private Perturbation perturbation = Perturbation.gaussian(0.003);
        private String perturbationName = "gaussian(0.003)";
        private long seed;
        private Output output = Output.LOGIT;
        private int forwardBatch = 64;
        private ScoreFunction scoreFunction = ScoreFunction.SOFTMAX;

        private Builder() {}

        /** Number of perturbations n per image (default 10). */
        public Builder optSamples(int samples) {
            MetricInputs.checkPositive("samples", samples);
            this.samples = samples;
            return this;
        }

        /** Rescale Φ by the least-squares β (Yeh's official code); default false (Captum). */
        public Builder optNormalize(boolean normalize) {
            this.normalize = normalize;
            return this;
        }

        /** Gaussian perturbations with standard deviation σ (default 0.003). */
        public Builder optSigma(double sigma) {
            this.perturbation = Perturbation.gaussian(sigma);
            this.perturbationName = "gaussian(" + sigma + ")";
            return this;
        }

        /** Any perturbation distribution (Captum's {@code perturb_func}). */
        public Builder optPerturbation(Perturbation perturbation, String name) {
            this.perturbation = java.util.Objects.requireNonNull(perturbation, "perturbation");
            this.perturbationName = java.util.Objects.requireNonNull(name, "name");
            return this;
        }

        /** Base seed (default 0); sample i uses seed + i. */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** f_t = target logit (default) or target probability. */
        public Builder optOutput(Output output) {
            this.output = java.util.Objects.requireNonNull(output, "output");
            return this;
        }

        /** Perturbed images per forward pass (default 64). */
        public Builder optForwardBatch(int forwardBatch) {
            MetricInputs.checkPositive("forwardBatch", forwardBatch);
            this.forwardBatch = forwardBatch;
            return this;
        }

        /** Probability function for {@link Output#PROBABILITY}: softmax (default) or sigmoid. */
        public Builder optScoreFunction(ScoreFunction scoreFunction) {
            this.scoreFunction = java.util.Objects.requireNonNull(scoreFunction, "scoreFunction");
            return this;
        }

        public Infidelity build() {
            return new Infidelity(this);
        }
    }
}

package io.xai4j.core.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.xai4j.core.explain.Attribution;
import io.xai4j.core.explain.Explainer;
import java.util.Map;
import java.util.Random;

/**
 * Max-sensitivity (Yeh et al., <i>On the (In)fidelity and Sensitivity of Explanations</i>, NeurIPS 2019,
 * arXiv 1901.09392; Captum {@code captum.metrics.sensitivity_max}), docs/methods/image-metrics.md#max-sensitivity:
 * SENS = max_{j=1..n} ‖Φ(x + δⱼ) − Φ(x)‖_F / ‖Φ(x)‖_F with δⱼ ~ U[−r, r] per input element, r = 0.02,
 * n = 10; ‖Φ(x)‖_F = 0 → divide by 1 (Captum). Φ(x + δ) is recomputed for the same targets as Φ(x).
 * By default Φ is the raw attribution upsampled to image resolution (what Captum sees); option:
 * the normalised {@code maps}. Each sample draws from its own generator seeded with seed + index.
 * Lower is better.
 */
public final class MaxSensitivity {

    /** Which map of an {@link Attribution} is compared. */
    public enum MapSource {
        /** raw attributions upsampled to image resolution (default, Captum). */
        RAW,
        /** the min–max normalised {@code maps}. */
        NORMALISED
    }

    private final int samples;
    private final double radius;
    private final long seed;
    private final MapSource mapSource;

    private MaxSensitivity(Builder builder) {
        this.samples = builder.samples;
        this.radius = builder.radius;
        this.seed = builder.seed;
        this.mapSource = builder.mapSource;
    }

    /** Captum defaults: n = 10, r = 0.02; seed 0, raw maps. */
    public static Builder builder() {
        return new Builder();
    }

    /** Evaluates a batch whose first image is sample 0 of the seeding. */
    public MetricResult evaluate(Explainer explainer, NDArray images, int[] targets) {
        return evaluate(explainer, images, targets, 0);
    }

    /**
     * Evaluates a batch: one explanation of the images, then n explanations of perturbed copies.
     *
     * @param images [B,C,H,W] in model-input space
     * @param targets explained classes, or null for the explainer's default (top-1 of the clean
     *     images, then kept fixed for the perturbed ones)
     * @param firstSampleIndex data-set index of the first image, for seeding
     */
    public MetricResult evaluate(Explainer explainer, NDArray images, int[] targets, long firstSampleIndex) {
        Shape shape = images.getShape();
        if (shape.dimension() != 4) {
            throw new IllegalArgumentException("expected images [B,C,H,W], got shape " + shape);
        }
        int b = (int) shape.get(0), h = (int) shape.get(2), w = (int) shape.get(3);
        int chw = (int) (shape.size() / b);
        Attribution clean = explainer.explain(images, targets);
        int[] fixedTargets = clean.targets();
        float[][][] reference = maps(clean, h, w);
        float[] x = ModelScores.toJava(images);
        Random[] generators = new Random[b];
        for (int i = 0; i < b; i++) {
            generators[i] = new Random(seed + firstSampleIndex + i);
        }
        Perturbation uniform = Perturbation.uniform(radius);
        double[] values = new double[b];
        float[] noise = new float[chw];
        for (int j = 0; j < samples; j++) {
            float[] perturbed = new float[x.length];
            for (int i = 0; i < b; i++) {
                uniform.draw(firstSampleIndex + i, j, generators[i], noise);
                for (int e = 0; e < chw; e++) {
                    perturbed[i * chw + e] = x[i * chw + e] + noise[e];
                }
            }
            float[][][] moved;
            try (NDManager chunk = images.getManager().newSubManager()) {
                moved = maps(explainer.explain(chunk.create(perturbed, shape), fixedTargets), h, w);
            }
            for (int i = 0; i < b; i++) {
                values[i] = Math.max(values[i], relativeChange(reference[i], moved[i]));
            }
        }
        Map<String, Object> params = Map.of(
                "samples", samples, "radius", radius, "seed", seed, "maps", mapSource.name().toLowerCase(),
                "method", explainer.name());
        return MetricResult.of("max_sensitivity", values, Direction.LOWER, Category.ROBUSTNESS, params);
    }

    private float[][][] maps(Attribution attribution, int h, int w) {
        return mapSource == MapSource.RAW ? attribution.rawAtResolution(h, w) : attribution.maps();
    }

    /** ‖moved − reference‖_F / ‖reference‖_F, a zero reference norm read as 1 (Captum). */
    static double relativeChange(float[][] reference, float[][] moved) {
        double diff = 0, norm = 0;
        for (int y = 0; y < reference.length; y++) {
            for (int x = 0; x < reference[y].length; x++) {
                double d = moved[y][x] - reference[y][x];
                diff += d * d;
                norm += (double) reference[y][x] * reference[y][x];
            }
        }
        return Math.sqrt(diff) / (norm == 0 ? 1 : Math.sqrt(norm));
    }

    /** Options, DJL style. */
    public static final class Builder {
        private int samples = 10;
        private double radius = 0.02;
        private long seed;
        private MapSource mapSource = MapSource.RAW;

        private Builder() {}

        /** Number of perturbations n (default 10). */
        public Builder optSamples(int samples) {
            MetricInputs.checkPositive("samples", samples);
            this.samples = samples;
            return this;
        }

        /** Radius r of the uniform perturbation (default 0.02). */
        public Builder optRadius(double radius) {
            if (!(radius >= 0)) {
                throw new IllegalArgumentException("radius must be ≥ 0, got " + radius);
            }
            this.radius = radius;
            return this;
        }

        /** Base seed (default 0); sample i uses seed + i. */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Compare raw (default) or normalised maps. */
        public Builder optMapSource(MapSource mapSource) {
            this.mapSource = java.util.Objects.requireNonNull(mapSource, "mapSource");
            return this;
        }

        public MaxSensitivity build() {
            return new MaxSensitivity(this);
        }
    }
}

package io.xai4j.core.explain;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * The settings a method may read when the registry builds it; each method uses the ones it has and ignores
 * the rest (its {@link MethodInfo} and docs/methods say which).
 *
 * @param layer the layer a layer method reads (null: the model's feature layer)
 * @param seed the seed of stochastic methods
 * @param perturbations masks or samples of perturbation methods (RISE's N)
 * @param batchSize inputs (or perturbed inputs) per forward pass where a method batches internally
 * @param prototypes a file fitted to the model beforehand for methods that need one ({@link Requirement#FITTED_PROTOTYPES}),
 *     null when none is given
 */
public record MethodOptions(String layer, long seed, int perturbations, int batchSize, Path prototypes) {

    /** The settings above, for {@link MethodInfo#settings()}. */
    public enum Setting {
        LAYER("--layer"), SEED("--seed"), PERTURBATIONS("--rise-masks"), BATCH_SIZE("--batch-size"), PROTOTYPES("--prototypes");

        private final String option;

        Setting(String option) {
            this.option = option;
        }

        /** The CLI option that sets it. */
        public String option() {
            return option;
        }
    }

    /** RISE's N in the CLI unless --rise-masks says otherwise. */
    public static final int DEFAULT_PERTURBATIONS = 2000;
    /** Graphs per batch, and perturbed images per forward pass. */
    public static final int DEFAULT_BATCH = 32;

    public MethodOptions {
        if (perturbations < 1) {
            throw new IllegalArgumentException("perturbations must be >= 1, got " + perturbations);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
    }

    /** Without a fitted file. */
    public MethodOptions(String layer, long seed, int perturbations, int batchSize) {
        this(layer, seed, perturbations, batchSize, null);
    }

    /** What these options add to what a model offers: {@link Requirement#FITTED_PROTOTYPES} when a file is given. */
    public Set<Requirement> offers() {
        return prototypes == null ? EnumSet.noneOf(Requirement.class) : EnumSet.of(Requirement.FITTED_PROTOTYPES);
    }

    /** Defaults: the feature layer, seed 0, {@value #DEFAULT_PERTURBATIONS} perturbations, batch {@value #DEFAULT_BATCH}. */
    public static MethodOptions defaults() {
        return new MethodOptions(null, 0L, DEFAULT_PERTURBATIONS, DEFAULT_BATCH);
    }

    public MethodOptions withLayer(String l) {
        return new MethodOptions(l, seed, perturbations, batchSize, prototypes);
    }

    public MethodOptions withSeed(long s) {
        return new MethodOptions(layer, s, perturbations, batchSize, prototypes);
    }

    public MethodOptions withPerturbations(int n) {
        return new MethodOptions(layer, seed, n, batchSize, prototypes);
    }

    public MethodOptions withBatchSize(int b) {
        return new MethodOptions(layer, seed, perturbations, b, prototypes);
    }

    public MethodOptions withPrototypes(Path p) {
        return new MethodOptions(layer, seed, perturbations, batchSize, p);
    }
}

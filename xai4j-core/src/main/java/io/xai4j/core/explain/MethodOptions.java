package io.xai4j.core.explain;

import java.nio.file.Path;

/**
 * The settings a method may read when the registry builds it; each method uses the ones it has and ignores
 * the rest (its {@link MethodInfo} and docs/methods say which).
 *
 * @param layer the layer a layer method reads (null: the model's feature layer)
 * @param seed the seed of stochastic methods
 * @param perturbations masks or samples of perturbation methods (RISE's N)
 * @param batchSize inputs (or perturbed inputs) per forward pass where a method batches internally
 * @param explainerFile the trained explainer a learned method loads (null: none given)
 * @param prototypes a file fitted to the model beforehand for methods that need one (post-hoc prototypes), null when none
 *     is given
 */
public record MethodOptions(String layer, long seed, int perturbations, int batchSize, String explainerFile, Path prototypes) {

    /** The settings above, for {@link MethodInfo#settings()}. */
    public enum Setting {
        LAYER("--layer"), SEED("--seed"), PERTURBATIONS("--rise-masks"), BATCH_SIZE("--batch-size"), EXPLAINER_FILE("--explainer"), PROTOTYPES("--prototypes");

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

    /** Without a trained or fitted file. */
    public MethodOptions(String layer, long seed, int perturbations, int batchSize) {
        this(layer, seed, perturbations, batchSize, null, null);
    }

    /**
     * Whether {@code setting} was given: the trained explainer and the prototype file only when set; the other settings
     * always have a value (their defaults).
     */
    public boolean has(Setting setting) {
        return switch (setting) {
            case EXPLAINER_FILE -> explainerFile != null;
            case PROTOTYPES -> prototypes != null;
            default -> true;
        };
    }

    /** Defaults: the feature layer, seed 0, {@value #DEFAULT_PERTURBATIONS} perturbations, batch {@value #DEFAULT_BATCH}. */
    public static MethodOptions defaults() {
        return new MethodOptions(null, 0L, DEFAULT_PERTURBATIONS, DEFAULT_BATCH);
    }

    public MethodOptions withLayer(String l) {
        return new MethodOptions(l, seed, perturbations, batchSize, explainerFile, prototypes);
    }

    public MethodOptions withSeed(long s) {
        return new MethodOptions(layer, s, perturbations, batchSize, explainerFile, prototypes);
    }

    public MethodOptions withPerturbations(int n) {
        return new MethodOptions(layer, seed, n, batchSize, explainerFile, prototypes);
    }

    public MethodOptions withBatchSize(int b) {
        return new MethodOptions(layer, seed, perturbations, b, explainerFile, prototypes);
    }

    public MethodOptions withExplainerFile(String file) {
        return new MethodOptions(layer, seed, perturbations, batchSize, file, prototypes);
    }

    public MethodOptions withPrototypes(Path p) {
        return new MethodOptions(layer, seed, perturbations, batchSize, explainerFile, p);
    }
}

package io.xai4j.core.explain;

/**
 * The settings a method may read when the registry builds it; each method uses the ones it has and ignores
 * the rest (its {@link MethodInfo} and docs/methods say which).
 *
 * @param layer the layer a layer method reads (null: the model's feature layer)
 * @param seed the seed of stochastic methods
 * @param perturbations masks or samples of perturbation methods (RISE's N)
 * @param batchSize inputs (or perturbed inputs) per forward pass where a method batches internally
 * @param explainerFile the trained explainer a learned method loads (null: none given)
 */
public record MethodOptions(String layer, long seed, int perturbations, int batchSize, String explainerFile) {

    /** The settings above, for {@link MethodInfo#settings()}. */
    public enum Setting {
        LAYER("--layer"), SEED("--seed"), PERTURBATIONS("--rise-masks"), BATCH_SIZE("--batch-size"), EXPLAINER_FILE("--explainer");

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

    /** The settings without a trained explainer file. */
    public MethodOptions(String layer, long seed, int perturbations, int batchSize) {
        this(layer, seed, perturbations, batchSize, null);
    }

    /**
     * Whether {@code setting} was given: a trained explainer file only when set; the other settings always have a
     * value (their defaults).
     */
    public boolean has(Setting setting) {
        return setting != Setting.EXPLAINER_FILE || explainerFile != null;
    }

    /** Defaults: the feature layer, seed 0, {@value #DEFAULT_PERTURBATIONS} perturbations, batch {@value #DEFAULT_BATCH}. */
    public static MethodOptions defaults() {
        return new MethodOptions(null, 0L, DEFAULT_PERTURBATIONS, DEFAULT_BATCH);
    }

    public MethodOptions withLayer(String l) {
        return new MethodOptions(l, seed, perturbations, batchSize, explainerFile);
    }

    public MethodOptions withSeed(long s) {
        return new MethodOptions(layer, s, perturbations, batchSize, explainerFile);
    }

    public MethodOptions withPerturbations(int n) {
        return new MethodOptions(layer, seed, n, batchSize, explainerFile);
    }

    public MethodOptions withBatchSize(int b) {
        return new MethodOptions(layer, seed, perturbations, b, explainerFile);
    }

    public MethodOptions withExplainerFile(String file) {
        return new MethodOptions(layer, seed, perturbations, batchSize, file);
    }
}

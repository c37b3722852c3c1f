package io.xai4j.vision.ppn;

import com.fasterxml.jackson.databind.JsonNode;
import io.xai4j.core.io.Json;
import io.xai4j.vision.model.ImageClassifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A post-hoc part-prototype model (Tan, Zhou, Chen, "Post-hoc Part-Prototype Networks", ICML 2024, arXiv
 * 2406.03421; posthoc-ppn.md): a reference to an unchanged black-box CNN whose head is GAP + linear, plus per class
 * k part-prototypes p̃_i with Σ_i p̃_i = v_c. For image x with non-negative features X (N cells × D channels),
 * logit_c = Σ_i mean_j (X p̃_iᵀ)_j + b_c, so predictions are the black box's by construction. The bias stays a
 * separate term (docs/methods/posthoc-ppn.md#bias).
 *
 * <p>The file (JSON, written atomically) holds the prototypes and the black-box reference, never the black box's
 * weights.
 *
 * @param blackBox what the prototypes decompose
 * @param classNames the black box's classes
 * @param bias b_c
 * @param featureDim D
 * @param classes per class, in class order
 * @param settings how they were fitted
 * @param variant "fitted", or a baseline: "uniform-beta", "random-partition"
 */
public record PostHocPrototypes(BlackBox blackBox, List<String> classNames, float[] bias, int featureDim, List<ClassPrototypes> classes,
        FitSettings settings, String variant) {

    /**
     * The black box the prototypes belong to.
     *
     * @param kind "xai4j" (a model file) or "torchscript"
     * @param path the file, as given when fitting
     * @param sha256 the file's digest, so that a changed file is noticed
     * @param inputSize S
     * @param mean input normalisation mean
     * @param std input normalisation std
     * @param layer the feature layer decomposed
     * @param data the training data ({@code dataset}, {@code dataDir}, {@code seed}), or null
     */
    public record BlackBox(String kind, String path, String sha256, int inputSize, float[] mean, float[] std, String layer, JsonNode data) {}

    /** Checks that {@code model} has this black box's classes and head, so the decomposition stays exact. */
    public void requireMatches(ImageClassifier model) {
        if (!model.classNames().equals(classNames)) {
            throw new IllegalArgumentException("the prototypes were fitted for classes " + classNames + " but the model has "
                    + model.classNames());
        }
        ImageClassifier.LinearHead head = model.linearHead().orElseThrow(() -> new IllegalArgumentException(
                "the model has no GAP + linear head after '" + blackBox.layer() + "'"));
        for (int c = 0; c < classNames.size(); c++) {
            float[] v = head.weight()[c];
            if (v.length != featureDim) {
                throw new IllegalArgumentException("the model has " + v.length + " feature channels, the prototypes " + featureDim);
            }
            float[][] p = classes.get(c).prototypes();
            double worst = 0, scale = 1;
            for (int d = 0; d < featureDim; d++) {
                double s = 0;
                for (float[] row : p) {
                    s += row[d];
                }
                worst = Math.max(worst, Math.abs(s - v[d]));
                scale = Math.max(scale, Math.abs(v[d]));
            }
            if (worst > 1e-5 * scale || Math.abs(head.bias()[c] - bias[c]) > 1e-6 * Math.max(1, Math.abs(bias[c]))) {
                throw new IllegalArgumentException("class " + classNames.get(c) + ": the model's head differs from the one the prototypes"
                        + " were fitted on (Σ p̃ − v off by " + worst + "); refit with 'ppn fit'");
            }
        }
    }

    /**
     * The uniform-β ablation (docs/methods/posthoc-ppn.md#metrics): p̃_i = α_i p_i + r/k', i.e. p̃_i + (1/k' − β_i)·r, closed exactly again; no
     * Nelder–Mead step.
     */
    public PostHocPrototypes uniformBeta() {
        List<ClassPrototypes> out = new ArrayList<>();
        for (ClassPrototypes cp : classes) {
            int k = cp.size();
            double[][] rows = new double[k][featureDim];
            double[] v = new double[featureDim];
            for (int i = 0; i < k; i++) {
                for (int d = 0; d < featureDim; d++) {
                    rows[i][d] = cp.prototypes()[i][d] + (1.0 / k - cp.beta()[i]) * cp.residual()[d];
                    v[d] += cp.prototypes()[i][d];
                }
            }
            double[] beta = new double[k];
            java.util.Arrays.fill(beta, 1.0 / k);
            out.add(new ClassPrototypes(cp.classIndex(), ExactSum.close(rows, v), cp.alpha(), beta, cp.residual(), cp.nmfError(),
                    cp.background(), cp.meanContribution(), cp.images(), cp.nmfIterations(), true));
        }
        return new PostHocPrototypes(blackBox, classNames, bias, featureDim, List.copyOf(out), settings, "uniform-beta");
    }

    /**
     * The random channel partition baseline (docs/methods/posthoc-ppn.md#metrics): each channel d goes to one of k prototypes uniformly at random
     * (seeded), p̃_i = v_c ⊙ 1[assign(d) = i]; exact as well. No background component.
     */
    public static PostHocPrototypes randomPartition(PostHocPrototypes like, float[][] weight, int k, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<ClassPrototypes> out = new ArrayList<>();
        int dim = weight[0].length;
        for (int c = 0; c < weight.length; c++) {
            float[][] p = new float[k][dim];
            for (int d = 0; d < dim; d++) {
                p[rng.nextInt(k)][d] = weight[c][d];
            }
            out.add(new ClassPrototypes(c, p, new double[k], new double[k], new double[dim], Double.NaN, -1, new double[k], 0, 0, true));
        }
        return new PostHocPrototypes(like.blackBox, like.classNames, like.bias, dim, List.copyOf(out), like.settings, "random-partition");
    }

    /** Writes the model file atomically (JSON). */
    public void save(Path file) {
        Json.writeFile(file, this);
    }

    /** Reads a model file written by {@link #save}. */
    public static PostHocPrototypes load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("prototype file not found: " + file);
        }
        try {
            PostHocPrototypes p = Json.MAPPER.readValue(file.toFile(), PostHocPrototypes.class);
            if (p.classes() == null || p.classNames() == null || p.classes().size() != p.classNames().size()) {
                throw new IllegalArgumentException(file + ": not a ppn prototype file (expected 'classes' for every entry of 'classNames')");
            }
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " as a ppn prototype file: " + e.getMessage(), e);
        }
    }
}

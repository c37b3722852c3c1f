package io.xai4j.vision.experiment;

import ai.djl.ndarray.NDArray;
import io.xai4j.core.metrics.DeletionAuc;
import io.xai4j.core.metrics.DistractorRate;
import io.xai4j.core.metrics.EnergyPointingGame;
import io.xai4j.core.metrics.GiniSparseness;
import io.xai4j.core.metrics.InsertionAuc;
import io.xai4j.core.metrics.LocalisationIoU;
import io.xai4j.core.metrics.MetricResult;
import io.xai4j.core.metrics.PointingGame;
import io.xai4j.core.metrics.PointingGameResult;
import io.xai4j.vision.model.ImageClassifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The per-image metrics of {@code xai4j evaluate} (docs/methods/image-metrics.md), with its settings, on one batch's maps:
 * {@link ImageEvaluation} scores every batch with them, and {@link ImageExplanationRun} adds them to its records when asked
 * (the Spark job's {@code --metrics}), so both give the same value for the same image and map.
 *
 * <p>Every metric reads the attribution's {@code maps} (the raw map upsampled bilinearly to the input size and min–max
 * normalised, {@link io.xai4j.core.explain.Attribution#maps()}); deletion and insertion follow the model's top-1 class on the
 * original images and are given its logits on them, computed once per batch.
 */
public final class ImageMetrics {

    /** The metrics of the maps and the model alone: no ground truth. */
    public static final List<String> WITHOUT_GROUND_TRUTH = List.of("gini", "deletion_auc", "insertion_auc");
    /** The metrics against a ground-truth evidence mask per image (the pixels of what makes the image its class). */
    public static final List<String> AGAINST_EVIDENCE = List.of("pointing_game", "energy_pointing_game", "iou_top20");
    /** The metric against a distractor mask per image. */
    public static final String DISTRACTOR_RATE = "distractor_rate";
    /** Every per-image metric, in the order of {@link ImageEvaluation#METRICS}. */
    public static final List<String> ALL = List.of("pointing_game", "energy_pointing_game", "iou_top20", DISTRACTOR_RATE, "gini",
            "deletion_auc", "insertion_auc");

    /** No metric. */
    public static final ImageMetrics NONE = new ImageMetrics(List.of());

    private final List<String> names;

    private ImageMetrics(List<String> names) {
        this.names = names;
    }

    /**
     * The metrics {@code names}, in the order of {@link #ALL} whatever the order given (a name given twice counts once).
     *
     * @throws IllegalArgumentException naming an unknown metric and listing {@link #ALL}
     */
    public static ImageMetrics of(List<String> names) {
        for (String n : names) {
            if (!ALL.contains(n)) {
                throw new IllegalArgumentException("unknown image metric '" + n + "'; expected one of " + String.join(", ", ALL));
            }
        }
        LinkedHashSet<String> wanted = new LinkedHashSet<>(names);
        List<String> ordered = new ArrayList<>();
        for (String n : ALL) {
            if (wanted.contains(n)) {
                ordered.add(n);
            }
        }
        return new ImageMetrics(List.copyOf(ordered));
    }

    public boolean isEmpty() {
        return names.isEmpty();
    }

    /** Whether deletion or insertion is asked for: {@link #evaluate} then needs the model's logits on the original images. */
    public boolean needsLogits() {
        return names.contains("deletion_auc") || names.contains("insertion_auc");
    }

    /** Whether a metric against evidence masks is asked for. */
    public boolean needsEvidence() {
        return names.stream().anyMatch(AGAINST_EVIDENCE::contains);
    }

    /** Whether the distractor rate is asked for. */
    public boolean needsDistractors() {
        return names.contains(DISTRACTOR_RATE);
    }

    /**
     * One batch's results.
     *
     * @param results per-image values of each metric, by name, in the order of {@link #names()}
     * @param pointing the pointing game's result (with its flat-map flags), or null when it was not asked for
     */
    public record Batch(Map<String, MetricResult> results, PointingGameResult pointing) {}

    /**
     * Scores one batch.
     *
     * @param images [B,C,H,W] in model-input space, the images the maps explain
     * @param maps [B][H][W] the attribution's {@code maps}
     * @param targets the class each map explains
     * @param originalLogits [B][C] the model's logits on {@code images}; read only when {@link #needsLogits()}
     * @param evidence [B][H][W] evidence masks (a null entry: that image's value is NaN); read only when {@link #needsEvidence()}
     * @param distractors [B][H][W] distractor masks; read only when {@link #needsDistractors()}
     */
    public Batch evaluate(ImageClassifier model, NDArray images, float[][][] maps, int[] targets, float[][] originalLogits,
            boolean[][][] evidence, boolean[][][] distractors) {
        Map<String, MetricResult> results = new LinkedHashMap<>();
        PointingGameResult pointing = null;
        for (String name : names) {
            MetricResult r = switch (name) {
                case "pointing_game" -> {
                    pointing = PointingGame.builder().build().evaluate(maps, targets, evidence);
                    yield pointing.result();
                }
                case "energy_pointing_game" -> new EnergyPointingGame().evaluate(maps, evidence);
                case "iou_top20" -> LocalisationIoU.topK(0.2).evaluate(maps, evidence);
                case DISTRACTOR_RATE -> new DistractorRate().evaluate(maps, distractors);
                case "gini" -> new GiniSparseness().evaluate(maps);
                case "deletion_auc" -> DeletionAuc.builder().build().evaluate(model, images, maps, targets, originalLogits).result();
                case "insertion_auc" -> InsertionAuc.builder().build().evaluate(model, images, maps, targets, originalLogits).result();
                default -> throw new IllegalStateException("no scorer for metric " + name);
            };
            results.put(name, r);
        }
        return new Batch(results, pointing);
    }
}

package io.xai4j.vision.experiment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.xai4j.core.explain.Attribution;
import io.xai4j.core.explain.Explainer;
import io.xai4j.core.explain.MethodOptions;
import io.xai4j.core.metrics.DistractorRate;
import io.xai4j.core.metrics.EnergyPointingGame;
import io.xai4j.core.metrics.MetricResult;
import io.xai4j.core.metrics.ModelParameterRandomisation;
import io.xai4j.core.metrics.PointingGame;
import io.xai4j.core.metrics.RandomisationResult;
import io.xai4j.core.model.ParameterRandomization;
import io.xai4j.core.runtime.Tensors;
import io.xai4j.vision.explain.Explainers;
import io.xai4j.vision.model.ImageClassifier;
import io.xai4j.vision.train.TrainingData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The image evaluation behind {@code xai4j evaluate} and the demo: explains a set of images with every method and scores
 * the maps with the metrics of metrics.md ({@link ImageMetrics} per batch, then the randomisation check), against ground-truth
 * evidence and distractor masks when the data set has them (PartShapes). The image counterpart of {@code io.xai4j.graph.experiment}.
 */
public final class ImageEvaluation {

    private static final Logger LOG = LoggerFactory.getLogger(ImageEvaluation.class);

    /** Metric columns of the table, in order: the per-image metrics ({@link ImageMetrics#ALL}), then the randomisation check. */
    public static final List<String> METRICS = java.util.stream.Stream.concat(ImageMetrics.ALL.stream(), java.util.stream.Stream.of("mprt_spearman"))
            .toList();

    /**
     * One method's scores.
     *
     * @param metrics per-sample results, merged over batches (the pointing game's mean is its micro average)
     * @param pointing the pointing game's class-averaged and micro accuracy, per class and flat flags; null without masks
     * @param mprt the randomisation check's curve; null when it did not run
     */
    public record MethodScores(String method, Map<String, MetricResult> metrics, PointingSummary pointing, RandomisationResult mprt,
            double secondsPerImage) {

        /**
         * The figure reported for a metric: for the pointing game the class-averaged accuracy (the headline of
         * docs/methods/image-metrics.md#pointing-game, as TorchRay), for every other metric the mean over defined samples; NaN when absent.
         */
        public double headline(String metric) {
            if (metric.equals("pointing_game") && pointing != null) {
                return pointing.classAveraged();
            }
            MetricResult m = metrics.get(metric);
            return m == null ? Double.NaN : m.mean();
        }
    }

    /** The pointing game over all evaluated images (docs/methods/image-metrics.md#pointing-game). */
    public record PointingSummary(double classAveraged, double micro, Map<Integer, Double> perClass, boolean[] flat) {

        static PointingSummary of(MetricResult hits, int[] targets, boolean[] flat) {
            Map<Integer, Double> perClass = PointingGame.perClassAccuracy(hits.values(), targets);
            return new PointingSummary(PointingGame.classAveraged(perClass), hits.mean(), perClass, flat);
        }
    }

    public record Result(List<MethodScores> methods, Map<String, MetricResult> uniformBaseline, Map<String, Double> centerBaseline,
            int images, int mprtImages) {}

    /**
     * @param masks ground truth per image: [0] evidence, [1] distractors; null entries when absent
     * @param riseMasks masks used by RISE
     * @param progressBar whether to show a progress bar per method
     */
    public static Result run(ImageClassifier model, TrainingData data, int[] indices, IntFunction<boolean[][][]> masks, List<String> methods,
            int batchSize, int riseMasks, int mprtImages, long seed, boolean progressBar) {
        return run(model, data, indices, masks, methods, batchSize, riseMasks, mprtImages, seed, null, null, progressBar);
    }

    /**
     * As above, with the trained explainer file that a learned method loads and {@code prototypes} for the methods that read
     * a fitted file ({@link MethodOptions#prototypes()}); {@code null}: none.
     */
    public static Result run(ImageClassifier model, TrainingData data, int[] indices, IntFunction<boolean[][][]> masks, List<String> methods,
            int batchSize, int riseMasks, int mprtImages, long seed, String explainerFile, java.nio.file.Path prototypes, boolean progressBar) {
        int n = indices.length;
        NDManager manager = model.manager();
        int[] labels = new int[n];
        boolean[][][] evidence = new boolean[n][][], distractors = new boolean[n][][];
        for (int i = 0; i < n; i++) {
            labels[i] = data.label(indices[i]);
            boolean[][][] m = masks.apply(indices[i]);
            evidence[i] = m == null ? null : m[0];
            distractors[i] = m == null ? null : m[1];
        }
        boolean ground = evidence[0] != null;
        // the model's scores on the original images, computed once for every method and metric (deletion and insertion
        // follow the top-1 class); the first pass is also the untimed warm-up, so the first method's seconds per image do
        // not carry the start-up
        float[][][] originalLogits = new float[(n + batchSize - 1) / batchSize][][];
        for (int from = 0; from < n; from += batchSize) {
            try (NDManager sub = manager.newSubManager()) {
                originalLogits[from / batchSize] = Tensors.toArray2(model.logits(data.batch(sub,
                        java.util.Arrays.copyOfRange(indices, from, Math.min(n, from + batchSize)))));
            }
        }
        ImageMetrics perImage = ImageMetrics.of(ground ? ImageMetrics.ALL : ImageMetrics.WITHOUT_GROUND_TRUTH);
        List<MethodScores> scores = new ArrayList<>();
        for (String method : methods) {
            Explainer explainer = Explainers.create(method, model,
                    MethodOptions.defaults().withPerturbations(riseMasks).withSeed(seed).withExplainerFile(explainerFile).withPrototypes(prototypes));
            Map<String, MetricResult> metrics = new LinkedHashMap<>();
            long t0 = System.nanoTime();
            double explainSeconds = 0;
            boolean[] flat = new boolean[n];
            RandomisationResult randomisation = null;
            // the randomisation check re-explains after every randomised layer: a perturbation method would rerun all its
            // perturbations each time, so it is skipped
            boolean perturbation = Explainers.info(method).family() == io.xai4j.core.explain.MethodInfo.Family.PERTURBATION;
            int mprt = mprtImages > 0 && model instanceof ParameterRandomization && !perturbation ? Math.min(mprtImages, n) : 0;
            try (me.tongfei.progressbar.ProgressBar bar = progressBar ? io.xai4j.core.runtime.ProgressBars.bar(method, n + mprt) : null) {
                for (int from = 0; from < n; from += batchSize) {
                    int to = Math.min(n, from + batchSize);
                    int[] idx = java.util.Arrays.copyOfRange(indices, from, to);
                    int[] t = java.util.Arrays.copyOfRange(labels, from, to);
                    try (NDManager sub = manager.newSubManager()) {
                        NDArray x = data.batch(sub, idx);
                        long e0 = System.nanoTime();
                        Attribution a = explainer.explain(x, t);
                        explainSeconds += (System.nanoTime() - e0) / 1e9;
                        ImageMetrics.Batch batch = perImage.evaluate(model, x, a.maps(), t, originalLogits[from / batchSize],
                                ground ? java.util.Arrays.copyOfRange(evidence, from, to) : null,
                                ground ? java.util.Arrays.copyOfRange(distractors, from, to) : null);
                        if (batch.pointing() != null) {
                            System.arraycopy(batch.pointing().flat(), 0, flat, from, to - from);
                        }
                        batch.results().forEach((k, v) -> metrics.merge(k, v, MetricResult::concat));
                    }
                    if (bar != null) {
                        bar.stepBy(to - from);
                    }
                }
                if (mprt > 0 && model instanceof ParameterRandomization pr) {
                    if (bar != null) {
                        bar.setExtraMessage(" randomisation check");
                    }
                    try (NDManager sub = manager.newSubManager()) {
                        NDArray x = data.batch(sub, java.util.Arrays.copyOf(indices, mprt));
                        // the fixed randomisation seed 42 (docs/methods/image-metrics.md#model-parameter-randomisation), not --seed
                        randomisation = new ModelParameterRandomisation().evaluate(pr, explainer, x, java.util.Arrays.copyOf(labels, mprt));
                        metrics.put("mprt_spearman", randomisation.result());
                    }
                    if (bar != null) {
                        bar.stepBy(mprt);
                    }
                }
            }
            LOG.info("{}: evaluated {} images in {} s", method, n, String.format("%.1f", (System.nanoTime() - t0) / 1e9));
            PointingSummary pointing = ground ? PointingSummary.of(metrics.get("pointing_game"), labels, flat) : null;
            scores.add(new MethodScores(method, metrics, pointing, randomisation, explainSeconds / n));
        }
        Map<String, MetricResult> uniform = new LinkedHashMap<>();
        Map<String, Double> center = new LinkedHashMap<>();
        if (ground) {
            float[][][] flat = new float[n][evidence[0].length][evidence[0][0].length];
            for (float[][] map : flat) {
                for (float[] row : map) {
                    java.util.Arrays.fill(row, 1f);
                }
            }
            uniform.put("energy_pointing_game", new EnergyPointingGame().evaluate(flat, evidence));
            uniform.put("distractor_rate", new DistractorRate().evaluate(flat, distractors));
            float[][][] centre = new float[n][evidence[0].length][evidence[0][0].length];
            for (float[][] map : centre) {
                map[map.length / 2][map[0].length / 2] = 1f;
            }
            center.put("pointing_game", PointingGame.builder().build().evaluate(centre, labels, evidence).accuracy());
        }
        return new Result(scores, uniform, center, n, Math.min(mprtImages, n));
    }
}

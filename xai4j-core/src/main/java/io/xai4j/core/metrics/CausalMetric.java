package io.xai4j.core.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.xai4j.core.model.Classifier;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The causal metrics of RISE (Petsiuk, Das and Saenko, <i>RISE: Randomized Input Sampling for
 * Explanation of Black-box Models</i>, BMVC 2018, arXiv 1806.07421; {@code eclique/RISE}
 * {@code evaluation.py} {@code CausalMetric}), docs/methods/image-metrics.md#deletion-and-insertion-auc. Pixels are visited in the order of the
 * map, descending, ties by ascending row-major index (stable; RISE sorts unstably, which differs only
 * in flat regions); {@code step} pixels (all channels) change per step, n = ⌈H·W/step⌉ steps.
 * s_k = P(c | x_k), k = 0..n, and AUC = (Σ s_k − s₀/2 − s_n/2)/n.
 *
 * <p>All B·(n+1) perturbed images are built in Java memory and scored in chunks of
 * {@code forwardBatch}, across images and steps.
 */
public abstract sealed class CausalMetric implements Metric permits DeletionAuc, InsertionAuc {

    private static final Logger LOG = LoggerFactory.getLogger(CausalMetric.class);

    /** Which class's probability the curve follows. */
    public enum ClassMode {
        /** the model's top-1 class on the original image (RISE protocol, default). */
        TOP1,
        /** the supplied target class. */
        TARGET
    }

    private final int step;
    private final int forwardBatch;
    private final ClassMode classMode;
    private final ScoreFunction scoreFunction;

    CausalMetric(Builder<?> builder) {
        this.step = builder.step;
        this.forwardBatch = builder.forwardBatch;
        this.classMode = builder.classMode;
        this.scoreFunction = builder.scoreFunction;
    }

    /** Metric name in results ("deletion_auc" or "insertion_auc"). */
    @Override
    public abstract String name();

    @Override
    public abstract Direction direction();

    @Override
    public Metric.Descriptor describe() {
        return Metric.of(name(), direction(), Category.FAITHFULNESS);
    }

    /** Whether x₀ is the original image (deletion) rather than a substrate (insertion). */
    abstract boolean startsFromOriginal();

    /** Writes x₀ of one image [C,H,W] into {@code out}. */
    abstract void writeStart(float[] images, int offset, int channels, int height, int width, float[] out, int outOffset);

    /** Sets pixel {@code pixel} of the image being built in {@code out} to its value at the end of the curve. */
    abstract void writePixel(float[] images, int offset, int plane, int channels, int pixel, float[] out, int outOffset);

    /**
     * Evaluates the curves of a batch.
     *
     * @param model the classifier, in inference mode
     * @param images [B,C,H,W] in model-input space
     * @param maps [B][H][W] saliency maps (any scale; only the order matters)
     * @param targets one class per image; used only with {@link ClassMode#TARGET} (the spec's default, TOP1,
     *     follows the model's top-1 class on the original image as the RISE protocol does, whatever the
     *     targets say; set {@code optClassMode(TARGET)} to follow the class a map explains), may be null with TOP1
     * @return AUC per image (values), the curves [B][n+1] and the class each curve follows
     */
    public CurveResult evaluate(Classifier model, NDArray images, float[][][] maps, int[] targets) {
        return evaluate(model, images, maps, targets, null);
    }

    /**
     * As {@link #evaluate(Classifier, NDArray, float[][][], int[])} with the model's logits on the original images given
     * ({@code originalLogits} [B][C]; null: computed here), so that an evaluation scoring several methods, or deletion and
     * insertion, on the same images runs the model on them once.
     */
    public CurveResult evaluate(Classifier model, NDArray images, float[][][] maps, int[] targets, float[][] originalLogits) {
        Shape shape = images.getShape();
        if (shape.dimension() != 4) {
            throw new IllegalArgumentException("expected images [B,C,H,W], got shape " + shape);
        }
        int b = (int) shape.get(0), channels = (int) shape.get(1), height = (int) shape.get(2), width = (int) shape.get(3);
        MetricInputs.checkMaps("maps", maps, b, height, width);
        if (classMode == ClassMode.TARGET) {
            MetricInputs.checkTargets(targets, b, model.numClasses());
        }
        int plane = height * width;
        int chw = channels * plane;
        int stepPixels = step > 0 ? step : width;
        int n = (plane + stepPixels - 1) / stepPixels;
        float[] x = ModelScores.toJava(images);
        Shape sampleShape = new Shape(channels, height, width);

        int[][] order = new int[b][];
        for (int i = 0; i < b; i++) {
            order[i] = Ranks.argsortDescending(maps[i]);
        }
        double[][] curves = new double[b][n + 1];
        int[] classes = new int[b];
        boolean needOriginals = classMode == ClassMode.TOP1 || startsFromOriginal();
        float[][] originalProbabilities = new float[b][];
        if (needOriginals && originalLogits != null) {
            if (originalLogits.length != b) {
                throw new IllegalArgumentException("originalLogits holds " + originalLogits.length + " rows for " + b + " images");
            }
            for (int i = 0; i < b; i++) {
                classes[i] = classMode == ClassMode.TOP1 ? ModelScores.top1(originalLogits[i]) : targets[i];
                originalProbabilities[i] = scoreFunction.apply(originalLogits[i]);
            }
        } else if (needOriginals) {
            ModelScores.score(model, images.getManager(), sampleShape, b, forwardBatch, scoreFunction,
                    (job, buffer, offset) -> System.arraycopy(x, job * chw, buffer, offset, chw),
                    (job, logits, probabilities) -> {
                        classes[job] = classMode == ClassMode.TOP1 ? ModelScores.top1(logits) : targets[job];
                        originalProbabilities[job] = probabilities;
                    });
        } else {
            System.arraycopy(targets, 0, classes, 0, b);
        }
        float[] start = new float[b * chw];
        for (int i = 0; i < b; i++) {
            writeStart(x, i * chw, channels, height, width, start, i * chw);
        }
        // deletion's x₀ is the original image, already scored above
        int firstStep = startsFromOriginal() ? 1 : 0;
        int stepsPerImage = n + 1 - firstStep;
        if (firstStep == 1) {
            for (int i = 0; i < b; i++) {
                curves[i][0] = originalProbabilities[i][classes[i]];
            }
        }
        LOG.debug("{}: {} images × {} steps of {} pixels, forward batch {}", name(), b, n, stepPixels, forwardBatch);
        ModelScores.score(model, images.getManager(), sampleShape, b * stepsPerImage, forwardBatch, scoreFunction,
                (job, buffer, offset) -> {
                    int i = job / stepsPerImage, k = job % stepsPerImage + firstStep;
                    System.arraycopy(start, i * chw, buffer, offset, chw);
                    int changed = Math.min(k * stepPixels, plane);
                    for (int p = 0; p < changed; p++) {
                        writePixel(x, i * chw, plane, channels, order[i][p], buffer, offset);
                    }
                },
                (job, logits, probabilities) -> {
                    int i = job / stepsPerImage, k = job % stepsPerImage + firstStep;
                    curves[i][k] = probabilities[classes[i]];
                });

        double[] auc = new double[b];
        for (int i = 0; i < b; i++) {
            auc[i] = trapezoid(curves[i]);
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("step", stepPixels);
        params.put("steps", n);
        params.put("classMode", classMode.name().toLowerCase());
        params.put("scoreFunction", scoreFunction.name().toLowerCase());
        params.put("forwardBatch", forwardBatch);
        return new CurveResult(MetricResult.of(this, auc, params), curves, classes);
    }

    /** RISE {@code auc}: trapezoid rule on [0,1] with n = curve.length − 1 equal intervals. */
    static double trapezoid(double[] curve) {
        int n = curve.length - 1;
        double sum = 0;
        for (double s : curve) {
            sum += s;
        }
        return (sum - curve[0] / 2 - curve[n] / 2) / n;
    }

    /**
     * Options shared by deletion and insertion, DJL style ({@code optX}).
     *
     * @param <T> the metric built
     */
    public static final class Builder<T extends CausalMetric> {
        private final Function<Builder<T>, T> factory;
        private int step;
        private int forwardBatch = 64;
        private ClassMode classMode = ClassMode.TOP1;
        private ScoreFunction scoreFunction = ScoreFunction.SOFTMAX;

        Builder(Function<Builder<T>, T> factory) {
            this.factory = factory;
        }

        /** Pixels changed per step; default (0) = the image width W. */
        public Builder<T> optStep(int step) {
            if (step < 0) {
                throw new IllegalArgumentException("step must be ≥ 0 (0 = image width), got " + step);
            }
            this.step = step;
            return this;
        }

        /** Perturbed images per forward pass (default 64). */
        public Builder<T> optForwardBatch(int forwardBatch) {
            MetricInputs.checkPositive("forwardBatch", forwardBatch);
            this.forwardBatch = forwardBatch;
            return this;
        }

        /** Follow the top-1 class (default) or the supplied target. */
        public Builder<T> optClassMode(ClassMode classMode) {
            this.classMode = java.util.Objects.requireNonNull(classMode, "classMode");
            return this;
        }

        /** Softmax (default) or sigmoid for multi-label models. */
        public Builder<T> optScoreFunction(ScoreFunction scoreFunction) {
            this.scoreFunction = java.util.Objects.requireNonNull(scoreFunction, "scoreFunction");
            return this;
        }

        public T build() {
            return factory.apply(this);
        }
    }
}

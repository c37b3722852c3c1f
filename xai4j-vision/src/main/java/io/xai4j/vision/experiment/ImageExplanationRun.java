package io.xai4j.vision.experiment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.xai4j.core.explain.Attribution;
import io.xai4j.core.explain.Explainer;
import io.xai4j.core.explain.MethodOptions;
import io.xai4j.core.io.JsonArrayWriter;
import io.xai4j.core.explain.MapOps;
import io.xai4j.core.io.NpyFile;
import io.xai4j.core.metrics.MetricResult;
import io.xai4j.core.render.ColorMaps;
import io.xai4j.core.render.Images;
import io.xai4j.core.runtime.Tensors;
import io.xai4j.vision.data.DataFormatException;
import io.xai4j.vision.data.ImageFolderDataset;
import io.xai4j.vision.data.Normalization;
import io.xai4j.vision.explain.Explainers;
import io.xai4j.vision.model.ImageClassifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The streaming explanation run behind {@code xai4j explain}: images read one batch at a time, every method run on the
 * batch, one JSON record per image and method written as soon as it is made (and a PNG overlay when asked), so memory
 * holds one batch whatever the number of images.
 *
 * <p>The backbone runs once per batch and method: the prediction each record reports is read from the first method's own
 * forward pass ({@link Attribution#scores()}), not from a pass of its own; only a method that keeps no scores costs one more.
 */
public final class ImageExplanationRun {

    /** The images of one run, read one batch at a time: planar RGB in [0, 1] at the model's input size. */
    public interface Source {
        int size();

        /** What the record's {@code file} field says. */
        String name(int i);

        /**
         * The pixels of image {@code i}.
         *
         * @throws DataFormatException when the image cannot be read (skipped with {@code skipBad}, else fatal)
         */
        float[] pixels(int i);

        /**
         * The class to explain for image {@code i} (its folder's class, a line of a targets file), or null for the run's
         * ({@link Settings#targetClass}, else the predicted class); a source gives one for every image or for none.
         */
        default Integer target(int i) {
            return null;
        }

        /**
         * The ground-truth evidence mask of image {@code i} at the model's input size (true: inside what the map should
         * point at), or null when it has none (the metrics against evidence are then NaN); read only for those metrics.
         */
        default boolean[][] evidence(int i) {
            return null;
        }

        /** Image {@code i} at its own size and the region the model saw, for overlays at the original size. */
        default ImageFolderDataset.Original original(int i) {
            throw new UnsupportedOperationException("this source has no original images; draw overlays at the input size");
        }
    }

    /**
     * How overlays are drawn.
     *
     * @param colorMap a name {@link ColorMaps#named} knows
     * @param alpha the map's opacity in [0, 1]
     * @param originalSize at the original image's size (the raw map upsampled bilinearly to the region the model saw, and
     *     min–max normalised there; the rest of the image as it is) instead of the model's input size
     */
    public record OverlayStyle(String colorMap, double alpha, boolean originalSize) {
        /** Jet at opacity 0.5 on the model's input, as pytorch-grad-cam's {@code show_cam_on_image}. */
        public static final OverlayStyle DEFAULT = new OverlayStyle("jet", 0.5, false);

        public OverlayStyle {
            ColorMaps.named(colorMap);
            if (!(alpha >= 0 && alpha <= 1)) {
                throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
            }
        }
    }

    /**
     * What a run writes beside its records.
     *
     * @param dir where the files go; unused when nothing is written
     * @param overlays a PNG overlay per image and method ({@code <stem>.<method>.png}), or null for none
     * @param npy the maps as NumPy files per image and method: {@code <stem>.<method>.raw.npy} the raw map at the method's
     *     own resolution (the record's {@code raw}), {@code <stem>.<method>.npy} the map at the model's input size, upsampled
     *     and min–max normalised as the overlay shows it
     */
    public record Outputs(Path dir, OverlayStyle overlays, boolean npy) {
        /** Records only. */
        public static final Outputs NONE = new Outputs(null, null, false);

        public Outputs {
            if (dir == null && (overlays != null || npy)) {
                throw new IllegalArgumentException("overlays and .npy files need a folder to go to");
            }
        }

        /** The default overlays in {@code dir}. */
        public static Outputs overlays(Path dir) {
            return new Outputs(dir, OverlayStyle.DEFAULT, false);
        }
    }

    /**
     * @param targetClass the class to explain, {@code null} for each image's own ({@link Source#target}) or else predicted class
     * @param explainerFile the trained explainer file of a learned method, {@code null} for none
     * @param prototypes a file fitted to the model for the methods that read one ({@link MethodOptions#prototypes()}), or null
     */
    public record Settings(List<String> methods, Integer targetClass, int batchSize, int riseMasks, long seed, String layer, Outputs outputs,
            boolean skipBad, String explainerFile, java.nio.file.Path prototypes) {

        /** Settings without a trained explainer file. */
        public Settings(List<String> methods, Integer targetClass, int batchSize, int riseMasks, long seed, String layer, Outputs outputs,
                boolean skipBad) {
            this(methods, targetClass, batchSize, riseMasks, seed, layer, outputs, skipBad, null, null);
        }
    }

    private ImageExplanationRun() {}

    /**
     * Explains every image of {@code source} batch by batch and streams one record per image and method to
     * {@code out} ({@code file}, {@code method}, {@code predicted}, {@code target}, {@code targetScore}, {@code layer},
     * {@code degenerate}, {@code overlay}, {@code rawNpy} and {@code npy} when written, {@code raw}): memory holds one batch
     * (its pixels, its tensors in a sub-manager that is closed after the batch, its records) whatever the number of images.
     * The explainers come from {@link #explainers}.
     *
     * @param stems output file names without extension, one per image (see {@link #overlayStems}); unused without outputs
     * @param progress told the number of image explanations after each batch and method
     * @return the names of the images skipped as unreadable ({@code skipBad}; otherwise the first one fails the run)
     */
    public static List<String> run(ImageClassifier net, Map<String, Explainer> explainers, Normalization norm, Source source,
            List<String> stems, Settings s, JsonArrayWriter out, LongConsumer progress) {
        return run(net, explainers, norm, source, stems, s, ImageMetrics.NONE, (Consumer<Map<String, Object>>) out::write, progress);
    }

    /**
     * {@link #run(ImageClassifier, Map, Normalization, Source, List, Settings, JsonArrayWriter, LongConsumer)} handing each
     * record to {@code out} as it is made (the Spark job turns them into rows), in the same order with the same fields, and
     * with one more field per metric of {@code metrics}, named by the metric: the image's value as {@link ImageEvaluation}
     * computes it ({@link ImageMetrics#evaluate} on the batch, the model's logits on the batch computed once for all
     * methods; the evidence masks from {@link Source#evidence}), NaN where it is undefined.
     */
    public static List<String> run(ImageClassifier net, Map<String, Explainer> explainers, Normalization norm, Source source,
            List<String> stems, Settings s, ImageMetrics metrics, Consumer<Map<String, Object>> out, LongConsumer progress) {
        if (metrics.needsDistractors()) {
            throw new IllegalArgumentException("a source gives no distractor masks: " + ImageMetrics.DISTRACTOR_RATE + " is for ImageEvaluation");
        }
        List<String> skipped = new ArrayList<>();
        int[] shape = net.inputShape();
        List<String> classNames = net.classNames();
        int n = source.size();
        for (int start = 0; start < n; start += s.batchSize()) {
            int end = Math.min(n, start + s.batchSize());
            List<Integer> kept = new ArrayList<>(end - start);
            List<float[]> read = new ArrayList<>(end - start);
            for (int k = start; k < end; k++) {
                try {
                    read.add(source.pixels(k));
                    kept.add(k);
                } catch (DataFormatException e) {
                    if (!s.skipBad()) {
                        throw e;
                    }
                    skipped.add(source.name(k));
                    progress.accept(s.methods().size());
                }
            }
            int size = kept.size();
            if (size == 0) {
                continue;
            }
            float[][] pixels = read.toArray(new float[0][]);
            Outputs o = s.outputs();
            try (NDManager sub = net.manager().newSubManager()) {
                NDArray x = norm.batch(sub, shape, read);
                // null: the first method resolves each image's top-1 class on its own forward pass, the others explain it
                int[] targets = s.targetClass() != null ? fill(size, s.targetClass()) : sourceTargets(source, kept);
                int[] predicted = null;
                float[][] logits = metrics.needsLogits() ? Tensors.toArray2(net.logits(x)) : null;
                boolean[][][] evidence = metrics.needsEvidence() ? kept.stream().map(source::evidence).toArray(boolean[][][]::new) : null;
                Map<String, Attribution> results = new LinkedHashMap<>();
                for (Map.Entry<String, Explainer> e : explainers.entrySet()) {
                    String m = e.getKey();
                    Attribution a = e.getValue().explain(x, targets);
                    if (o.overlays() != null && o.overlays().originalSize()) {
                        results.put(m, a); // kept for the batch only when the file is decoded once for all methods
                    }
                    if (predicted == null) {
                        predicted = a.predicted() != null ? a.predicted() : Tensors.argmax(Tensors.toArray2(net.logits(x)));
                        targets = a.targets();
                    }
                    Map<String, MetricResult> scores = metrics.isEmpty() ? Map.of()
                            : metrics.evaluate(net, x, a.maps(), a.targets(), logits, evidence, null).results();
                    for (int i = 0; i < size; i++) {
                        String stem = o.dir() == null ? null : stems.get(kept.get(i)) + "." + m;
                        Map<String, Object> r = new LinkedHashMap<>();
                        r.put("file", source.name(kept.get(i)));
                        r.put("method", m);
                        r.put("predicted", classNames.get(predicted[i]));
                        r.put("predictedIndex", predicted[i]);
                        r.put("target", classNames.get(a.targets()[i]));
                        r.put("targetIndex", a.targets()[i]);
                        r.put("targetScore", a.targetScores()[i]);
                        r.put("layer", a.layer());
                        r.put("degenerate", a.degenerate()[i]);
                        if (o.overlays() != null) {
                            if (!o.overlays().originalSize()) {
                                Images.writePng(o.dir().resolve(stem + ".png"), Images.overlay(Images.fromPlanarRgb(pixels[i], shape[1], shape[2]),
                                        a.maps()[i], 0, 0, o.overlays().alpha(), ColorMaps.named(o.overlays().colorMap())));
                            }
                            r.put("overlay", stem + ".png");
                        }
                        if (o.npy()) {
                            NpyFile.write(o.dir().resolve(stem + ".raw.npy"), a.raw()[i]);
                            NpyFile.write(o.dir().resolve(stem + ".npy"), a.maps()[i]);
                            r.put("rawNpy", stem + ".raw.npy");
                            r.put("npy", stem + ".npy");
                        }
                        r.put("raw", a.raw()[i]);
                        for (Map.Entry<String, MetricResult> score : scores.entrySet()) {
                            r.put(score.getKey(), score.getValue().values()[i]);
                        }
                        out.accept(r);
                    }
                    progress.accept(size);
                }
                if (o.overlays() != null && o.overlays().originalSize()) {
                    for (int i = 0; i < size; i++) {
                        writeOriginalSizeOverlays(source.original(kept.get(i)), results, i, stems.get(kept.get(i)), o);
                    }
                }
            }
        }
        return skipped;
    }

    /**
     * The explainer of each method of {@code s}, created once for the run; fails on a method the model cannot
     * support (what it lacks is named from the method's requirements) or a layer it does not have.
     */
    public static Map<String, Explainer> explainers(ImageClassifier net, Settings s) {
        Map<String, Explainer> explainers = new LinkedHashMap<>();
        for (String m : s.methods()) {
            explainers.put(m, Explainers.create(m, net, new MethodOptions(s.layer(), s.seed(), s.riseMasks(), s.batchSize(), s.explainerFile(),
                    s.prototypes())));
        }
        return explainers;
    }

    /**
     * The overlay name of each file: its name without the extension, made unique in input order with
     * {@code -2}, {@code -3}, ... ({@code a/0001.png} and {@code b/0001.png} in two class folders, or
     * {@code x.png} and {@code x.jpg}, would otherwise overwrite each other's overlays).
     */
    public static List<String> overlayStems(List<Path> files) {
        Set<String> used = new HashSet<>();
        List<String> stems = new ArrayList<>(files.size());
        for (Path f : files) {
            String base = f.getFileName().toString().replaceAll("\\.[^.]+$", ""), stem = base;
            for (int k = 2; !used.add(stem); k++) {
                stem = base + "-" + k;
            }
            stems.add(stem);
        }
        return stems;
    }

    /**
     * The overlays of image {@code i} for every method at the original image's size: the file is decoded once for all
     * methods; each raw map is upsampled bilinearly to the region the model saw and min–max normalised there.
     */
    private static void writeOriginalSizeOverlays(ImageFolderDataset.Original original, Map<String, Attribution> results, int i, String stem,
            Outputs o) {
        java.awt.Rectangle seen = original.seen();
        for (Map.Entry<String, Attribution> e : results.entrySet()) {
            float[][] map = MapOps.upsampleBilinear(e.getValue().raw()[i], seen.height, seen.width);
            MapOps.minMaxNormaliseInPlace(map);
            Images.writePng(o.dir().resolve(stem + "." + e.getKey() + ".png"), Images.overlay(original.rgb(), map, seen.x, seen.y,
                    o.overlays().alpha(), ColorMaps.named(o.overlays().colorMap())));
        }
    }

    /** The source's class per kept image, or null when it gives none (top-1). */
    private static int[] sourceTargets(Source source, List<Integer> kept) {
        int[] out = new int[kept.size()];
        int given = 0;
        for (int i = 0; i < out.length; i++) {
            Integer t = source.target(kept.get(i));
            if (t != null) {
                out[i] = t;
                given++;
            }
        }
        if (given != 0 && given != out.length) {
            throw new IllegalStateException("the source gives a target for " + given + " of " + out.length + " images of a batch: give one for"
                    + " every image or for none");
        }
        return given == 0 ? null : out;
    }

    private static int[] fill(int n, int v) {
        int[] a = new int[n];
        Arrays.fill(a, v);
        return a;
    }
}

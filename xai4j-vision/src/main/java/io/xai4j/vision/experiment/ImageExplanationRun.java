package io.xai4j.vision.experiment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.xai4j.core.explain.Attribution;
import io.xai4j.core.explain.Explainer;
import io.xai4j.core.explain.MethodOptions;
import io.xai4j.core.io.JsonArrayWriter;
import io.xai4j.core.render.Images;
import io.xai4j.core.runtime.Tensors;
import io.xai4j.vision.data.DataFormatException;
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
    }

    /**
     * @param targetClass the class to explain, {@code null} for each image's predicted class
     * @param overlayDir where PNG overlays go, {@code null} for none
     * @param prototypes a file fitted to the model for the methods that read one ({@link MethodOptions#prototypes()}), or null
     */
    public record Settings(List<String> methods, Integer targetClass, int batchSize, int riseMasks, long seed, String layer, Path overlayDir,
            boolean skipBad, Path prototypes) {

        /** Without a fitted file. */
        public Settings(List<String> methods, Integer targetClass, int batchSize, int riseMasks, long seed, String layer, Path overlayDir,
                boolean skipBad) {
            this(methods, targetClass, batchSize, riseMasks, seed, layer, overlayDir, skipBad, null);
        }
    }

    private ImageExplanationRun() {}

    /**
     * Explains every image of {@code source} batch by batch and streams one record per image and method to
     * {@code out} ({@code file}, {@code method}, {@code predicted}, {@code target}, {@code targetScore}, {@code layer},
     * {@code degenerate}, {@code overlay} when written, {@code raw}): memory holds one batch (its pixels, its tensors in a
     * sub-manager that is closed after the batch, its records) whatever the number of images. The explainers come from
     * {@link #explainers}.
     *
     * @param stems overlay file names without extension, one per image (see {@link #overlayStems}); unused without overlays
     * @param progress told the number of image explanations after each batch and method
     * @return the names of the images skipped as unreadable ({@code skipBad}; otherwise the first one fails the run)
     */
    public static List<String> run(ImageClassifier net, Map<String, Explainer> explainers, Normalization norm, Source source,
            List<String> stems, Settings s, JsonArrayWriter out, LongConsumer progress) {
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
            try (NDManager sub = net.manager().newSubManager()) {
                NDArray x = norm.batch(sub, shape, read);
                // null: the first method resolves each image's top-1 class on its own forward pass, the others explain it
                int[] targets = s.targetClass() == null ? null : fill(size, s.targetClass());
                int[] predicted = null;
                for (Map.Entry<String, Explainer> e : explainers.entrySet()) {
                    String m = e.getKey();
                    Attribution a = e.getValue().explain(x, targets);
                    if (predicted == null) {
                        predicted = a.predicted() != null ? a.predicted() : Tensors.argmax(Tensors.toArray2(net.logits(x)));
                        targets = a.targets();
                    }
                    for (int i = 0; i < size; i++) {
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
                        if (s.overlayDir() != null) {
                            Path png = s.overlayDir().resolve(stems.get(kept.get(i)) + "." + m + ".png");
                            Images.writePng(png, Images.overlay(Images.fromPlanarRgb(pixels[i], shape[1], shape[2]), a.maps()[i], 0.5));
                            r.put("overlay", png.getFileName().toString());
                        }
                        r.put("raw", a.raw()[i]);
                        out.write(r);
                    }
                    progress.accept(size);
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
            explainers.put(m, Explainers.create(m, net, new MethodOptions(s.layer(), s.seed(), s.riseMasks(), s.batchSize(), s.prototypes())));
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

    private static int[] fill(int n, int v) {
        int[] a = new int[n];
        Arrays.fill(a, v);
        return a;
    }
}

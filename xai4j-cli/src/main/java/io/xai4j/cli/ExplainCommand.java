package io.xai4j.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.xai4j.core.explain.Attribution;
import io.xai4j.core.explain.Explainer;
import io.xai4j.core.explain.MethodOptions;
import io.xai4j.core.io.JsonArrayWriter;
import io.xai4j.core.render.Images;
import io.xai4j.core.runtime.ProgressBars;
import io.xai4j.core.runtime.Tensors;
import io.xai4j.vision.data.ImageFolderDataset;
import io.xai4j.vision.data.Normalization;
import io.xai4j.vision.explain.Explainers;
import io.xai4j.vision.model.ImageClassifier;
import io.xai4j.vision.model.ModelFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Explains image files with a trained model: one PNG overlay per image and method, plus explanations.json. */
@Command(name = "explain", mixinStandardHelpOptions = true, description = "Explain image files or folders; writes PNG overlays and JSON.")
final class ExplainCommand implements Callable<Integer> {

    @Option(names = "--model", description = "An xai4j model file (from train or demo).")
    Path model;

    @picocli.CommandLine.Mixin
    TorchScriptOptions torchscript;

    @picocli.CommandLine.Mixin
    ResizeOption resize;

    @Option(names = {"--method", "--methods"}, split = ",", defaultValue = "gradcam", description = "Methods: ${sys:xai4j.image.methods} (default: ${DEFAULT-VALUE}).")
    List<String> methods;

    @Option(names = "--layer", description = "Layer whose maps the layer methods read out (${sys:xai4j.image.layer-methods}; default: the"
            + " feature layer, EB the one before it); xai4j CNNs have stem, layer1..layerN; a wrong name lists the layers.")
    String layer;

    @Option(names = "--target", description = "Class name or index to explain (default: the predicted class).")
    String target;

    @Option(names = "--batch-size", defaultValue = "16", description = "(default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--rise-masks", defaultValue = "4000", description = "(default: ${DEFAULT-VALUE})")
    int riseMasks;

    @Option(names = "--seed", defaultValue = "0", description = "(default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--skip-bad", description = "Skip unreadable image files (counted and listed) instead of failing at the first one.")
    boolean skipBad;

    @Option(names = "--overlays", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Write a PNG overlay per image and method (default: ${DEFAULT-VALUE}); --no-overlays writes only explanations.json.")
    boolean overlays;

    @Option(names = "--output-dir", defaultValue = "out/explain", description = "Where explanations.json and the overlays go; files of an"
            + " earlier run there are replaced only where names repeat (default: ${DEFAULT-VALUE}).")
    Path outputDir;

    @Parameters(arity = "1..*", paramLabel = "IMAGES_OR_FOLDERS", description = "Image files or folders (searched recursively).")
    List<Path> inputs;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Checks.outputFolder("--output-dir", outputDir);
        Checks.atLeast("--batch-size", batchSize, 1);
        Checks.atLeast("--rise-masks", riseMasks, 1);
        methods = Explainers.registry().canonical(methods);
        Checks.unusedSettings(spec, methods, MethodOptions.Setting.PERTURBATIONS, MethodOptions.Setting.LAYER);
        torchscript.checkAgainst(spec, model, false);
        ImageFolderDataset.Fit fit = resize.fit();
        methods = List.copyOf(new java.util.LinkedHashSet<>(methods));
        List<Path> files = ImageFiles.expand(inputs);
        List<String> stems = overlayStems(files);
        try (NDManager root = NDManager.newBaseManager()) {
            ImageClassifier net;
            Normalization norm;
            if (model != null) {
                ModelFile.Loaded loaded = ModelFile.load(model, root);
                net = loaded.model();
                norm = loaded.header().normalization();
            } else {
                TorchScriptOptions.Loaded loaded = torchscript.load(null);
                net = loaded.model();
                norm = loaded.normalization();
            }
            int[] shape = net.inputShape();
            Integer targetClass = target == null ? null : classIndex(net.classNames(), target);
            Source source = new Source() {
                @Override
                public int size() {
                    return files.size();
                }

                @Override
                public String name(int i) {
                    return files.get(i).toString();
                }

                @Override
                public float[] pixels(int i) {
                    return ImageFolderDataset.readImage(files.get(i), shape[0], shape[1], shape[2], fit);
                }
            };
            Settings settings = new Settings(methods, targetClass, batchSize, riseMasks, seed, layer, overlays ? outputDir : null, skipBad);
            Map<String, Explainer> explainers = explainers(net, settings); // a method the model cannot support fails here, before any work
            List<String> skipped;
            try (ProgressBar bar = Console.interactive() ? ProgressBars.bar("explain", (long) files.size() * methods.size()) : null;
                    JsonArrayWriter json = JsonArrayWriter.toFile(outputDir.resolve("explanations.json"))) {
                skipped = run(net, explainers, norm, source, stems, settings, json, bar == null ? k -> { } : bar::stepBy);
                json.commit();
            }
            if (skipped.size() == files.size()) {
                throw new IllegalArgumentException("none of the " + files.size() + " image files could be read (" + String.join(", ",
                        skipped.size() <= 3 ? skipped : skipped.subList(0, 3)) + (skipped.size() > 3 ? ", …" : "") + ")");
            }
            if (!skipped.isEmpty()) {
                Console.info("skipped %s: %s", Console.count(skipped.size(), "unreadable image"),
                        skipped.size() <= 10 ? String.join(", ", skipped) : String.join(", ", skipped.subList(0, 10)) + ", …");
            }
            Console.info("%s × %s explained at the model's input size %d×%d; %sexplanations.json in %s",
                    Console.count(files.size() - skipped.size(), "image"), Console.count(methods.size(), "method"), net.inputShape()[1],
                    net.inputShape()[2], overlays ? "overlays and " : "", outputDir);
            net.close();
        }
        return 0;
    }

    /** The images of one run, read one batch at a time: planar RGB in [0, 1] at the model's input size. */
    interface Source {
        int size();

        /** What the record's {@code file} field says. */
        String name(int i);

        float[] pixels(int i);
    }

    /**
     * @param targetClass the class to explain, {@code null} for each image's predicted class
     * @param overlayDir where PNG overlays go, {@code null} for none
     */
    record Settings(List<String> methods, Integer targetClass, int batchSize, int riseMasks, long seed, String layer, Path overlayDir,
            boolean skipBad) {}

    /**
     * Explains every image of {@code source} batch by batch and streams one record per image and method to
     * {@code out}: memory holds one batch (its pixels, its tensors in a sub-manager that is closed after the
     * batch, its records) whatever the number of images. The explainers come from {@link #explainers}.
     *
     * @param stems overlay file names without extension, one per image (see {@link #overlayStems})
     * @param progress told the number of image explanations after each batch and method
     * @return the names of the images skipped as unreadable ({@code skipBad}; otherwise the first one fails the run)
     */
    static List<String> run(ImageClassifier net, Map<String, Explainer> explainers, Normalization norm, Source source, List<String> stems,
            Settings s, JsonArrayWriter out, java.util.function.LongConsumer progress) {
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
                } catch (io.xai4j.vision.data.DataFormatException e) {
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
                int[] predicted = Tensors.argmax(Tensors.toArray2(net.logits(x)));
                int[] targets = s.targetClass() == null ? predicted : fill(size, s.targetClass());
                for (Map.Entry<String, Explainer> e : explainers.entrySet()) {
                    String m = e.getKey();
                    Attribution a = e.getValue().explain(x, targets);
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
    static Map<String, Explainer> explainers(ImageClassifier net, Settings s) {
        Map<String, Explainer> explainers = new LinkedHashMap<>();
        for (String m : s.methods()) {
            explainers.put(m, Explainers.create(m, net, new MethodOptions(s.layer(), s.seed(), s.riseMasks(), s.batchSize())));
        }
        return explainers;
    }

    /**
     * The overlay name of each file: its name without the extension, made unique in input order with
     * {@code -2}, {@code -3}, ... ({@code a/0001.png} and {@code b/0001.png} in two class folders, or
     * {@code x.png} and {@code x.jpg}, would otherwise overwrite each other's overlays).
     */
    static List<String> overlayStems(List<Path> files) {
        java.util.Set<String> used = new java.util.HashSet<>();
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

    private static int classIndex(List<String> names, String target) {
        int i = names.indexOf(target);
        if (i >= 0) {
            return i;
        }
        try {
            int k = Integer.parseInt(target);
            if (k >= 0 && k < names.size()) {
                return k;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--target '" + target + "' is neither a class name " + names + " nor an index 0.." + (names.size() - 1));
    }

    private static int[] fill(int n, int v) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}

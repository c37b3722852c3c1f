package io.xai4j.cli;

import ai.djl.ndarray.NDManager;
import io.xai4j.core.explain.Explainer;
import io.xai4j.core.explain.MethodOptions;
import io.xai4j.core.io.JsonArrayWriter;
import io.xai4j.core.runtime.ProgressBars;
import io.xai4j.vision.data.ImageFolderDataset;
import io.xai4j.vision.data.Normalization;
import io.xai4j.vision.experiment.ImageExplanationRun;
import io.xai4j.vision.explain.Explainers;
import io.xai4j.vision.model.ImageClassifier;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
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
        List<String> stems = ImageExplanationRun.overlayStems(files);
        try (NDManager root = NDManager.newBaseManager()) {
            ImageClassifier net;
            Normalization norm;
            if (model != null) {
                ModelFiles.Loaded loaded = ModelFiles.load(model, root);
                net = loaded.model();
                norm = loaded.normalization();
            } else {
                TorchScriptOptions.Loaded loaded = torchscript.load(null);
                net = loaded.model();
                norm = loaded.normalization();
            }
            int[] shape = net.inputShape();
            Integer targetClass = target == null ? null : classIndex(net.classNames(), target);
            ImageExplanationRun.Source source = new ImageExplanationRun.Source() {
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
            ImageExplanationRun.Settings settings = new ImageExplanationRun.Settings(methods, targetClass, batchSize, riseMasks, seed, layer, overlays ? outputDir : null, skipBad);
            Map<String, Explainer> explainers = ImageExplanationRun.explainers(net, settings); // a method the model cannot support fails here, before any work
            List<String> skipped;
            try (ProgressBar bar = Console.interactive() ? ProgressBars.bar("explain", (long) files.size() * methods.size()) : null;
                    JsonArrayWriter json = JsonArrayWriter.toFile(outputDir.resolve("explanations.json"))) {
                skipped = ImageExplanationRun.run(net, explainers, norm, source, stems, settings, json, bar == null ? k -> { } : bar::stepBy);
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
}

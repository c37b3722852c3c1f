package io.xai4j.cli;

import ai.djl.ndarray.NDManager;
import io.xai4j.core.explain.Explainer;
import io.xai4j.core.explain.MethodOptions;
import io.xai4j.core.io.JsonArrayWriter;
import io.xai4j.core.render.ColorMaps;
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

    @picocli.CommandLine.Mixin
    ExplainerFileOption explainer;

    @Option(names = {"--method", "--methods"}, split = ",", defaultValue = "gradcam", description = "Methods: ${sys:xai4j.image.methods} (default: ${DEFAULT-VALUE}).")
    List<String> methods;

    @Option(names = "--layer", description = "Layer whose maps the layer methods read out (${sys:xai4j.image.layer-methods}; default: the"
            + " feature layer, EB the one before it); xai4j CNNs have stem, layer1..layerN; a wrong name lists the layers.")
    String layer;

    @picocli.CommandLine.Mixin
    TargetOptions targets;

    @Option(names = "--batch-size", defaultValue = "16", description = "(default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--rise-masks", defaultValue = "4000", description = "(default: ${DEFAULT-VALUE})")
    int riseMasks;

    @Option(names = "--seed", defaultValue = "0", description = "(default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--skip-bad", description = "Skip unreadable image files (counted and listed) instead of failing at the first one.")
    boolean skipBad;

    @Option(names = "--overlays", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Write a PNG overlay per image and method (default: ${DEFAULT-VALUE}); --no-overlays writes no PNG.")
    boolean overlays;

    @Option(names = "--prototypes", description = "A prototype file from 'xai4j ppn fit' for the methods that read one (ppn).")
    Path prototypes;

    @Option(names = "--colormap", defaultValue = "jet", description = "Colour map of the overlays: ${sys:xai4j.colormaps}"
            + " (default: ${DEFAULT-VALUE}).")
    String colormap;

    @Option(names = "--alpha", defaultValue = "0.5", description = "Opacity of the map over the image in the overlays, 0..1 (default:"
            + " ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--overlay-size", defaultValue = "input", description = "input: overlays at the model's input size, on what the model"
            + " saw; original: at the image file's own size, the raw map upsampled bilinearly to it (with --resize crop, to the"
            + " central region the model saw; the rest is left as it is) (default: ${DEFAULT-VALUE}).")
    String overlaySize;

    @Option(names = "--npy", description = "Also write each map as NumPy float32 files: <image>.<method>.raw.npy (the raw map at the"
            + " method's own resolution, the JSON's raw) and <image>.<method>.npy (upsampled to the input size and min-max normalised).")
    boolean npy;

    @Option(names = "--output-dir", defaultValue = "out/explain", description = "Where explanations.json, the overlays and the .npy files go; files of an"
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
        targets.check();
        if (!overlays) {
            Checks.unused(spec, "with --no-overlays", "--colormap", "--alpha", "--overlay-size");
        }
        Checks.oneOf("--overlay-size", overlaySize, "input", "original");
        Checks.unitInterval("--alpha", alpha);
        try {
            ColorMaps.named(colormap);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--colormap '" + colormap + "': expected one of " + String.join(", ", ColorMaps.names()));
        }
        methods = Explainers.registry().canonical(methods);
        Checks.unusedSettings(spec, methods, MethodOptions.Setting.PERTURBATIONS, MethodOptions.Setting.LAYER, MethodOptions.Setting.EXPLAINER_FILE,
                MethodOptions.Setting.PROTOTYPES);
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
            Integer targetClass = targets.runTarget(net.classNames());
            int[] perImage = targets.perImage(files, inputs, net.classNames());
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

                @Override
                public Integer target(int i) {
                    return perImage == null ? null : perImage[i];
                }

                @Override
                public ImageFolderDataset.Original original(int i) {
                    return ImageFolderDataset.readOriginal(files.get(i), shape[1], shape[2], fit);
                }
            };
            ImageExplanationRun.Outputs outputs = new ImageExplanationRun.Outputs(outputDir,
                    overlays ? new ImageExplanationRun.OverlayStyle(colormap, alpha, "original".equals(overlaySize)) : null, npy);
            ImageExplanationRun.Settings settings = new ImageExplanationRun.Settings(methods, targetClass, batchSize, riseMasks, seed, layer, outputs,
                    skipBad, explainer.setting(), prototypes);
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
            Console.info("%s × %s explained at the model's input size %d×%d; %s%sexplanations.json in %s",
                    Console.count(files.size() - skipped.size(), "image"), Console.count(methods.size(), "method"), net.inputShape()[1],
                    net.inputShape()[2], overlays ? "overlays (" + overlaySize + " size), " : "", npy ? ".npy maps, " : "", outputDir);
            net.close();
        }
        return 0;
    }
}

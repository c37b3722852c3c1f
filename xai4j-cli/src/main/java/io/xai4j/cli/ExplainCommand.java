package io.xai4j.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.xai4j.core.explain.Attribution;
import io.xai4j.core.explain.Explainer;
import io.xai4j.core.io.Json;
import io.xai4j.core.render.Images;
import io.xai4j.core.runtime.ProgressBars;
import io.xai4j.core.runtime.Tensors;
import io.xai4j.vision.data.ImageFolderDataset;
import io.xai4j.vision.data.Normalization;
import io.xai4j.vision.explain.Explainers;
import io.xai4j.vision.model.ImageClassifier;
import io.xai4j.vision.model.ModelFile;
import io.xai4j.vision.model.TorchScriptClassifier;
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

    @Option(names = "--torchscript", description = "A TorchScript export with forward_features/forward_head (see README).")
    Path torchscript;

    @Option(names = "--classes", split = ",", description = "TorchScript: class names in output order.")
    List<String> classes;

    @Option(names = "--input-size", defaultValue = "224", description = "TorchScript: square input size (default: ${DEFAULT-VALUE}).")
    int inputSize;

    @Option(names = "--mean", split = ",", defaultValue = "0.485,0.456,0.406", description = "TorchScript: normalisation mean (default: ImageNet).")
    float[] mean;

    @Option(names = "--std", split = ",", defaultValue = "0.229,0.224,0.225", description = "TorchScript: normalisation std (default: ImageNet).")
    float[] std;

    @Option(names = "--method", split = ",", defaultValue = "gradcam", description = "Methods: cam, gradcam, cgrad, eb, ceb, rise (default: ${DEFAULT-VALUE}).")
    List<String> methods;

    @Option(names = "--layer", description = "Layer whose maps Grad-CAM and EB / c-EB read out (default: Grad-CAM the feature layer, EB the one"
            + " before it); xai4j CNNs have stem, layer1..layerN; a wrong name lists the layers. CAM, cgrad and RISE have none.")
    String layer;

    @Option(names = "--target", description = "Class name or index to explain (default: the predicted class).")
    String target;

    @Option(names = "--batch-size", defaultValue = "16", description = "(default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--rise-masks", defaultValue = "4000", description = "(default: ${DEFAULT-VALUE})")
    int riseMasks;

    @Option(names = "--seed", defaultValue = "0", description = "(default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--output-dir", defaultValue = "out/explain", description = "(default: ${DEFAULT-VALUE})")
    Path outputDir;

    @Parameters(arity = "1..*", description = "Image files or folders (searched recursively).")
    List<Path> inputs;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Checks.atLeast("--batch-size", batchSize, 1);
        Checks.atLeast("--rise-masks", riseMasks, 1);
        if (model != null && torchscript != null) {
            throw new IllegalArgumentException("give --model or --torchscript, not both");
        }
        if (model != null) {
            Checks.unused(spec, "with --model (the model file has its classes, input size and normalisation)", "--classes", "--input-size",
                    "--mean", "--std");
        }
        List<Path> files = imageFiles(inputs);
        List<String> stems = overlayStems(files);
        try (NDManager root = NDManager.newBaseManager()) {
            ImageClassifier net;
            Normalization norm;
            if (model != null) {
                ModelFile.Loaded loaded = ModelFile.load(model, root);
                net = loaded.model();
                norm = new Normalization(loaded.header().mean(), loaded.header().std());
            } else if (torchscript != null) {
                if (classes == null) {
                    throw new IllegalArgumentException("--classes is required with --torchscript");
                }
                net = TorchScriptClassifier.load(torchscript, classes, new int[] {3, inputSize, inputSize});
                norm = new Normalization(mean, std);
            } else {
                throw new IllegalArgumentException("give --model or --torchscript");
            }
            int[] shape = net.inputShape();
            List<Map<String, Object>> records = new ArrayList<>();
            try (ProgressBar bar = Console.interactive() ? ProgressBars.bar("explain", (long) files.size() * methods.size()) : null) {
                for (int from = 0; from < files.size(); from += batchSize) {
                    List<Path> chunk = files.subList(from, Math.min(files.size(), from + batchSize));
                    float[][] pixels = new float[chunk.size()][];
                    for (int i = 0; i < chunk.size(); i++) {
                        pixels[i] = ImageFolderDataset.readImage(chunk.get(i), shape[0], shape[1], shape[2]);
                    }
                    try (NDManager sub = root.newSubManager()) {
                        NDArray x = normalisedBatch(sub, pixels, norm, shape);
                        int[] predicted = Tensors.argmax(Tensors.toArray2(net.logits(x)));
                        int[] targets = target == null ? predicted : fill(chunk.size(), classIndex(net.classNames(), target));
                        for (String m : methods) {
                            Explainer e = Explainers.create(m, net, riseMasks, seed, layer);
                            Attribution a = e.explain(x, targets);
                            for (int i = 0; i < chunk.size(); i++) {
                                Path png = outputDir.resolve(stems.get(from + i) + "." + m + ".png");
                                Images.writePng(png, Images.overlay(Images.fromPlanarRgb(pixels[i], shape[1], shape[2]), a.maps()[i], 0.5));
                                Map<String, Object> r = new LinkedHashMap<>();
                                r.put("file", chunk.get(i).toString());
                                r.put("method", m);
                                r.put("predicted", net.classNames().get(predicted[i]));
                                r.put("target", net.classNames().get(a.targets()[i]));
                                r.put("targetScore", a.targetScores()[i]);
                                r.put("layer", a.layer());
                                r.put("degenerate", a.degenerate()[i]);
                                r.put("overlay", png.getFileName().toString());
                                r.put("raw", a.raw()[i]);
                                records.add(r);
                            }
                            if (bar != null) {
                                bar.stepBy(chunk.size());
                            }
                        }
                    }
                }
            }
            Json.writeFile(outputDir.resolve("explanations.json"), records);
            Console.info("%d images × %d methods explained; overlays and explanations.json in %s", files.size(), methods.size(), outputDir);
            net.close();
        }
        return 0;
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

    static NDArray normalisedBatch(NDManager m, float[][] pixels, Normalization norm, int[] shape) {
        int per = shape[0] * shape[1] * shape[2];
        float[] flat = new float[pixels.length * per];
        for (int i = 0; i < pixels.length; i++) {
            System.arraycopy(norm.apply(pixels[i]), 0, flat, i * per, per);
        }
        return m.create(flat, new ai.djl.ndarray.types.Shape(pixels.length, shape[0], shape[1], shape[2]));
    }

    private static int classIndex(List<String> names, String target) {
        int i = names.indexOf(target);
        if (i >= 0) {
            return i;
        }
        try {
            return Integer.parseInt(target);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--target '" + target + "' is neither a class name " + names + " nor an index");
        }
    }

    private static int[] fill(int n, int v) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    private static List<Path> imageFiles(List<Path> inputs) {
        List<Path> out = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile).filter(f -> f.toString().matches("(?i).*\\.(png|jpe?g|bmp|gif)$"))
                            .filter(f -> !f.toString().endsWith(".mask.png")).sorted().forEach(out::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + p, e);
                }
            } else if (Files.isRegularFile(p)) {
                out.add(p);
            } else {
                throw new IllegalArgumentException("input not found: " + p);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no images (png, jpg, bmp, gif) found in " + inputs);
        }
        return out;
    }
}

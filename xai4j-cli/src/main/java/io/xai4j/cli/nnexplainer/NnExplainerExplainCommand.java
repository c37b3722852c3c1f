package io.xai4j.cli.nnexplainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.xai4j.cli.Checks;
import io.xai4j.cli.Console;
import io.xai4j.cli.ImageFiles;
import io.xai4j.cli.ResizeOption;
import io.xai4j.core.explain.Attribution;
import io.xai4j.core.io.Json;
import io.xai4j.core.render.Images;
import io.xai4j.vision.data.ImageFolderDataset;
import io.xai4j.vision.experiment.ImageExplanationRun;
import io.xai4j.vision.nnexplainer.NnExplainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Applies a trained NN-Explainer to image files: per image the target class's mask (PNG overlay) and every class's mask
 * area in {@code masks.json}.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explains image files with a trained explainer: the target class's mask as a PNG overlay per image, and per image"
                + " the prediction and every class's mask area in masks.json.")
final class NnExplainerExplainCommand implements Callable<Integer> {

    @Mixin
    ClassifierOptions classifier;

    @Mixin
    ResizeOption resize;

    @Option(names = "--explainer", required = true, paramLabel = "FILE", description = "The trained explainer (nnexplainer train).")
    Path explainer;

    @Option(names = "--target", description = "Class name or index to explain (default: the predicted class).")
    String target;

    @Option(names = "--batch-size", defaultValue = "16", description = "(default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--output-dir", defaultValue = "out/nnexplainer", description = "Where masks.json and the overlays go"
            + " (default: ${DEFAULT-VALUE}).")
    Path outputDir;

    @Parameters(arity = "1..*", paramLabel = "IMAGES_OR_FOLDERS", description = "Image files or folders (searched recursively).")
    List<Path> inputs;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Checks.outputFolder("--output-dir", outputDir);
        Checks.atLeast("--batch-size", batchSize, 1);
        classifier.check(spec);
        List<Path> files = ImageFiles.expand(inputs);
        List<String> stems = ImageExplanationRun.overlayStems(files);
        ImageFolderDataset.Fit fit = resize.fit();
        try (NDManager root = NDManager.newBaseManager()) {
            ClassifierOptions.Loaded f = classifier.load(root, null);
            NnExplainer e = NnExplainer.load(explainer, f.classifier());
            List<String> names = f.classifier().classNames();
            Integer targetClass = target == null ? null : classIndex(names, target);
            int[] shape = f.classifier().inputShape();
            List<Map<String, Object>> records = new ArrayList<>();
            for (int from = 0; from < files.size(); from += batchSize) {
                int to = Math.min(files.size(), from + batchSize);
                List<float[]> pixels = new ArrayList<>();
                for (int i = from; i < to; i++) {
                    pixels.add(ImageFolderDataset.readImage(files.get(i), shape[0], shape[1], shape[2], fit));
                }
                try (NDManager sub = root.newSubManager()) {
                    NDArray x = f.normalization().batch(sub, shape, pixels);
                    int[] targets = null;
                    if (targetClass != null) {
                        targets = new int[to - from];
                        java.util.Arrays.fill(targets, targetClass);
                    }
                    Attribution a = e.explain(x, targets);
                    float[][][][] classMasks = e.classMasks(x);
                    int[] predicted = a.predicted();
                    for (int i = 0; i < a.size(); i++) {
                        Path png = outputDir.resolve(stems.get(from + i) + ".png");
                        Images.writePng(png, Images.overlay(Images.fromPlanarRgb(pixels.get(i), shape[1], shape[2]), a.maps()[i], 0.5));
                        Map<String, Object> r = new LinkedHashMap<>();
                        r.put("file", files.get(from + i).toString());
                        r.put("predicted", names.get(predicted[i]));
                        r.put("target", names.get(a.targets()[i]));
                        r.put("targetScore", a.targetScores()[i]);
                        r.put("targetMaskArea", io.xai4j.vision.nnexplainer.MaskMetrics.mean(a.maps()[i]));
                        Map<String, Double> areas = new LinkedHashMap<>();
                        for (int c = 0; c < names.size(); c++) {
                            areas.put(names.get(c), io.xai4j.vision.nnexplainer.MaskMetrics.mean(classMasks[i][c]));
                        }
                        r.put("classMaskAreas", areas);
                        r.put("overlay", png.getFileName().toString());
                        records.add(r);
                    }
                }
            }
            Json.writeFile(outputDir.resolve("masks.json"), records);
            Console.info("%s explained with %s; masks.json and overlays in %s", Console.count(files.size(), "image"), explainer, outputDir);
            f.classifier().close();
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
        } catch (NumberFormatException ignored) {
            // not an index either
        }
        throw new IllegalArgumentException("--target " + target + " is neither a class name nor an index 0.." + (names.size() - 1) + "; classes are "
                + names);
    }
}

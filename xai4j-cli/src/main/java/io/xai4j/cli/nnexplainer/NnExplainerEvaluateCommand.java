package io.xai4j.cli.nnexplainer;

import ai.djl.ndarray.NDManager;
import io.xai4j.cli.Checks;
import io.xai4j.cli.Console;
import io.xai4j.cli.DataSets;
import io.xai4j.cli.ImageBatches;
import io.xai4j.core.io.Json;
import io.xai4j.core.report.HtmlReport;
import io.xai4j.vision.data.ImageDataset;
import io.xai4j.vision.data.PartShapesSplit;
import io.xai4j.vision.explain.Explainers;
import io.xai4j.vision.nnexplainer.NnExplainer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * NN-Explainer's metrics (docs/methods/nn-explainer.md#evaluation-nnexplainer-evaluate) on the first test images of PartShapes (or a PartShapes
 * export), for the explainer and for baseline methods on the same classifier and images: continuous and discrete IoU,
 * soft accuracy and MAE against the evidence masks, the saliency metric, the mean mask area, and the class-specific
 * softmax table (rows: images of class t; columns: the mask of class k, then no mask).
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Mask metrics and the class-specific softmax table of a trained explainer and of baseline methods, on PartShapes"
                + " test images with their evidence masks.")
final class NnExplainerEvaluateCommand implements Callable<Integer> {

    @Mixin
    ClassifierOptions classifier;

    @Option(names = "--explainer", required = true, paramLabel = "FILE", description = "The trained explainer (nnexplainer train).")
    Path explainer;

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--images", defaultValue = "100", description = "The first N test images (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--baseline-methods", split = ",", defaultValue = "gradcam,rise",
            description = "Methods scored beside the explainer on the same classifier (default: ${DEFAULT-VALUE}).")
    List<String> baselineMethods;

    @Option(names = "--rise-masks", defaultValue = "1000", description = "(default: ${DEFAULT-VALUE})")
    int riseMasks;

    @Option(names = "--batch-size", defaultValue = "16", description = "(default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--output-dir", defaultValue = "out/nnexplainer-evaluate", description = "Where metrics.json and report.html go"
            + " (default: ${DEFAULT-VALUE}).")
    Path outputDir;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Checks.outputFolder("--output-dir", outputDir);
        Checks.atLeast("--images", images, 1);
        Checks.atLeast("--rise-masks", riseMasks, 1);
        Checks.atLeast("--batch-size", batchSize, 1);
        classifier.check(spec);
        baselineMethods = baselineMethods.isEmpty() ? List.of() : Explainers.registry().canonical(baselineMethods);
        ClassifierOptions.Data d = classifier.data(dataOptions.dataset, dataOptions.dataDir, dataOptions.seed);
        ImageDataset test = DataSets.loadTest(d.dataset(), d.dir(), d.imageSize(), d.seed(), false, DataSets.FolderSplit.recorded(d.recorded()));
        if (!(test instanceof PartShapesSplit parts)) {
            throw new IllegalArgumentException("nnexplainer evaluate needs evidence masks: PartShapes (--dataset partshapes) or a PartShapes"
                    + " export (--dataset folder --data-dir DIR written by xai4j export); got " + d.dataset()
                    + (d.dir() == null ? "" : " " + d.dir()));
        }
        try (NDManager root = NDManager.newBaseManager()) {
            ClassifierOptions.Loaded f = classifier.load(root, test.classNames());
            DataSets.requireSameClasses(f.file(), f.classifier().classNames(), d.dataset(), test.classNames());
            NnExplainer e = NnExplainer.load(explainer, f.classifier());
            ImageBatches data = new ImageBatches(test, f.normalization());
            int n = Math.min(images, test.size());
            int[] idx = new int[n];
            for (int i = 0; i < n; i++) {
                idx[i] = i;
            }
            HtmlReport report = new HtmlReport("xai4j nnexplainer evaluate");
            Map<String, Object> json = NnExplainerReports.evaluate(f.classifier(), e, explainer.toString(), data, idx, parts, baselineMethods,
                    riseMasks, batchSize, report, "");
            report.write(outputDir.resolve("report.html"));
            Json.writeFile(outputDir.resolve("metrics.json"), json);
            Console.info("wrote metrics.json and report.html to %s", outputDir);
            f.classifier().close();
        }
        return 0;
    }
}

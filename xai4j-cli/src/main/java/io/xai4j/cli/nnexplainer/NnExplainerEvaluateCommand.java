package io.xai4j.cli.nnexplainer;

import ai.djl.ndarray.NDManager;
import io.xai4j.cli.Checks;
import io.xai4j.cli.Console;
import io.xai4j.cli.DataSets;
import io.xai4j.cli.ImageBatches;
import io.xai4j.core.explain.MethodOptions;
import io.xai4j.core.io.Json;
import io.xai4j.core.metrics.Aggregate;
import io.xai4j.core.report.HtmlReport;
import io.xai4j.vision.data.ImageDataset;
import io.xai4j.vision.data.PartShapesSplit;
import io.xai4j.vision.explain.Explainers;
import io.xai4j.vision.nnexplainer.NnExplainer;
import io.xai4j.vision.nnexplainer.NnExplainerEvaluation;
import io.xai4j.vision.nnexplainer.NnExplainerEvaluation.MethodResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
            List<String> names = f.classifier().classNames();
            List<MethodResult> results = new ArrayList<>();
            long t0 = System.nanoTime();
            results.add(NnExplainerEvaluation.run("nnexplainer", f.classifier(), NnExplainerEvaluation.of(e), data, idx, parts::evidenceMask,
                    names, batchSize));
            Console.info("nnexplainer: %d images in %.1f s", n, (System.nanoTime() - t0) / 1e9);
            for (String m : baselineMethods) {
                t0 = System.nanoTime();
                var explainerOfM = Explainers.create(m, f.classifier(), MethodOptions.defaults().withPerturbations(riseMasks).withSeed(0));
                results.add(NnExplainerEvaluation.run(m, f.classifier(), NnExplainerEvaluation.of(explainerOfM, names.size()), data, idx,
                        parts::evidenceMask, names, batchSize));
                Console.info("%s: %d images in %.1f s", m, n, (System.nanoTime() - t0) / 1e9);
            }
            write(results, names, n);
            f.classifier().close();
        }
        return 0;
    }

    private void write(List<MethodResult> results, List<String> names, int n) {
        List<List<String>> rows = new ArrayList<>();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("images", n);
        json.put("explainer", explainer.toString());
        Map<String, Object> methods = new LinkedHashMap<>();
        StringBuilder tables = new StringBuilder();
        Console.info("%-12s %16s %16s %16s %16s %16s %8s %s", "method", "continuous IoU", "discrete IoU", "soft accuracy", "MAE", "saliency",
                "area", "diagonal largest");
        for (MethodResult r : results) {
            NnExplainerEvaluation.ClassTable t = r.classTable();
            double[] dm = t.diagonalAndOffDiagonalMeans();
            rows.add(List.of(r.method(), f(r.continuousIou()), f(r.discreteIou()), f(r.softAccuracy()), f(r.mae()), f(r.saliency()),
                    String.format(Locale.ROOT, "%.3f", r.area().mean()), t.diagonalDominant() ? "yes" : "no",
                    String.format(Locale.ROOT, "%.2f / %.2f", 100 * dm[0], 100 * dm[1])));
            Console.info("%-12s %16s %16s %16s %16s %16s %8.3f %s", r.method(), f(r.continuousIou()), f(r.discreteIou()), f(r.softAccuracy()),
                    f(r.mae()), f(r.saliency()), r.area().mean(), t.diagonalDominant() ? "yes" : "no");
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("continuousIou", r.continuousIou());
            m.put("discreteIou", r.discreteIou());
            m.put("softAccuracy", r.softAccuracy());
            m.put("mae", r.mae());
            m.put("saliency", r.saliency());
            m.put("area", r.area());
            Map<String, Object> table = new LinkedHashMap<>();
            table.put("columns", columns(names));
            table.put("rows", names);
            table.put("images", t.counts());
            table.put("softmax", t.means());
            table.put("diagonalLargest", t.diagonalDominant());
            table.put("diagonalMean", dm[0]);
            table.put("offDiagonalMean", dm[1]);
            m.put("classSpecific", table);
            methods.put(r.method(), m);
            tables.append("<h3>").append(HtmlReport.escape(r.method())).append("</h3>").append(HtmlReport.table(header(names), tableRows(t), null));
        }
        json.put("methods", methods);
        MethodResult explainerResult = results.get(0);
        for (MethodResult r : results.subList(1, results.size())) {
            if (r.method().equals("gradcam") && explainerResult.continuousIou().mean() < r.continuousIou().mean()) {
                Console.info("warning: the explainer's continuous IoU (%.4f) is below Grad-CAM's (%.4f) on these images", explainerResult.continuousIou().mean(),
                        r.continuousIou().mean());
            }
        }
        HtmlReport report = new HtmlReport("xai4j nnexplainer evaluate");
        report.addSection("metrics", "Mask metrics", "<p>" + n + " test images, each method's mask of the true class against the evidence"
                + " mask: the explainer's mask as it is (in [0,1], not normalised), the baselines' maps min-max normalised. Saliency: log(max(area,"
                + " 0.05)) - log(softmax of the true class on the masked image), lower is better; MAE lower is better, the rest higher."
                + " Diagonal: the class-specific table's diagonal and off-diagonal means, in %.</p>"
                + HtmlReport.table(List.of("method", "continuous IoU", "discrete IoU", "soft accuracy", "MAE", "saliency", "area",
                        "diagonal largest in every row", "diagonal / off-diagonal"), rows, null));
        report.addSection("class-specific", "Class-specific softmax table", "<p>Row: images of class t; column: the mask of class k,"
                + " binarised at 0.1, ..., 0.9; cell: the mean softmax probability of t on the masked image, in %; none: the unmasked image.</p>"
                + tables);
        report.write(outputDir.resolve("report.html"));
        Json.writeFile(outputDir.resolve("metrics.json"), json);
        Console.info("wrote metrics.json and report.html to %s", outputDir);
    }

    private static List<String> columns(List<String> names) {
        List<String> c = new ArrayList<>(names);
        c.add("none");
        return c;
    }

    private static List<String> header(List<String> names) {
        List<String> h = new ArrayList<>();
        h.add("class t (images)");
        h.addAll(columns(names));
        return h;
    }

    private static List<List<String>> tableRows(NnExplainerEvaluation.ClassTable t) {
        double[][] means = t.means();
        int[] counts = t.counts();
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < means.length; r++) {
            List<String> row = new ArrayList<>();
            row.add(t.classNames().get(r) + " (" + counts[r] + ")");
            for (double v : means[r]) {
                row.add(Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f", 100 * v));
            }
            rows.add(row);
        }
        return rows;
    }

    private static String f(Aggregate a) {
        return String.format(Locale.ROOT, "%.4f ± %.4f", a.mean(), a.std());
    }
}

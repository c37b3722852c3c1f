package io.xai4j.cli.nnexplainer;

import io.xai4j.cli.Console;
import io.xai4j.cli.ImageBatches;
import io.xai4j.core.explain.MethodOptions;
import io.xai4j.core.metrics.Aggregate;
import io.xai4j.core.report.HtmlReport;
import io.xai4j.vision.data.PartShapesSplit;
import io.xai4j.vision.explain.Explainers;
import io.xai4j.vision.model.ImageClassifier;
import io.xai4j.vision.nnexplainer.NnExplainer;
import io.xai4j.vision.nnexplainer.NnExplainerEvaluation;
import io.xai4j.vision.nnexplainer.NnExplainerEvaluation.MethodResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * NN-Explainer's evaluation as {@code nnexplainer evaluate} and {@code xai4j demo} report it
 * (docs/methods/nn-explainer.md#evaluation-nnexplainer-evaluate): for the explainer and for baseline methods on the same
 * classifier and images, continuous and discrete IoU, soft accuracy and MAE against the evidence masks, the saliency
 * metric, the mean mask area and the class-specific softmax table (rows: images of class t; columns: the mask of class
 * k, then no mask).
 */
public final class NnExplainerReports {

    private NnExplainerReports() {}

    /**
     * Scores the explainer, then each of {@code baselineMethods}, on the test images {@code idx}, logs the table, adds
     * the sections {@code idPrefix + "metrics"} and {@code idPrefix + "class-specific"} to {@code report} and returns the
     * JSON of {@code nnexplainer evaluate}'s metrics.json ({@code images}, {@code explainer}, {@code methods}).
     */
    public static Map<String, Object> evaluate(ImageClassifier classifier, NnExplainer explainer, String explainerName, ImageBatches data,
            int[] idx, PartShapesSplit parts, List<String> baselineMethods, int riseMasks, int batchSize, HtmlReport report, String idPrefix) {
        List<String> names = classifier.classNames();
        int n = idx.length;
        List<MethodResult> results = new ArrayList<>();
        long t0 = System.nanoTime();
        results.add(NnExplainerEvaluation.run("nnexplainer", classifier, NnExplainerEvaluation.of(explainer), data, idx, parts::evidenceMask,
                names, batchSize));
        Console.info("nnexplainer: %d images in %.1f s", n, (System.nanoTime() - t0) / 1e9);
        for (String m : baselineMethods) {
            t0 = System.nanoTime();
            var explainerOfM = Explainers.create(m, classifier, MethodOptions.defaults().withPerturbations(riseMasks).withSeed(0));
            results.add(NnExplainerEvaluation.run(m, classifier, NnExplainerEvaluation.of(explainerOfM, names.size()), data, idx,
                    parts::evidenceMask, names, batchSize));
            Console.info("%s: %d images in %.1f s", m, n, (System.nanoTime() - t0) / 1e9);
        }
        List<List<String>> rows = new ArrayList<>();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("images", n);
        json.put("explainer", explainerName);
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
                Console.info("warning: the explainer's continuous IoU (%.4f) is below Grad-CAM's (%.4f) on these images",
                        explainerResult.continuousIou().mean(), r.continuousIou().mean());
            }
        }
        report.addSection(idPrefix + "metrics", "Mask metrics", "<p>" + n + " test images, each method's mask of the true class against the"
                + " evidence mask: the explainer's mask as it is (in [0,1], not normalised), the baselines' maps min-max normalised. Saliency:"
                + " log(max(area, 0.05)) - log(softmax of the true class on the masked image), lower is better; MAE lower is better, the rest"
                + " higher. Diagonal: the class-specific table's diagonal and off-diagonal means, in %.</p>"
                + HtmlReport.table(List.of("method", "continuous IoU", "discrete IoU", "soft accuracy", "MAE", "saliency", "area",
                        "diagonal largest in every row", "diagonal / off-diagonal"), rows, null));
        report.addSection(idPrefix + "class-specific", "Class-specific softmax table", "<p>Row: images of class t; column: the mask of"
                + " class k, binarised at 0.1, ..., 0.9; cell: the mean softmax probability of t on the masked image, in %; none: the unmasked"
                + " image.</p>" + tables);
        return json;
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

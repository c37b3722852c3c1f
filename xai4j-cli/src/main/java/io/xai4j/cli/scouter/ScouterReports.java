package io.xai4j.cli.scouter;

import io.xai4j.cli.Console;
import io.xai4j.cli.ImageBatches;
import io.xai4j.cli.ImageReport;
import io.xai4j.core.report.HtmlReport;
import io.xai4j.vision.data.PartShapesSplit;
import io.xai4j.vision.experiment.ImageEvaluation;
import io.xai4j.vision.model.CnnClassifier;
import io.xai4j.vision.scouter.ScouterEvaluation;
import io.xai4j.vision.scouter.ScouterTrainer;
import io.xai4j.vision.train.ClassifierTrainer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * SCOUTER's evaluation as {@code scouter evaluate} and {@code xai4j demo} report it: per model top-1 on the whole test
 * split and, on the first test images, area size, precision next to chance, IAUC, DAUC and the true class's area next to
 * the others'; the common method × metric table on the same images (SCOUTER on its model, the baseline's methods on the
 * FC baseline); the why / why-not figures.
 */
final class ScouterReports {

    /** The FC baseline and the methods run on it for comparison; null where the caller scores them elsewhere. */
    record Baseline(CnnClassifier model, ImageBatches data, String name, List<String> methods) {}

    private ScouterReports() {}

    /**
     * Adds the sections "scouter", "bench" and (for {@code showImages > 0}) "why" to {@code report} and returns the JSON
     * of {@code scouter evaluate}'s metrics.json: {@code images}, {@code scouter} (per model its variant, λ, top-1 and
     * {@link ScouterEvaluation.Summary}), {@code baseline} and {@code bench} (per model the method × metric table).
     *
     * @param n the first n test images for the explanation metrics
     * @param intro HTML before the metrics table ("" for none)
     * @param idPrefix prefix of the "bench" and "why" section ids, so that they cannot clash with a host report's own
     */
    static Map<String, Object> evaluate(List<ScouterData> loaded, Baseline baseline, int n, int riseMasks, long seed, int showImages,
            HtmlReport report, String intro, String idPrefix) {
        ScouterData first = loaded.get(0);
        int[] idx = IntStream.range(0, n).toArray();
        List<List<String>> rows = new ArrayList<>();
        List<Map<String, Object>> json = new ArrayList<>();
        List<ImageEvaluation.Result> tables = new ArrayList<>();
        List<String> tableNames = new ArrayList<>();
        List<List<String>> tableClasses = new ArrayList<>();
        for (ScouterData d : loaded) {
            double top1 = ScouterTrainer.accuracy(d.model(), d.batches, 128);
            ScouterEvaluation.Summary s = ScouterEvaluation.run(d.model(), d.batches, idx, d::region, 16);
            double lambda = d.lambda();
            rows.add(List.of(d.model().config().variant(), f(lambda), f(top1), f(s.area()), f(s.precision()), f(s.chance()),
                    f(s.insertionAuc()), f(s.deletionAuc()), f(s.trueClassArea()), f(s.otherClassArea())));
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("model", d.name());
            e.put("variant", d.model().config().variant());
            e.put("lambda", lambda);
            e.put("top1", top1);
            e.put("summary", s);
            json.add(e);
            tables.add(ImageEvaluation.run(d.model(), d.batches, idx, i -> masks(d, i), List.of("scouter"), 16, riseMasks, 0, seed,
                    Console.interactive()));
            tableNames.add(d.model().config().variant() + " (" + d.name() + ")");
            tableClasses.add(d.model().classNames());
            Console.info("%s: top-1 %.4f, area %.4f, precision %.4f (chance %.4f), IAUC %.4f, DAUC %.4f, true-class area %.4f vs others %.4f",
                    d.model().config().variant(), top1, s.area(), s.precision(), s.chance(), s.insertionAuc(), s.deletionAuc(),
                    s.trueClassArea(), s.otherClassArea());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("images", n);
        out.put("scouter", json);
        if (baseline != null) {
            double top1 = ClassifierTrainer.evaluate(baseline.model(), baseline.data(), 128)[1];
            rows.add(List.of("FC baseline", "", f(top1), "", "", "", "", "", "", ""));
            out.put("baseline", Map.of("model", baseline.name(), "top1", top1));
            tables.add(ImageEvaluation.run(baseline.model(), baseline.data(), idx, i -> masks(first, i), baseline.methods(), 16, riseMasks, 0,
                    seed, Console.interactive()));
            tableNames.add("FC baseline (" + baseline.name() + ")");
            tableClasses.add(baseline.model().classNames());
            Console.info("FC baseline: top-1 %.4f", top1);
        }
        List<Map<String, Object>> bench = new ArrayList<>();
        StringBuilder benchHtml = new StringBuilder();
        for (int t = 0; t < tables.size(); t++) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("model", tableNames.get(t));
            b.put("methods", ImageReport.json(tables.get(t), tableClasses.get(t)));
            b.put("baselines", ImageReport.baselinesJson(tables.get(t)));
            bench.add(b);
            benchHtml.append("<h3>").append(HtmlReport.escape(tableNames.get(t))).append("</h3>").append(ImageReport.metricTable(tables.get(t)));
        }
        out.put("bench", bench);
        report.addSection("scouter", "SCOUTER metrics", intro + "<p>Top-1 on the whole test split; the other columns on " + n
                + " test images, on the map of the explained class (SCOUTER+: the true class; SCOUTER-: the least-similar class),"
                + " jointly normalised over the classes. Precision: the map's mass in the evidence mask (SCOUTER+) or in the parts"
                + " (SCOUTER-); chance: the region's share of the image, the precision of an even map.</p>"
                + HtmlReport.table(List.of("model", "lambda", "top-1", "area size", "precision", "chance", "IAUC", "DAUC", "true-class area",
                        "other classes' area"), rows, null));
        report.addSection(idPrefix + "bench", "The same images, the same metrics", "<p>Each method explains the true class, as in xai4j evaluate.</p>"
                + benchHtml);
        if (showImages > 0) {
            report.addSection(idPrefix + "why", "Why and why not", ScouterData.whyAndWhyNot(loaded, IntStream.range(0, Math.min(showImages, n)).toArray()));
        }
        return out;
    }

    private static boolean[][][] masks(ScouterData d, int i) {
        return d.test instanceof PartShapesSplit p ? new boolean[][][] {p.evidenceMask(i), p.distractorMask(i)} : null;
    }

    static String f(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }
}

package io.xai4j.cli.pipnet;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.xai4j.cli.Console;
import io.xai4j.core.io.AtomicFiles;
import io.xai4j.core.io.Json;
import io.xai4j.core.report.HtmlReport;
import io.xai4j.vision.data.ImageDataset;
import io.xai4j.vision.pipnet.GlobalExplanation;
import io.xai4j.vision.pipnet.LocalExplanation;
import io.xai4j.vision.data.PartShapesSplit;
import io.xai4j.vision.pipnet.OodDiagnostic;
import io.xai4j.vision.pipnet.OodThresholds;
import io.xai4j.vision.pipnet.PatchGeometry;
import io.xai4j.vision.pipnet.PipNet;
import io.xai4j.vision.pipnet.PipNetInputs;
import io.xai4j.vision.pipnet.PipNetMetrics;
import io.xai4j.vision.pipnet.PipNetReport;
import io.xai4j.vision.pipnet.PipNetTrainer;
import io.xai4j.vision.pipnet.PipNetTrainingConfig;
import io.xai4j.vision.pipnet.Prediction;
import io.xai4j.vision.pipnet.PresenceTable;
import io.xai4j.vision.pipnet.PrototypePurity;
import io.xai4j.vision.pipnet.ScoringSheet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Evaluation of a trained PIP-Net on a data set (every metric of docs/methods/pipnet.md#metrics) and the files it writes. */
final class PipNetReports {

    private PipNetReports() {}

    /** Everything measured on one data set. */
    record Evaluation(PipNetMetrics test, PipNetMetrics ood, OodThresholds thresholds, String calibration, double fpr95,
            PrototypePurity purityTrain, PrototypePurity purityTest, PrototypePurity cellCentrePurityTrain, PrototypePurity cellCentrePurityTest,
            Prediction testPrediction, int[] testLabels, ScoringSheet sheet, List<FarOodResult> farOod, OodDiagnostic diagnostic) {

        Map<String, Object> toJson(String oodName) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("classes", sheet.classes().stream().map(ScoringSheet.ClassRow::className).toList());
            m.put("test", test);
            m.put("testAbstentionRate", test.abstentionRate());
            m.put("sparsityPercent", 100 * test.sparsity());
            if (ood != null) {
                m.put("oodSet", oodName);
                m.put("ood", ood);
                m.put("oodAbstentionRate", ood.abstentionRate());
                m.put("fpr95", fpr95);
                m.put("thresholds", thresholds);
                m.put("thresholdsCalibratedOn", calibration);
            }
            if (!farOod.isEmpty()) {
                m.put("farOod", farOod);
            }
            if (diagnostic != null) {
                m.put("oodDiagnostic", diagnostic);
            }
            if (purityTrain != null) {
                m.put("purityTrain", purityTrain);
                m.put("purityTest", purityTest);
                m.put("cellCentrePurityTrain", cellCentrePurityTrain);
                m.put("cellCentrePurityTest", cellCentrePurityTest);
            }
            return m;
        }

        /** The headline figures of {@link #toJson} as {@code metric,value} rows for metrics.csv (NaN as an empty cell). */
        List<List<Object>> csvRows() {
            List<List<Object>> rows = new ArrayList<>();
            row(rows, "top1", test.accuracy());
            rows.add(List.of("global_size", test.globalSize()));
            row(rows, "local_size_all_classes", test.localSizeAll());
            row(rows, "local_size_predicted_class", test.localSizePredicted());
            row(rows, "sparsity_percent", 100 * test.sparsity());
            row(rows, "active_prototypes", test.activePrototypes());
            rows.add(List.of("test_abstained", test.abstained()));
            row(rows, "test_abstention_rate", test.abstentionRate());
            if (ood != null) {
                row(rows, "fpr95", fpr95);
                row(rows, "id_tpr", thresholds.tpr());
                rows.add(List.of("ood_abstained", ood.abstained()));
                row(rows, "ood_abstention_rate", ood.abstentionRate());
                rows.add(List.of("thresholds_calibrated_on", calibration));
            }
            for (FarOodResult f : farOod) {
                row(rows, "far_ood_fpr95_" + f.key(), f.fpr95());
                row(rows, "far_ood_abstention_rate_" + f.key(), f.metrics().abstentionRate());
            }
            if (diagnostic != null) {
                rows.add(List.of("ood_diagnostic_accepted", diagnostic.accepted()));
                rows.add(List.of("ood_diagnostic_hue_in_image", diagnostic.hueInImage()));
                rows.add(List.of("ood_diagnostic_shape_in_image", diagnostic.shapeInImage()));
                rows.add(List.of("ood_diagnostic_part_type_in_image", diagnostic.partTypeInImage()));
                rows.add(List.of("ood_diagnostic_carrier_without_part_type", diagnostic.carrierWithoutPartType()));
            }
            if (purityTrain != null) {
                purityRows(rows, "purity_train", purityTrain);
                purityRows(rows, "purity_test", purityTest);
                purityRows(rows, "cell_centre_purity_train", cellCentrePurityTrain);
                purityRows(rows, "cell_centre_purity_test", cellCentrePurityTest);
            }
            return rows;
        }

        private static void purityRows(List<List<Object>> rows, String name, PrototypePurity p) {
            row(rows, name + "_mean", p.mean());
            row(rows, name + "_std", p.std());
            row(rows, name + "_part_related", p.partRelated());
        }

        private static void row(List<List<Object>> rows, String metric, double value) {
            rows.add(java.util.Arrays.asList(metric, Double.isNaN(value) ? null : value));
        }
    }

    /**
     * FPR95 on one far-OOD set (docs/methods/pipnet.md#far-and-near-ood), with the class thresholds of the near-OOD split.
     *
     * @param key short name for CSV columns ({@code fashion_mnist}, {@code noise})
     */
    record FarOodResult(String set, String key, double fpr95, PipNetMetrics metrics) {}

    /** Header of the PIP-Net metrics.csv. */
    static final List<String> CSV_HEADER = List.of("metric", "value");

    /** Runs every metric (purity only on PartShapes), OOD thresholds fitted on the test split; the model is not changed. */
    static Evaluation evaluate(PipNet model, PipNetData data, int batchSize) {
        return evaluate(model, data, null, batchSize, null, List.of());
    }

    /**
     * As {@link #evaluate(PipNet, PipNetData, int)} with the OOD class thresholds fitted on {@code calibration}
     * (docs/methods/pipnet.md#ood-detection: the test split by default, for comparability with the paper; a validation split as an option);
     * null means the test split. {@code trainPresence} is the presence table of {@code data.train()} when the caller
     * already has it (the projection of the global explanation), so purity does not run the training set again; null
     * computes it.
     */
    static Evaluation evaluate(PipNet model, PipNetData data, ImageDataset calibration, int batchSize, PresenceTable trainPresence,
            List<FarOod.Set> far) {
        Prediction test = PipNetMetrics.predictAll(model, data.test(), batchSize);
        int[] labels = new int[data.test().size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = data.test().label(i);
        }
        float[][] w = model.weights();
        PipNetMetrics testMetrics = PipNetMetrics.compute(w, test, labels);
        PipNetMetrics oodMetrics = null;
        OodThresholds thresholds = null;
        double fpr = Double.NaN;
        Prediction ood = null;
        if (data.ood() != null || !far.isEmpty()) {
            thresholds = OodThresholds.fit(calibration == null ? test.unclampedScores()
                    : PipNetMetrics.predictAll(model, calibration, batchSize).unclampedScores());
        }
        if (data.ood() != null) {
            ood = PipNetMetrics.predictAll(model, data.ood(), batchSize);
            oodMetrics = PipNetMetrics.compute(w, ood, null);
            fpr = thresholds.acceptedShare(ood.unclampedScores());
        }
        List<FarOodResult> farResults = new ArrayList<>();
        for (FarOod.Set set : far) {
            Prediction p = PipNetMetrics.predictAll(model, set.images(), batchSize);
            String key = set.name().startsWith("Fashion") ? "fashion_mnist" : set.name().startsWith("uniform") ? "noise" : set.name();
            farResults.add(new FarOodResult(set.name(), key, thresholds.acceptedShare(p.unclampedScores()), PipNetMetrics.compute(w, p, null)));
        }
        OodDiagnostic diagnostic = null;
        // docs/methods/pipnet.md#purity-hit-rule: the paper's keypoint rule (a part centroid inside the patch) is the default, the cell-centre rule beside it
        PrototypePurity pTrain = null, pTest = null, cTrain = null, cTest = null;
        if (data.partTrain() != null) {
            int[] relevant = model.relevantPrototypes();
            PresenceTable tTrain = trainPresence != null && data.partTrain() == data.train() ? trainPresence
                    : PresenceTable.compute(model, data.partTrain(), batchSize);
            PresenceTable tTest = PresenceTable.compute(model, data.partTest(), batchSize);
            PatchGeometry g = PatchGeometry.cells(model.imageSize(), tTrain.gridHeight(), tTrain.gridWidth(), 2);
            pTrain = PrototypePurity.compute(tTrain, data.partTrain(), relevant, g, PrototypePurity.Rule.PART_CENTRE_IN_PATCH, PipNetTrainer.TOP_K);
            pTest = PrototypePurity.compute(tTest, data.partTest(), relevant, g, PrototypePurity.Rule.PART_CENTRE_IN_PATCH, PipNetTrainer.TOP_K);
            cTrain = PrototypePurity.compute(tTrain, data.partTrain(), relevant, g, PrototypePurity.Rule.CELL_CENTRE_IN_MASK, PipNetTrainer.TOP_K);
            cTest = PrototypePurity.compute(tTest, data.partTest(), relevant, g, PrototypePurity.Rule.CELL_CENTRE_IN_MASK, PipNetTrainer.TOP_K);
            if (ood != null && data.ood() instanceof PartShapesSplit oodSplit) {
                diagnostic = OodDiagnostic.compute(tTrain, data.partTrain(), relevant, g, PipNetTrainer.TOP_K, oodSplit, ood,
                        thresholds.accept(ood.unclampedScores()), w);
            }
        }
        return new Evaluation(testMetrics, oodMetrics, thresholds, calibration == null ? "test" : "validation", fpr, pTrain, pTest, cTrain,
                cTest, test, labels, ScoringSheet.of(model), farResults, diagnostic);
    }

    /** Evaluates, prints a summary and writes metrics.json, metrics.csv, scoring-sheet.json and scoring-sheet.txt into {@code dir}. */
    static Evaluation evaluateAndWrite(PipNet model, PipNetData data, Path dir, int batchSize, boolean quiet) {
        return evaluateAndWrite(model, data, null, dir, batchSize, null, List.of(), quiet);
    }

    /**
     * As above, with the OOD thresholds fitted on {@code calibration} (null: the test split) and the training set's
     * presence table if the caller has it ({@link #evaluate(PipNet, PipNetData, ImageDataset, int, PresenceTable)}).
     */
    static Evaluation evaluateAndWrite(PipNet model, PipNetData data, ImageDataset calibration, Path dir, int batchSize,
            PresenceTable trainPresence, boolean quiet) {
        return evaluateAndWrite(model, data, calibration, dir, batchSize, trainPresence, List.of(), quiet);
    }

    /** As above, scoring the far-OOD sets {@code far} with the same class thresholds (docs/methods/pipnet.md#far-and-near-ood). */
    static Evaluation evaluateAndWrite(PipNet model, PipNetData data, ImageDataset calibration, Path dir, int batchSize,
            PresenceTable trainPresence, List<FarOod.Set> far, boolean quiet) {
        Evaluation e = evaluate(model, data, calibration, batchSize, trainPresence, far);
        Json.writeFile(dir.resolve("metrics.json"), e.toJson(data.oodName()));
        io.xai4j.core.io.CsvTables.write(dir.resolve("metrics.csv"), CSV_HEADER, e.csvRows());
        Json.writeFile(dir.resolve("scoring-sheet.json"), e.sheet());
        AtomicFiles.writeString(dir.resolve("scoring-sheet.txt"), e.sheet().toText());
        if (!quiet) {
            print(e, data);
        }
        return e;
    }

    static void print(Evaluation e, PipNetData data) {
        PipNetMetrics t = e.test();
        Console.info("%s test: top-1 %.4f (abstentions counted as errors); abstained %d (%.2f%%)", data.name(), t.accuracy(), t.abstained(),
                100 * t.abstentionRate());
        Console.info("global size %d; local size %.2f all classes (%.2f predicted class); sparsity %.2f%%; active prototypes %.2f per image",
                t.globalSize(), t.localSizeAll(), t.localSizePredicted(), 100 * t.sparsity(), t.activePrototypes());
        if (e.ood() != null) {
            Console.info("OOD (%s): FPR95 %.4f (ID TPR %.4f after %d rounds); abstained %d of %d (%.2f%%)", data.oodName(), e.fpr95(),
                    e.thresholds().tpr(), e.thresholds().rounds(), e.ood().abstained(), e.ood().images(), 100 * e.ood().abstentionRate());
        }
        for (FarOodResult f : e.farOod()) {
            Console.info("far OOD (%s): FPR95 %.4f; abstained %d of %d (%.2f%%)", f.set(), f.fpr95(), f.metrics().abstained(), f.metrics().images(),
                    100 * f.metrics().abstentionRate());
        }
        if (e.diagnostic() != null) {
            OodDiagnostic d = e.diagnostic();
            Console.info("near-OOD diagnostic: of %d accepted ood images, the prototype carrying the predicted class has its hue in the image in %d,"
                    + " its shape in %d, its part type in %d (no part type: %d)", d.accepted(), d.hueInImage(), d.shapeInImage(), d.partTypeInImage(),
                    d.carrierWithoutPartType());
        }
        if (e.purityTrain() != null && e.purityTrain().prototypes().length == 0) {
            Console.info("purity: undefined, no relevant prototype (metrics.json: null)");
        } else if (e.purityTrain() != null) {
            Console.info("purity (%s, top-%d, 2-cell patches) train %.3f ± %.3f, test %.3f ± %.3f; part-related (> 0.5) %.1f%% / %.1f%% of %d"
                    + " relevant prototypes", e.purityTrain().rule(), e.purityTrain().k(), e.purityTrain().mean(), e.purityTrain().std(),
                    e.purityTest().mean(), e.purityTest().std(), 100 * e.purityTrain().partRelated(), 100 * e.purityTest().partRelated(),
                    e.purityTrain().prototypes().length);
            Console.info("purity (%s, the option) train %.3f ± %.3f, test %.3f ± %.3f; part-related %.1f%% / %.1f%%", e.cellCentrePurityTrain().rule(),
                    e.cellCentrePurityTrain().mean(), e.cellCentrePurityTrain().std(), e.cellCentrePurityTest().mean(), e.cellCentrePurityTest().std(),
                    100 * e.cellCentrePurityTrain().partRelated(), 100 * e.cellCentrePurityTest().partRelated());
        }
    }

    /**
     * Mean ± sample standard deviation over models of every numeric metric of {@link Evaluation#csvRows} (docs/methods/pipnet.md#seeds-and-data-draws:
     * figures with a target are the mean ± std over 3 model seeds), printed for the headline metrics and written
     * to {@code file} as {@code metric,mean,std,seed<K>...}; a metric undefined for some model is averaged over the others.
     */
    static Map<String, double[]> summariseSeeds(List<Evaluation> results, long firstSeed, Path file) {
        Map<String, double[]> values = new LinkedHashMap<>();
        for (int r = 0; r < results.size(); r++) {
            for (List<Object> row : results.get(r).csvRows()) {
                if (row.get(1) instanceof Number || row.get(1) == null) {
                    double[] v = values.computeIfAbsent((String) row.get(0), k -> filled(results.size()));
                    v[r] = row.get(1) == null ? Double.NaN : ((Number) row.get(1)).doubleValue();
                }
            }
        }
        List<String> header = new ArrayList<>(List.of("metric", "mean", "std"));
        for (int r = 0; r < results.size(); r++) {
            header.add("seed" + (firstSeed + r));
        }
        List<List<Object>> rows = new ArrayList<>();
        Map<String, double[]> summary = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : values.entrySet()) {
            double[] ms = meanStd(e.getValue());
            summary.put(e.getKey(), ms);
            List<Object> row = new ArrayList<>(java.util.Arrays.asList(e.getKey(), nullIfNaN(ms[0]), nullIfNaN(ms[1])));
            for (double v : e.getValue()) {
                row.add(nullIfNaN(v));
            }
            rows.add(row);
        }
        io.xai4j.core.io.CsvTables.write(file, header, rows);
        Console.info("mean ± std over %d seeds (%d..%d):", results.size(), firstSeed, firstSeed + results.size() - 1);
        for (Map.Entry<String, double[]> e : summary.entrySet()) {
            if (HEADLINE.stream().anyMatch(h -> e.getKey().equals(h) || e.getKey().startsWith(h + "_"))) {
                Console.info("  %-40s %.4f ± %.4f", e.getKey(), e.getValue()[0], e.getValue()[1]);
            }
        }
        Console.info("wrote %s", file);
        return summary;
    }

    /** The metrics {@link #summariseSeeds} prints (every one goes to the file). */
    private static final List<String> HEADLINE = List.of("top1", "global_size", "local_size_all_classes", "local_size_predicted_class",
            "sparsity_percent", "fpr95", "far_ood_fpr95", "ood_abstention_rate", "purity_train_mean", "purity_test_mean",
            "cell_centre_purity_train_mean", "cell_centre_purity_test_mean");

    /** Mean and sample standard deviation of the non-NaN values (std NaN for fewer than two). */
    static double[] meanStd(double[] v) {
        double sum = 0;
        int n = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                sum += x;
                n++;
            }
        }
        double mean = n == 0 ? Double.NaN : sum / n, ss = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                ss += (x - mean) * (x - mean);
            }
        }
        return new double[] {mean, n < 2 ? Double.NaN : Math.sqrt(ss / (n - 1))};
    }

    private static double[] filled(int n) {
        double[] v = new double[n];
        java.util.Arrays.fill(v, Double.NaN);
        return v;
    }

    private static Object nullIfNaN(double v) {
        return Double.isNaN(v) ? null : v;
    }

    /** The explanations of a model on a data set. */
    record Explanations(ScoringSheet sheet, GlobalExplanation global, ImageDataset projection, List<LocalExplanation> local,
            ImageDataset localImages, int[] localLabels) {

        void addTo(HtmlReport report) {
            PipNetReport.addSections(report, sheet, global, projection, local, localImages, localLabels);
        }
    }

    /**
     * Global explanation on the training set ({@code projection}: its presence table) and local explanations of the
     * first {@code images} test images followed by the first {@code oodImages} OOD images (read-only).
     */
    static Explanations explain(PipNet model, PipNetData data, PresenceTable projection, int images, int oodImages, PatchGeometry.Size patchSize) {
        PatchGeometry g = patchSize.geometry(model.imageSize(), projection.gridHeight(), projection.gridWidth(), model.backbone().receptiveField());
        GlobalExplanation global = GlobalExplanation.of(model, projection, PipNetTrainer.TOP_K, g);
        int nTest = Math.min(images, data.test().size());
        int nOod = data.ood() == null ? 0 : Math.min(oodImages, data.ood().size());
        ImageDataset shown = new Concat(data.test(), nTest, data.ood(), nOod);
        List<LocalExplanation> local = new ArrayList<>();
        int[] labels = new int[shown.size()];
        int[] ids = new int[shown.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
            labels[i] = shown.label(i);
        }
        try (NDManager m = NDManager.newBaseManager()) {
            local.addAll(LocalExplanation.explain(model, PipNetInputs.batch(m, shown, ids, model), ids, g));
        }
        return new Explanations(ScoringSheet.of(model), global, data.train(), local, shown, labels);
    }

    /** The metrics as an HTML table. */
    static String metricsHtml(Evaluation e, PipNetData data) {
        List<List<String>> rows = new ArrayList<>();
        PipNetMetrics t = e.test();
        rows.add(List.of("top-1 (abstention = error)", f(t.accuracy())));
        rows.add(List.of("global size (relevant prototypes)", Integer.toString(t.globalSize())));
        rows.add(List.of("local size, all classes", f(t.localSizeAll())));
        rows.add(List.of("local size, predicted class", f(t.localSizePredicted())));
        rows.add(List.of("sparsity ratio", String.format(Locale.ROOT, "%.2f%%", 100 * t.sparsity())));
        rows.add(List.of("abstained (test)", t.abstained() + " of " + t.images()));
        if (e.ood() != null) {
            rows.add(List.of("OOD FPR95 (" + data.oodName() + ")", f(e.fpr95())));
            rows.add(List.of("abstained (OOD)", e.ood().abstained() + " of " + e.ood().images()));
        }
        for (FarOodResult f : e.farOod()) {
            rows.add(List.of("far-OOD FPR95 (" + f.set() + ")", f(f.fpr95())));
            rows.add(List.of("abstained (" + f.set() + ")", f.metrics().abstained() + " of " + f.metrics().images()));
        }
        if (e.purityTrain() != null) {
            rows.add(List.of("purity train (mean ± std; part centre in patch, the paper's keypoint rule)",
                    f(e.purityTrain().mean()) + " ± " + f(e.purityTrain().std())));
            rows.add(List.of("purity test (mean ± std)", f(e.purityTest().mean()) + " ± " + f(e.purityTest().std())));
            rows.add(List.of("part-related prototypes (purity > 0.5, test)", String.format(Locale.ROOT, "%.1f%%", 100 * e.purityTest().partRelated())));
            rows.add(List.of("purity, cell centre in mask rule, train / test",
                    f(e.cellCentrePurityTrain().mean()) + " / " + f(e.cellCentrePurityTest().mean())));
        }
        return HtmlReport.table(List.of("metric", "value"), rows, null);
    }

    /**
     * The near-OOD diagnostic (docs/methods/pipnet.md#near-ood-diagnostic) as an HTML section body: the totals, then one row per carrier prototype
     * (its part type from its top-10 training patches, keypoint rule; how many accepted OOD images it carries; in how
     * many of those its hue, shape and part type occur).
     */
    static String diagnosticHtml(OodDiagnostic d) {
        String intro = String.format(Locale.ROOT, "<p>Of the %d OOD images the class thresholds accept, the prototype contributing most to the"
                + " predicted class has its <b>hue</b> in the image in %d, its <b>shape</b> in %d and its <b>part type</b> in %d (%d carriers hit no"
                + " part type in their top-10 training patches).</p>", d.accepted(), d.hueInImage(), d.shapeInImage(), d.partTypeInImage(),
                d.carrierWithoutPartType());
        List<List<String>> rows = new ArrayList<>();
        for (OodDiagnostic.Row r : d.prototypes()) {
            rows.add(List.of(Integer.toString(r.prototype()), r.partType() == null ? "–" : r.partType(),
                    Integer.toString(r.carried()), Integer.toString(r.hueInImage()), Integer.toString(r.shapeInImage()),
                    Integer.toString(r.partTypeInImage())));
        }
        return intro + HtmlReport.table(List.of("prototype", "part type (top-10 train)", "accepted OOD images carried", "its hue in image",
                "its shape in image", "its part type in image"), rows, null);
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    static ObjectNode trainingJson(PipNetTrainingConfig config, PipNetTrainer.Result result, double minutes) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.set("training", Json.MAPPER.valueToTree(config));
        n.set("history", Json.MAPPER.valueToTree(result.history()));
        n.set("pruned", Json.MAPPER.valueToTree(result.pruned()));
        n.put("minutes", minutes);
        n.put("phase", "done");
        return n;
    }
}

package io.xai4j.cli.scouter;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import io.xai4j.cli.Checks;
import io.xai4j.cli.Console;
import io.xai4j.cli.ImageBatches;
import io.xai4j.cli.ImageReport;
import io.xai4j.core.io.Json;
import io.xai4j.core.report.HtmlReport;
import io.xai4j.vision.data.PartShapesSplit;
import io.xai4j.vision.experiment.ImageEvaluation;
import io.xai4j.vision.explain.Explainers;
import io.xai4j.vision.model.ModelFile;
import io.xai4j.vision.scouter.ScouterEvaluation;
import io.xai4j.vision.scouter.ScouterTrainer;
import io.xai4j.vision.train.ClassifierTrainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * SCOUTER's metrics (docs/methods/scouter.md#metrics) on the test split its model records: top-1 of each SCOUTER model
 * and of the FC baseline; area size, precision, IAUC and DAUC of the explained class's map; the true class's area
 * next to the others' (the "why not" check); and the method × metric table of the other commands, with SCOUTER on its
 * model and Grad-CAM and RISE on the FC baseline, on the same images.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, description = "Accuracy and explanation metrics of SCOUTER models and the FC baseline.")
final class ScouterEvaluateCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, split = ",", description = "SCOUTER model file(s) trained on the same data.")
    List<Path> models;

    @Option(names = "--baseline", description = "The FC baseline (default: the one the first model records, if its file exists).")
    Path baseline;

    @Option(names = "--images", defaultValue = "100", description = "Test images for the explanation metrics (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--baseline-methods", split = ",", defaultValue = "gradcam,rise",
            description = "Methods run on the FC baseline for comparison (default: ${DEFAULT-VALUE}).")
    List<String> baselineMethods;

    @Option(names = "--rise-masks", defaultValue = "1000", description = "(default: ${DEFAULT-VALUE})")
    int riseMasks;

    @Option(names = "--show-images", defaultValue = "6", description = "Images in the why / why-not section (default: ${DEFAULT-VALUE}).")
    int showImages;

    @Option(names = "--seed", defaultValue = "0", description = "RISE's masks (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--output-dir", defaultValue = "out/scouter-evaluate", description = "(default: ${DEFAULT-VALUE})")
    Path outputDir;

    @Override
    public Integer call() {
        Checks.atLeast("--images", images, 1);
        Checks.atLeast("--rise-masks", riseMasks, 1);
        Checks.atLeast("--show-images", showImages, 0);
        Checks.outputFolder("--output-dir", outputDir);
        baselineMethods = Explainers.registry().canonical(baselineMethods);
        try (NDManager root = NDManager.newBaseManager()) {
            List<ScouterData> loaded = new ArrayList<>();
            try {
                for (Path m : models) {
                    loaded.add(ScouterData.load(m, root));
                }
                ScouterData first = loaded.get(0);
                int n = Math.min(images, first.test.size());
                int[] idx = new int[n];
                for (int i = 0; i < n; i++) {
                    idx[i] = i;
                }
                List<List<String>> rows = new ArrayList<>();
                List<Map<String, Object>> json = new ArrayList<>();
                List<ImageEvaluation.Result> tables = new ArrayList<>();
                List<String> tableNames = new ArrayList<>();
                for (int k = 0; k < loaded.size(); k++) {
                    ScouterData d = loaded.get(k);
                    double top1 = ScouterTrainer.accuracy(d.model(), d.batches, 128);
                    ScouterEvaluation.Summary s = ScouterEvaluation.run(d.model(), d.batches, idx, d::region, 16);
                    JsonNode training = d.loaded.header().extra() == null ? null : d.loaded.header().extra().get("training");
                    double lambda = training == null ? Double.NaN : training.path("lambda").asDouble(Double.NaN);
                    rows.add(List.of(d.model().config().variant(), f(lambda), f(top1), f(s.area()), f(s.precision()), f(s.insertionAuc()),
                            f(s.deletionAuc()), f(s.trueClassArea()), f(s.otherClassArea())));
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("model", models.get(k).toString());
                    e.put("variant", d.model().config().variant());
                    e.put("lambda", lambda);
                    e.put("top1", top1);
                    e.put("summary", s);
                    json.add(e);
                    tables.add(ImageEvaluation.run(d.model(), d.batches, idx, i -> masks(d, i), List.of("scouter"), 16, riseMasks, 0, seed,
                            Console.interactive()));
                    tableNames.add(d.model().config().variant() + " (" + models.get(k).getFileName() + ")");
                    Console.info("%s: top-1 %.4f, area %.4f, precision %.4f, IAUC %.4f, DAUC %.4f, true-class area %.4f vs others %.4f",
                            d.model().config().variant(), top1, s.area(), s.precision(), s.insertionAuc(), s.deletionAuc(), s.trueClassArea(),
                            s.otherClassArea());
                }
                Path fc = baseline;
                JsonNode recorded = first.loaded.header().extra() == null ? null : first.loaded.header().extra().get("baseline");
                if (fc == null && recorded != null && Files.exists(Path.of(recorded.asText()))) {
                    fc = Path.of(recorded.asText());
                }
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("images", n);
                out.put("scouter", json);
                if (fc != null) {
                    ModelFile.Loaded b = ModelFile.load(fc, root);
                    ImageBatches data = new ImageBatches(first.test, b.header().normalization());
                    double top1 = ClassifierTrainer.evaluate(b.model(), data, 128)[1];
                    rows.add(List.of("FC baseline", "", f(top1), "", "", "", "", "", ""));
                    out.put("baseline", Map.of("model", fc.toString(), "top1", top1));
                    tables.add(ImageEvaluation.run(b.model(), data, idx, i -> masks(first, i), baselineMethods, 16, riseMasks, 0, seed,
                            Console.interactive()));
                    tableNames.add("FC baseline (" + fc.getFileName() + ")");
                    Console.info("FC baseline: top-1 %.4f", top1);
                    b.model().close();
                }
                HtmlReport report = new HtmlReport("xai4j scouter evaluate");
                report.addSection("scouter", "SCOUTER metrics", "<p>Top-1 on the whole test split; the other columns on " + n
                        + " test images, on the map of the explained class (SCOUTER+: the true class; SCOUTER-: the least-similar class),"
                        + " jointly normalised over the classes. Precision: the map's mass in the evidence mask (SCOUTER+) or in the parts"
                        + " (SCOUTER-).</p>" + HtmlReport.table(List.of("model", "lambda", "top-1", "area size", "precision", "IAUC", "DAUC",
                        "true-class area", "other classes' area"), rows, null));
                StringBuilder bench = new StringBuilder();
                for (int t = 0; t < tables.size(); t++) {
                    bench.append("<h3>").append(HtmlReport.escape(tableNames.get(t))).append("</h3>").append(ImageReport.metricTable(tables.get(t)));
                }
                report.addSection("bench", "The same images, the same metrics", "<p>Each method explains the true class, as in xai4j"
                        + " evaluate.</p>" + bench);
                if (showImages > 0) {
                    int[] show = new int[Math.min(showImages, n)];
                    for (int i = 0; i < show.length; i++) {
                        show[i] = i;
                    }
                    report.addSection("why", "Why and why not", ScouterData.whyAndWhyNot(loaded, show));
                }
                report.write(outputDir.resolve("report.html"));
                Json.writeFile(outputDir.resolve("metrics.json"), out);
                Console.info("wrote metrics.json and report.html to %s", outputDir);
            } finally {
                loaded.forEach(ScouterData::close);
            }
        }
        return 0;
    }

    private static boolean[][][] masks(ScouterData d, int i) {
        return d.test instanceof PartShapesSplit p ? new boolean[][][] {p.evidenceMask(i), p.distractorMask(i)} : null;
    }

    private static String f(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }
}

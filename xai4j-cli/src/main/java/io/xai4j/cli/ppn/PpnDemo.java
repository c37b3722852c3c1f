package io.xai4j.cli.ppn;

import io.xai4j.cli.Console;
import io.xai4j.core.report.HtmlReport;
import io.xai4j.vision.data.Normalization;
import io.xai4j.vision.data.PartShapesSplit;
import io.xai4j.vision.model.ImageClassifier;
import io.xai4j.vision.ppn.FitSettings;
import io.xai4j.vision.ppn.PostHocPrototypes;
import io.xai4j.vision.ppn.PrototypeEvaluation;
import io.xai4j.vision.ppn.PrototypeFitter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The post-hoc part-prototype part of {@code xai4j demo}: prototypes of the demo's CNN, their metrics and explanations. */
public final class PpnDemo {

    private PpnDemo() {}

    /**
     * Fits k = 3 prototypes per class to {@code model} (at most 200 images per class, a short run), scores them with the
     * baselines on {@code test}, writes the prototype file, metrics and explanations to {@code outputDir} and adds a section
     * to {@code report}.
     */
    public static void addTo(HtmlReport report, ImageClassifier model, Normalization norm, PartShapesSplit train, PartShapesSplit test,
            Path outputDir, long seed) {
        long t0 = System.nanoTime();
        PostHocPrototypes p = PrototypeFitter.builder().setModel(model).setData(train).setNormalization(norm)
                .optSettings(new FitSettings(3, 200, 100, 200, 1e-4, false, false, seed)).optProgress(Console.interactive()).build().fit();
        double seconds = (System.nanoTime() - t0) / 1e9;
        p.save(outputDir.resolve("prototypes.json"));
        List<PrototypeEvaluation.Scores> scores = PpnReports.evaluate(model, norm, p, train, test, seed, outputDir);
        String explanations = PpnReports.explain(model, norm, p, train, test, 4, outputDir);
        report.addSection("ppn", "Post-hoc part-prototypes", String.format(Locale.ROOT,
                "<p>Post-hoc part-prototypes (Tan et al., ICML 2024) of the CNN above: 3 per class from at most 200 training images per class,"
                        + " fitted in %.1f s (seed %d). A short demo run: see docs/ppn.md for the full fit.</p>", seconds, seed)
                + PpnReports.metricsHtml(scores) + explanations);
        Console.info("%s", PpnReports.plainTable(scores));
    }
}

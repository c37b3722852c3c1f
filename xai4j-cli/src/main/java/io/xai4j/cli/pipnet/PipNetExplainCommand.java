package io.xai4j.cli.pipnet;

import ai.djl.ndarray.NDManager;
import io.xai4j.cli.Checks;
import io.xai4j.cli.Console;
import io.xai4j.core.io.Json;
import io.xai4j.core.render.Images;
import io.xai4j.core.report.HtmlReport;
import io.xai4j.vision.pipnet.PipNetFile;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Scoring sheet, prototype gallery and local explanations of a trained PIP-Net, as an HTML report. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Write the scoring sheet, the prototype gallery (top-10 training patches) and local explanations to an HTML report.")
final class PipNetExplainCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "A PIP-Net file written by 'pipnet train'.")
    Path model;

    @Option(names = "--dataset", description = "partshapes, fashion-mnist or folder (default: the one the model was trained on).")
    String dataset;

    @Option(names = "--data-dir", description = "As for 'pipnet train' (default: the model's).")
    Path dataDir;

    @Option(names = "--images", defaultValue = "8", description = "Test images explained (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--ood-images", defaultValue = "4", description = "OOD images explained, to show abstention (default: ${DEFAULT-VALUE}).")
    int oodImages;

    @Mixin
    PatchSizeOptions patch = new PatchSizeOptions();

    @Option(names = "--sheet-only", description = "Only print the scoring sheet.")
    boolean sheetOnly;

    @Option(names = "--seed", description = "Data seed (default: the data seed the model was trained on, pipnet train --data-seed).")
    Long seed;

    @Option(names = "--output-dir", defaultValue = "out/pipnet-explain", description = "(default: ${DEFAULT-VALUE})")
    Path outputDir;

    @Override
    public Integer call() {
        Checks.outputFolder("--output-dir", outputDir);
        Checks.atLeast("--images", images, 0);
        Checks.atLeast("--ood-images", oodImages, 0);
        io.xai4j.vision.pipnet.PatchGeometry.Size patchSize = patch.size();
        Checks.reportFolder("--output-dir", outputDir, "xai4j pipnet explain"); // never replaces another command's report
        try (NDManager root = NDManager.newBaseManager()) {
            PipNetFile.Loaded loaded = PipNetFile.load(model, root);
            if (sheetOnly) {
                System.out.print(io.xai4j.vision.pipnet.ScoringSheet.of(loaded.model()).toText());
                loaded.model().close();
                return 0;
            }
            patch.requireFits(loaded.model().imageSize());
            PipNetData data = PipNetData.forModel(loaded, model, dataset, dataDir, seed);
            HtmlReport report = new HtmlReport("PIP-Net — " + data.name());
            io.xai4j.vision.pipnet.PresenceTable projection = io.xai4j.vision.pipnet.PresenceTable.compute(loaded.model(), data.train(), 128);
            PipNetReports.Explanations e = PipNetReports.explain(loaded.model(), data, projection, images, oodImages, patchSize);
            PipNetReports.Evaluation eval = PipNetReports.evaluateAndWrite(loaded.model(), data, null, outputDir, 128, projection, false);
            report.addSection("pipnet-metrics", "PIP-Net metrics", PipNetReports.metricsHtml(eval, data));
            if (eval.diagnostic() != null) {
                report.addSection("pipnet-ood-diagnostic", "Which prototypes accept near-OOD images (hue, shape, part type)",
                        PipNetReports.diagnosticHtml(eval.diagnostic()));
            }
            e.addTo(report);
            Checks.ownReport(outputDir, "xai4j pipnet explain");
            report.write(outputDir.resolve("report.html"));
            Images.writePng(outputDir.resolve("prototypes.png"), e.global().grid(data.train(), 32));
            Json.writeFile(outputDir.resolve("global-explanation.json"), e.global());
            Json.writeFile(outputDir.resolve("local-explanations.json"), e.local());
            int shownTest = Math.min(images, data.test().size());
            for (io.xai4j.vision.pipnet.LocalExplanation l : e.local()) {
                Console.info("image %d (%s): %s", l.image(), l.image() < shownTest ? "test" : "ood", l.abstained() ? "abstained: not seen before"
                        : "predicted " + loaded.model().classNames().get(l.predicted()) + String.format(java.util.Locale.ROOT, " (score %.3f)",
                                l.scores()[l.predicted()]));
            }
            Console.info("report: %s", outputDir.resolve("report.html").toAbsolutePath());
            loaded.model().close();
        }
        return 0;
    }
}

package io.xai4j.cli.pipnet;

import ai.djl.ndarray.NDManager;
import io.xai4j.cli.Checks;
import io.xai4j.vision.pipnet.PipNetFile;
import io.xai4j.core.report.HtmlReport;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Every PIP-Net metric of docs/methods/pipnet.md#metrics on a data set; the model is only read. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Top-1, global/local size, sparsity, abstentions, near- and far-OOD FPR95, and (PartShapes) prototype purity and the"
                + " near-OOD diagnostic; writes metrics.json, metrics.csv and report.html.")
final class PipNetEvaluateCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "A PIP-Net file written by 'pipnet train'.")
    Path model;

    @Option(names = "--dataset", description = "partshapes, fashion-mnist or folder (default: the one the model was trained on).")
    String dataset;

    @Option(names = "--data-dir", description = "As for 'pipnet train' (default: the model's).")
    Path dataDir;

    @Option(names = "--seed", description = "Data seed (default: the data seed the model was trained on, pipnet train --data-seed).")
    Long seed;

    @Option(names = "--output-dir", defaultValue = "out/pipnet-evaluate", description = "(default: ${DEFAULT-VALUE})")
    Path outputDir;

    @Option(names = "--calibrate-on", defaultValue = "test", description = "Split the OOD class thresholds are fitted on: test (the"
            + " paper's protocol, docs/methods/pipnet.md#ood-detection) or validation (PartShapes' val split, a folder's val/ beside test/) (default: ${DEFAULT-VALUE}).")
    String calibrateOn;

    @Option(names = "--far-ood", description = "Far-OOD sets scored with the same class thresholds (docs/methods/pipnet.md#far-and-near-ood): fashion-mnist"
            + " and/or noise, comma-separated, or none (default: fashion-mnist,noise for partshapes, none otherwise).")
    String farOod;

    @Option(names = "--fashion-mnist-dir", description = "Folder of the Fashion-MNIST IDX files for --far-ood fashion-mnist (default: "
            + "/usr/share/datasets/fashion-mnist, apt-get install dataset-fashion-mnist).")
    Path fashionMnistDir;

    @Override
    public Integer call() {
        Checks.outputFolder("--output-dir", outputDir);
        if (farOod != null) {
            FarOod.checkSpec(farOod); // refused before the model and data are loaded
        }
        if (!calibrateOn.equals("test") && !calibrateOn.equals("validation")) {
            throw new IllegalArgumentException("--calibrate-on must be test or validation, got '" + calibrateOn + "'");
        }
        try (NDManager root = NDManager.newBaseManager()) {
            PipNetFile.Loaded loaded = PipNetFile.load(model, root);
            PipNetData.Source source = PipNetData.source(loaded, dataset, dataDir, seed);
            PipNetData data = PipNetData.forModel(loaded, model, source);
            io.xai4j.vision.data.ImageDataset calibration = null;
            if (calibrateOn.equals("validation")) {
                calibration = PipNetData.validation(source.name(), source.dir(), loaded.model().imageSize(), source.seed(), source.skipBad(),
                        data.train());
            }
            String far = farOod != null ? farOod : source.name().equals("partshapes") ? "fashion-mnist,noise" : "none";
            List<FarOod.Set> sets = FarOod.load(far, fashionMnistDir, source.seed(), loaded.model().imageSize());
            PipNetReports.Evaluation e = PipNetReports.evaluateAndWrite(loaded.model(), data, calibration, outputDir, 128, null, sets, false);
            HtmlReport report = new HtmlReport("PIP-Net evaluation — " + model.getFileName());
            report.addSection("pipnet-metrics", "PIP-Net metrics", PipNetReports.metricsHtml(e, data));
            if (e.diagnostic() != null) {
                report.addSection("pipnet-ood-diagnostic", "Which prototypes accept near-OOD images (hue, shape, part type)",
                        PipNetReports.diagnosticHtml(e.diagnostic()));
            }
            report.write(outputDir.resolve("report.html"));
            loaded.model().close();
        }
        return 0;
    }
}

package io.xai4j.cli.pipnet;

import ai.djl.ndarray.NDManager;
import io.xai4j.cli.Console;
import io.xai4j.core.report.HtmlReport;
import io.xai4j.vision.data.Normalization;
import io.xai4j.vision.data.PartShapesSplit;
import io.xai4j.vision.pipnet.PipNet;
import io.xai4j.vision.pipnet.PipNetArchitecture;
import io.xai4j.vision.pipnet.PipNetFile;
import io.xai4j.vision.pipnet.PipNetTrainer;
import io.xai4j.vision.pipnet.PipNetTrainingConfig;
import io.xai4j.vision.pipnet.PresenceTable;
import io.xai4j.vision.pipnet.TwoViewAugmentation;
import java.nio.file.Path;
import java.util.Locale;

/** The PIP-Net part of {@code xai4j demo}: a short training on the demo's PartShapes and its report sections. */
public final class PipNetDemo {

    private PipNetDemo() {}

    /**
     * Trains a smallcnn PIP-Net (D = 64) briefly on {@code train}, evaluates it on {@code test} and
     * {@code ood}, writes {@code outputDir/pipnet.xai4j} (checkpoint beside it, so a killed demo resumes)
     * plus metrics.json and the scoring sheet, and adds the metric, scoring-sheet, local-explanation and
     * prototype sections to {@code report}.
     *
     * @return the evaluation's top-1 accuracy
     */
    public static double addTo(HtmlReport report, PartShapesSplit train, PartShapesSplit test, PartShapesSplit ood, Path outputDir,
            int pretrainEpochs, int epochs, long seed) {
        int s = train.width();
        PipNetTrainingConfig config = PipNetTrainingConfig.defaults(pretrainEpochs, epochs, 64, TwoViewAugmentation.defaults(s, true), seed);
        PipNetData data = new PipNetData("partshapes", train, test, ood, "PartShapes ood split (unseen part types)", train, test, s, true);
        try (NDManager root = NDManager.newBaseManager()) {
            PipNetFile.BackboneSpec spec = PipNetFile.BackboneSpec.smallCnn(64);
            PipNetFile.Header header = new PipNetFile.Header(spec, PipNetArchitecture.smallCnn(64, s), train.classNames(),
                    Normalization.imageNet().mean(), Normalization.imageNet().std(), null);
            PipNet model = PipNetFile.create(root, header, seed);
            long t0 = System.nanoTime();
            PipNetTrainer.Result result = new PipNetTrainer(config, spec, outputDir.resolve("pipnet.xai4j.ckpt"), Console.interactive())
                    .train(model, train);
            double minutes = (System.nanoTime() - t0) / 6e10;
            PipNetFile.save(outputDir.resolve("pipnet.xai4j"), model, PipNetFile.headerOf(model, spec,
                    PipNetReports.trainingJson(config, result, minutes).set("data", PipNetData.provenance("partshapes", null, seed, false))), null);
            PresenceTable projection = PresenceTable.compute(model, train, 128); // global explanation and purity share it
            PipNetReports.Evaluation e = PipNetReports.evaluateAndWrite(model, data, null, outputDir, 128, projection, false);
            report.addSection("pipnet-metrics", "PIP-Net", String.format(Locale.ROOT,
                    "<p>PIP-Net (Nauta et al., CVPR 2023), smallcnn backbone, 64 prototypes, trained %d + %d epochs in %.1f min (seed %d)."
                            + " A short demo run: see docs/pipnet.md for full trainings.</p>", pretrainEpochs, epochs, minutes, seed)
                    + PipNetReports.metricsHtml(e, data));
            PipNetReports.explain(model, data, projection, 8, 4, io.xai4j.vision.pipnet.PatchGeometry.Size.cells(2)).addTo(report);
            model.close();
            return e.test().accuracy();
        }
    }
}

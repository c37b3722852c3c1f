package io.xai4j.cli.ppn;

import ai.djl.ndarray.NDManager;
import io.xai4j.cli.Checks;
import io.xai4j.core.report.HtmlReport;
import io.xai4j.vision.ppn.PostHocPrototypes;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xai4j ppn explain}: local explanations of test images and the global top-patch grid (docs/methods/posthoc-ppn.md#explanations). */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Local (top-3 classes, contributions, heatmaps, boxes) and global (top-10 training patches per prototype) explanations;"
                + " writes PNG, JSON and report.html.")
final class PpnExplainCommand implements Callable<Integer> {

    @Option(names = "--prototypes", required = true, description = "A prototype file written by 'ppn fit'.")
    Path prototypes;

    @Option(names = "--images", defaultValue = "8", description = "Test images explained, from the first (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--train-images", description = "Training images searched for each prototype's top-10 patches, the first N of the"
            + " training split (default: all).")
    Integer trainImages;

    @Option(names = "--output-dir", defaultValue = "out/ppn-explain", description = "(default: ${DEFAULT-VALUE})")
    Path outputDir;

    @Override
    public Integer call() {
        Checks.outputFolder("--output-dir", outputDir);
        Checks.atLeast("--images", images, 1);
        if (trainImages != null) {
            Checks.atLeast("--train-images", trainImages, 1);
        }
        PostHocPrototypes p = PostHocPrototypes.load(prototypes);
        try (NDManager root = NDManager.newBaseManager()) {
            BlackBoxes.Loaded l = BlackBoxes.load(p, prototypes, root);
            HtmlReport report = new HtmlReport("xai4j post-hoc part-prototypes — " + l.dataset());
            report.addSection("ppn-explanations", "Post-hoc part-prototypes",
                    PpnReports.explain(l.model(), l.normalization(), p, trainImages == null ? l.data().train() : l.data().train().head(trainImages),
                            l.data().test(), images, outputDir));
            report.write(outputDir.resolve("report.html"));
            l.model().close();
        }
        return 0;
    }
}

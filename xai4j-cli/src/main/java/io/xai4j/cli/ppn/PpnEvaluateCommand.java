package io.xai4j.cli.ppn;

import ai.djl.ndarray.NDManager;
import io.xai4j.cli.Checks;
import io.xai4j.cli.Console;
import io.xai4j.vision.data.PartShapesSplit;
import io.xai4j.vision.ppn.PostHocPrototypes;
import io.xai4j.vision.ppn.PrototypeEvaluation;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code xai4j ppn evaluate}: the metrics of docs/methods/posthoc-ppn.md#metrics on the prototypes' data, beside the
 * uniform-β and random-partition baselines.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Exactness, agreement, consistency, stability, purity, NMF error, negative-α and residual shares, with baselines;"
                + " writes metrics.json and metrics.csv.")
final class PpnEvaluateCommand implements Callable<Integer> {

    @Option(names = "--prototypes", required = true, description = "A prototype file written by 'ppn fit'.")
    Path prototypes;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the stability noise and the random partition (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--images", description = "Test images scored, the first N of the test split (default: all).")
    Integer images;

    @Option(names = "--train-images", description = "Training images searched for each prototype's top-10 patches (purity), the first N"
            + " of the training split (default: all).")
    Integer trainImages;

    @Option(names = "--output-dir", defaultValue = "out/ppn-evaluate", description = "(default: ${DEFAULT-VALUE})")
    Path outputDir;

    @Override
    public Integer call() {
        Checks.outputFolder("--output-dir", outputDir);
        if (images != null) {
            Checks.atLeast("--images", images, 1);
        }
        if (trainImages != null) {
            Checks.atLeast("--train-images", trainImages, 1);
        }
        PostHocPrototypes p = PostHocPrototypes.load(prototypes);
        try (NDManager root = NDManager.newBaseManager()) {
            BlackBoxes.Loaded l = BlackBoxes.load(p, prototypes, root);
            if (!(l.data().test() instanceof PartShapesSplit test) || !(l.data().train() instanceof PartShapesSplit train)) {
                throw new IllegalArgumentException(prototypes + ": the prototypes were fitted on " + l.dataset()
                        + "; ppn evaluate needs PartShapes (its part masks give consistency, stability and purity)");
            }
            List<PrototypeEvaluation.Scores> scores = PpnReports.evaluate(l.model(), l.normalization(), p,
                    trainImages == null ? train : train.head(trainImages), images == null ? test : test.head(images), seed, outputDir);
            Console.info("%s", PpnReports.plainTable(scores));
            Console.info("wrote metrics.json and metrics.csv to %s", outputDir);
            l.model().close();
        }
        return 0;
    }
}

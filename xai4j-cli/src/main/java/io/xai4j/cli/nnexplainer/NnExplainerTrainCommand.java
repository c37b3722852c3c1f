package io.xai4j.cli.nnexplainer;

import ai.djl.ndarray.NDManager;
import io.xai4j.cli.Checks;
import io.xai4j.cli.Console;
import io.xai4j.cli.DataSets;
import io.xai4j.cli.ImageBatches;
import io.xai4j.vision.nnexplainer.CompactUNet;
import io.xai4j.vision.nnexplainer.NnExplainerConfig;
import io.xai4j.vision.nnexplainer.NnExplainerEpoch;
import io.xai4j.vision.nnexplainer.NnExplainerTrainer;
import io.xai4j.vision.train.TrainingData;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Trains an NN-Explainer for a frozen classifier; a killed run started again with the same --output resumes. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Trains an explainer network for a frozen classifier (docs/methods/nn-explainer.md); a killed run started again"
                + " with the same --output resumes.")
final class NnExplainerTrainCommand implements Callable<Integer> {

    @Mixin
    ClassifierOptions classifier;

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--explainer-seed", defaultValue = "42", description = "Initialisation and shuffling of the explainer (default: ${DEFAULT-VALUE}).")
    long explainerSeed;

    @Option(names = "--levels", defaultValue = "4", description = "U-Net levels (default: ${DEFAULT-VALUE}).")
    int levels;

    @Option(names = "--width", defaultValue = "32", description = "Channels of the first U-Net level, doubled per level (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--lr", defaultValue = "1e-4", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--batch-size", defaultValue = "16", description = "(default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--max-epochs", defaultValue = "100", description = "(default: ${DEFAULT-VALUE})")
    int maxEpochs;

    @Option(names = "--patience", defaultValue = "5", description = "Epochs without a validation-loss decrease of 1e-3 before stopping"
            + " (default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--max-train-images", defaultValue = "0", description = "Train on the first N training images (0: all).")
    int maxTrain;

    @Option(names = "--max-val-images", defaultValue = "0", description = "Validate on the first N validation images (0: all).")
    int maxVal;

    @Option(names = "--output", defaultValue = "out/explainer.xai4j", description = "The explainer file, also the checkpoint while"
            + " training (default: ${DEFAULT-VALUE}).")
    Path output;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Checks.outputFile("--output", output);
        Checks.atLeast("--max-train-images", maxTrain, 0);
        Checks.atLeast("--max-val-images", maxVal, 0);
        classifier.check(spec);
        NnExplainerConfig defaults = NnExplainerConfig.defaults();
        NnExplainerConfig config = new NnExplainerConfig(levels, width, lr, defaults.lambdaEntropy(), defaults.lambdaTv(), defaults.lambdaArea(),
                defaults.lambdaMask(), defaults.lambdaNonTarget(), defaults.areaMin(), defaults.areaMax(), batchSize, explainerSeed, patience,
                defaults.minDelta(), maxEpochs);
        try (NDManager root = NDManager.newBaseManager()) {
            ClassifierOptions.Data d = classifier.data(dataOptions.dataset, dataOptions.dataDir, dataOptions.seed);
            String set = d.dataset();
            long dataSeed = d.seed();
            DataSets.Splits data = DataSets.load(set, d.dir(), d.imageSize(), dataSeed, false, false, DataSets.FolderSplit.recorded(d.recorded()));
            ClassifierOptions.Loaded f = classifier.load(root, data.train().classNames());
            DataSets.requireSameClasses(f.file(), f.classifier().classNames(), set, data.train().classNames());
            TrainingData train = new ImageBatches(maxTrain == 0 ? data.train() : data.train().head(maxTrain), f.normalization());
            TrainingData val = new ImageBatches(maxVal == 0 ? data.val() : data.val().head(maxVal), f.normalization());
            Console.info("%s (seed %d): %d train / %d val images; explainer U-Net %d levels, width %d; classifier %s", set, dataSeed,
                    train.size(), val.size(), levels, width, f.file());
            CompactUNet net = new CompactUNet(root.newSubManager(), f.classifier().inputShape()[0], f.classifier().numClasses(), levels, width,
                    explainerSeed);
            long t0 = System.nanoTime();
            List<NnExplainerEpoch> history = new NnExplainerTrainer(config, output, Console.interactive(), f.file().getFileName().toString())
                    .train(net, f.classifier(), train, val);
            NnExplainerEpoch best = history.stream().min(java.util.Comparator.comparingDouble(NnExplainerEpoch::valLoss)).orElseThrow();
            Console.info("%d epochs; best epoch %d: validation loss %.4f, mean target-mask area %.3f; %.1f min; explainer written to %s",
                    history.size(), best.epoch(), best.valLoss(), best.valMaskMean(), (System.nanoTime() - t0) / 6e10, output);
            f.classifier().close();
        }
        return 0;
    }
}

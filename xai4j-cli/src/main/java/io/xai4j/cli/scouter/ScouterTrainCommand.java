package io.xai4j.cli.scouter;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.xai4j.cli.Checks;
import io.xai4j.cli.Console;
import io.xai4j.cli.DataSets;
import io.xai4j.cli.ImageBatches;
import io.xai4j.core.io.Json;
import io.xai4j.vision.data.Normalization;
import io.xai4j.vision.model.CnnClassifier;
import io.xai4j.vision.model.ModelFile;
import io.xai4j.vision.model.SmallResNet;
import io.xai4j.vision.model.SmallResNetConfig;
import io.xai4j.vision.scouter.ResNetBackbone;
import io.xai4j.vision.scouter.Scouter;
import io.xai4j.vision.scouter.ScouterBackbone;
import io.xai4j.vision.scouter.ScouterEpochStats;
import io.xai4j.vision.scouter.ScouterFile;
import io.xai4j.vision.scouter.ScouterTrainer;
import io.xai4j.vision.scouter.ScouterTrainingConfig;
import io.xai4j.vision.scouter.SlotAttention;
import io.xai4j.vision.scouter.SlotConfig;
import io.xai4j.vision.scouter.TorchScriptFeatures;
import io.xai4j.vision.train.ClassifierTrainer;
import io.xai4j.vision.train.TrainingConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Trains SCOUTER (docs/methods/scouter.md#training): with the built-in backbone and use_pre, first the FC baseline (the
 * same backbone, global pooling and a linear layer; {@code OUTPUT-baseline.xai4j}), then SCOUTER on a copy of its
 * backbone; {@code --backbone model.xai4j} takes a trained baseline instead, {@code --backbone export.pt} a TorchScript
 * {@code forward_features} module. Both stages checkpoint after every epoch and resume when started again.
 */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train the FC baseline, then SCOUTER+ or SCOUTER- on its backbone.")
final class ScouterTrainCommand implements Callable<Integer> {

    static final class Sign {
        @Option(names = "--positive", description = "SCOUTER+: positive evidence, why this class (default).")
        boolean positive;

        @Option(names = "--negative", description = "SCOUTER-: negative evidence, why not that class.")
        boolean negative;
    }

    @ArgGroup(exclusive = true)
    Sign sign;

    @Option(names = "--dataset", defaultValue = "partshapes", description = "partshapes, fashion-mnist or folder (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--data-dir", description = "fashion-mnist: the IDX folder; folder: DIR with train/ and val/ (and test/).")
    Path dataDir;

    @Option(names = "--image-size", defaultValue = "64", description = "Folder images are resized to this size (default: ${DEFAULT-VALUE}).")
    int imageSize;

    @Option(names = "--backbone", description = "A trained FC baseline (model.xai4j, a built-in CNN) or a TorchScript export with"
            + " forward_features (export.pt). Default: the built-in CNN, trained first as the FC baseline (use_pre).")
    Path backbone;

    @Option(names = "--freeze-prefix", split = ",", description = "TorchScript backbone: parameter-name prefixes that never train.")
    List<String> freezePrefixes = List.of();

    @Option(names = "--freeze-stages", defaultValue = "0", description = "Built-in backbone: leading split points (stem, layer1, ...)"
            + " that never train (default: ${DEFAULT-VALUE}).")
    int freezeStages;

    @Option(names = "--baseline-epochs", defaultValue = "10", description = "Epochs of the FC baseline (default: ${DEFAULT-VALUE}).")
    int baselineEpochs;

    @Option(names = "--epochs", defaultValue = "20", description = "Epochs of SCOUTER (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "64", description = "(default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--lr", defaultValue = "1e-4", description = "SCOUTER's AdamW learning rate (default: ${DEFAULT-VALUE}, the paper's).")
    double lr;

    @Option(names = "--lambda", defaultValue = "1", description = "Weight of the area loss (default: ${DEFAULT-VALUE}).")
    double lambda;

    @Option(names = "--power", defaultValue = "2", description = "Exponent of the area loss (default: ${DEFAULT-VALUE}).")
    double power;

    @Option(names = "--slots-per-class", defaultValue = "1", description = "(default: ${DEFAULT-VALUE})")
    int slotsPerClass;

    @Option(names = "--dim", defaultValue = "" + SlotConfig.DEFAULT_DIM, description = "Slot dimension d, a multiple of 4 (default: ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = "--key-layers", defaultValue = "" + SlotConfig.DEFAULT_KEY_LAYERS, description = "Layers of the key MLP (default: ${DEFAULT-VALUE}).")
    int keyLayers;

    @Option(names = "--seed", defaultValue = "0", description = "Initialisation and batch order; for PartShapes also the data (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--output", defaultValue = "out/scouter.xai4j", description = "The trained SCOUTER model (default: ${DEFAULT-VALUE}).")
    Path output;

    @Override
    public Integer call() {
        Checks.atLeast("--epochs", epochs, 1);
        Checks.atLeast("--baseline-epochs", baselineEpochs, 1);
        Checks.atLeast("--batch-size", batchSize, 1);
        Checks.atLeast("--slots-per-class", slotsPerClass, 1);
        Checks.atLeast("--freeze-stages", freezeStages, 0);
        Checks.positive("--lr", lr);
        Checks.positive("--power", power);
        if (!(lambda >= 0)) {
            throw new IllegalArgumentException("--lambda must be >= 0, got " + lambda);
        }
        Checks.outputFile("--output", output);
        boolean positive = sign == null || !sign.negative;
        DataSets.Splits data = DataSets.load(dataset, dataDir, imageSize, seed, false);
        int size = data.train().width();
        List<String> classes = data.train().classNames();
        boolean torchscript = backbone != null && backbone.toString().endsWith(".pt");
        Normalization norm = torchscript ? Normalization.imageNet() : Normalization.fit(data.train());
        ImageBatches train = new ImageBatches(data.train().toRgb(), norm), val = new ImageBatches(data.val().toRgb(), norm);
        ObjectNode extra = DataSets.provenance(dataset, dataDir, seed, false);
        ScouterTrainingConfig config = new ScouterTrainingConfig(epochs, batchSize, lr, 0.01, 70, 0.1, lambda, power, freezeStages, seed);
        try (NDManager root = NDManager.newBaseManager()) {
            NDManager m = root.newSubManager();
            ScouterBackbone features;
            if (torchscript) {
                features = TorchScriptFeatures.load(backbone, size, freezePrefixes);
            } else {
                SmallResNetConfig arch = SmallResNetConfig.forImageSize(size, 3, classes.size());
                CnnClassifier baseline;
                Path baselineFile;
                if (backbone != null) {
                    ModelFile.Loaded loaded = ModelFile.load(backbone, root);
                    DataSets.requireSameClasses(backbone, loaded.model().classNames(), dataset, classes);
                    baseline = loaded.model();
                    arch = loaded.header().config();
                    baselineFile = backbone;
                    if (loaded.header().imageSize() != size) {
                        throw new IllegalArgumentException(backbone + " was trained at " + loaded.header().imageSize() + " px, the data has " + size);
                    }
                    norm = loaded.header().normalization();
                    train = new ImageBatches(data.train().toRgb(), norm);
                    val = new ImageBatches(data.val().toRgb(), norm);
                } else {
                    baselineFile = Path.of(output.toString().replaceFirst("\\.xai4j$", "") + "-baseline.xai4j");
                    baseline = SmallResNet.create(root.newSubManager(), arch, classes, size, seed);
                    Console.info("FC baseline: %d epochs (%s)", baselineEpochs, baselineFile);
                    ModelFile.Header h = new ModelFile.Header(arch, classes, size, norm.mean(), norm.std(), null);
                    new ClassifierTrainer(TrainingConfig.defaults(baselineEpochs, batchSize, seed), h, Path.of(baselineFile + ".ckpt"),
                            Console.interactive()).train(baseline, train, val);
                    ModelFile.save(baselineFile, baseline, new ModelFile.Header(arch, classes, size, norm.mean(), norm.std(), extra.deepCopy()), null);
                }
                double fcTest = ClassifierTrainer.evaluate(baseline, new ImageBatches(data.test().toRgb(), norm), 256)[1];
                Console.info("FC baseline test accuracy %.4f", fcTest);
                extra.put("baseline", baselineFile.toAbsolutePath().toString());
                extra.put("baselineTestAccuracy", fcTest);
                ResNetBackbone r = ResNetBackbone.create(m, arch, classes, size, seed);
                r.copyFrom(baseline);
                features = r;
                baseline.close();
            }
            SlotConfig slot = new SlotConfig(classes.size(), features.channels(), dim, slotsPerClass, SlotConfig.DEFAULT_ITERATIONS, keyLayers,
                    positive ? 1 : -1);
            try (Scouter model = new Scouter(m, features, SlotAttention.create(m, slot, seed), classes, size)) {
                ScouterFile.Header header = ScouterFile.Header.of(model, norm, extra);
                Console.info("%s on %s: %d train / %d val / %d test images, %d classes, %d px", slot.variant(), features.kind(), train.size(),
                        val.size(), data.test().size(), classes.size(), size);
                long t0 = System.nanoTime();
                List<ScouterEpochStats> history = new ScouterTrainer(config, header, Path.of(output + ".ckpt"), Console.interactive())
                        .train(model, train, val);
                double test = ScouterTrainer.accuracy(model, new ImageBatches(data.test().toRgb(), norm), 256);
                ObjectNode done = extra.deepCopy();
                done.put("testAccuracy", test);
                done.set("history", Json.MAPPER.valueToTree(history));
                done.set("training", Json.MAPPER.valueToTree(config));
                ScouterFile.save(output, model, header.withExtra(done), null);
                Console.info("%s test accuracy %.4f; %.1f min; model written to %s", slot.variant(), test, (System.nanoTime() - t0) / 6e10, output);
            }
        }
        return 0;
    }
}

package io.xai4j.cli;

import ai.djl.ndarray.NDManager;
import io.xai4j.vision.data.Normalization;
import io.xai4j.vision.model.CnnClassifier;
import io.xai4j.vision.model.ModelFile;
import io.xai4j.vision.model.SmallResNet;
import io.xai4j.vision.model.SmallResNetConfig;
import io.xai4j.vision.train.ClassifierTrainer;
import io.xai4j.vision.train.TrainingConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Trains the built-in CNN; a killed run started again with the same --checkpoint resumes. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train the built-in ResNet-style CNN on PartShapes, Fashion-MNIST or an image folder.")
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--dataset", defaultValue = "partshapes", description = "partshapes, fashion-mnist or folder (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--data-dir", description = "fashion-mnist: folder of the IDX files; folder: DIR with train/, val/ and optional test/,"
            + " or one folder of class folders, split per class with --seed (--val-fraction, --test-fraction).")
    Path dataDir;

    @Option(names = "--val-fraction", description = "A single folder (no train/ in --data-dir): each class's share for validation"
            + " (default: 0.1).")
    Double valFraction;

    @Option(names = "--test-fraction", description = "A single folder: each class's share for the test split (default: 0.1; 0 scores the"
            + " validation part).")
    Double testFraction;

    @Option(names = "--image-size", defaultValue = "64", description = "Resize folder images to this size (default: ${DEFAULT-VALUE}).")
    int imageSize;

    @Option(names = "--skip-bad", description = "Skip unreadable images (counted and listed) instead of failing.")
    boolean skipBad;

    @Mixin
    LazyImagesOption lazyImages = new LazyImagesOption();

    @Option(names = "--epochs", defaultValue = "10", description = "(default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "64", description = "(default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--optimizer", defaultValue = "adamw", description = "adamw or sgd (default: ${DEFAULT-VALUE})")
    String optimizer;

    @Option(names = "--lr", defaultValue = "2e-3", description = "Peak learning rate, cosine-annealed (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--weight-decay", defaultValue = "5e-4", description = "(default: ${DEFAULT-VALUE})")
    double weightDecay;

    @Option(names = "--warmup", defaultValue = "" + TrainingConfig.DEFAULT_WARMUP, description = "Share of all the run's steps over which"
            + " the learning rate rises linearly to --lr before the cosine decay, in [0, 1) (default: ${DEFAULT-VALUE}, i.e. 5 %%).")
    double warmup;

    @Option(names = "--seed", defaultValue = "0", description = "Initialisation and shuffling, for PartShapes also the generated"
            + " data set (its images and class definitions; the documented figures use seed 0), for a single folder also its split"
            + " (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--flip", description = "Random horizontal flips (only for data whose labels survive a mirror image).")
    boolean flip;

    @Option(names = "--output", defaultValue = "out/model.xai4j", description = "Trained model file (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--checkpoint", description = "Checkpoint file, written after every epoch and resumed from (default: OUTPUT.ckpt).")
    Path checkpoint;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Checks.atLeast("--epochs", epochs, 1);
        Checks.atLeast("--batch-size", batchSize, 1);
        Checks.positive("--lr", lr);
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("--weight-decay must be >= 0, got " + weightDecay);
        }
        Checks.oneOf("--optimizer", optimizer, "adamw", "sgd");
        if (!(warmup >= 0 && warmup < 1)) {
            throw new IllegalArgumentException("--warmup must be a share of the steps in [0, 1) (e.g. 0.05), got " + warmup);
        }
        Checks.imageSide("--image-size", imageSize);
        Checks.outputFile("--output", output);
        Checks.outputFile("--checkpoint", checkpoint);
        if (!dataset.equals("folder")) {
            Checks.unused(spec, "with --dataset " + dataset + " (only folder images are resized, can be unreadable or are decoded lazily)",
                    "--image-size", "--skip-bad", "--lazy-images");
        }
        DataSets.FolderSplit split = null;
        if (dataset.equals("folder") && dataDir != null && DataSets.isSingleFolder(dataDir)) {
            split = new DataSets.FolderSplit(valFraction != null ? valFraction : DataSets.FolderSplit.DEFAULT.val(),
                    testFraction != null ? testFraction : DataSets.FolderSplit.DEFAULT.test());
            if (!(split.val() > 0 && split.val() < 1) || !(split.test() >= 0 && split.test() < 1) || !(split.val() + split.test() < 1)) {
                throw new IllegalArgumentException("--val-fraction " + split.val() + " and --test-fraction " + split.test()
                        + ": expected val in (0, 1), test in [0, 1) and val + test < 1");
            }
        } else {
            Checks.unused(spec, dataset.equals("folder") ? "when --data-dir has train/ (the split is given by its folders)"
                    : "with --dataset " + dataset + " (only a single image folder is split)", "--val-fraction", "--test-fraction");
        }
        DataSets.Splits data = DataSets.load(dataset, dataDir, imageSize, seed, skipBad, lazyImages.lazy(),
                split != null ? split : DataSets.FolderSplit.DEFAULT);
        Normalization norm = Normalization.fit(data.train());
        int size = data.train().width();
        SmallResNetConfig arch = SmallResNetConfig.forImageSize(size, 3, data.train().classNames().size());
        ModelFile.Header header = new ModelFile.Header(arch, data.train().classNames(), size, norm.mean(), norm.std(), null);
        Path ckpt = checkpoint != null ? checkpoint : Path.of(output + ".ckpt");
        TrainingConfig config = new TrainingConfig(epochs, batchSize, optimizer, lr, weightDecay, 0.9, warmup, seed, flip);
        try (NDManager root = NDManager.newBaseManager()) {
            CnnClassifier model = SmallResNet.create(root.newSubManager(), arch, data.train().classNames(), size, seed);
            Console.info("%s: %d train / %d val / %d test images, %d classes, %d px; %d trainable parameters", dataset, data.train().size(),
                    data.val().size(), data.test().size(), data.train().classNames().size(), size, model.trainableParameterCount());
            long t0 = System.nanoTime();
            new ClassifierTrainer(config, header, ckpt, Console.interactive())
                    .train(model, new ImageBatches(data.train(), norm), new ImageBatches(data.val(), norm));
            ModelFile.save(output, model, new ModelFile.Header(arch, header.classNames(), size, norm.mean(), norm.std(),
                    DataSets.provenance(dataset, dataDir, seed, skipBad, split)), null);
            double[] test = ClassifierTrainer.evaluate(model, new ImageBatches(data.test(), norm), 256);
            Console.info("test accuracy %.4f (loss %.4f); %.1f min; model written to %s", test[1], test[0], (System.nanoTime() - t0) / 6e10, output);
            model.close();
        }
        return 0;
    }
}

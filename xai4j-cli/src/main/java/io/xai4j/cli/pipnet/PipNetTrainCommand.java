package io.xai4j.cli.pipnet;

import ai.djl.ndarray.NDManager;
import io.xai4j.cli.Checks;
import io.xai4j.cli.Console;
import io.xai4j.cli.LazyImagesOption;
import io.xai4j.vision.data.Normalization;
import io.xai4j.vision.pipnet.ColourOps;
import io.xai4j.vision.pipnet.PipNet;
import io.xai4j.vision.pipnet.PipNetFile;
import io.xai4j.vision.pipnet.PipNetTrainer;
import io.xai4j.vision.pipnet.PipNetTrainingConfig;
import io.xai4j.vision.pipnet.TwoViewAugmentation;
import java.nio.file.Path;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.xai4j.vision.pipnet.BackboneInit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Trains PIP-Net (both phases, finalisation), then evaluates it and writes the scoring sheet. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train PIP-Net: prototype pretraining, then scoring sheet and joint training; a killed run resumes from --checkpoint.")
final class PipNetTrainCommand implements Callable<Integer> {

    @Option(names = "--dataset", defaultValue = "partshapes", description = "partshapes, fashion-mnist or folder (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--data-dir", description = "fashion-mnist: folder of the IDX files; folder: DIR with train/, test/ (or val/) and optional ood/.")
    Path dataDir;

    @Option(names = "--skip-bad", description = "Skip unreadable images of a folder data set (counted and listed) instead of failing;"
            + " recorded, so pipnet evaluate and explain skip them too.")
    boolean skipBad;

    @Option(names = "--image-size", description = "S, the model input side (default: the data set's own size; 64 for folders).")
    Integer imageSize;

    @Mixin
    BackboneOptions net = new BackboneOptions();

    @Option(names = "--bias", description = "Scoring-sheet bias (breaks abstention; off by default).")
    boolean bias;

    @Option(names = "--pretrain-updates",
            description = "Phase-1 budget in optimizer updates when --pretrain-epochs is not given (default: 1000, the PartShapes CPU"
                    + " preset, for --dataset partshapes; 2000, the official rule, for other data).")
    Integer pretrainUpdates;

    @Option(names = "--updates",
            description = "Phase-2 budget in optimizer updates when --epochs is not given (default: 4000, the PartShapes CPU preset,"
                    + " for --dataset partshapes; 10000, the official rule, for other data).")
    Integer updates;

    /** docs/methods/pipnet.md#parameter-groups-and-schedules: the official budget of about 2,000 + 10,000 updates; the 1,000 + 4,000 CPU preset is for PartShapes. */
    static int[] defaultUpdates(String dataset) {
        return dataset.equals("partshapes") ? new int[] {1000, 4000} : new int[] {2000, 10000};
    }

    @Option(names = "--pretrain-epochs", description = "E_pre (overrides --pretrain-updates).")
    Integer pretrainEpochs;

    @Option(names = "--epochs", description = "E, phase-2 epochs (overrides --updates).")
    Integer epochs;

    @Option(names = "--batch-size", defaultValue = "64", description = "B of phase 2 (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--pretrain-batch-size", description = "B_pre of phase 1 (default: 2·B).")
    Integer pretrainBatchSize;

    @Option(names = "--lr", defaultValue = "0.05", description = "Classifier learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--lr-block", defaultValue = "5e-4", description = "Mid/last backbone rate; add-on gets 10x (default: ${DEFAULT-VALUE}).")
    double lrBlock;

    @Option(names = "--lr-net", defaultValue = "5e-4", description = "Early backbone rate (default: ${DEFAULT-VALUE}).")
    double lrNet;

    @Option(names = "--freeze-epochs", defaultValue = "10", description = "Pretrained backbones: early group frozen up to this phase-2 epoch (default: ${DEFAULT-VALUE}).")
    int freezeEpochs;

    @Option(names = "--no-hflip", description = "No random horizontal flip (digits, text).")
    boolean noHflip;

    @Option(names = "--geometric-strength", defaultValue = "1.0", description = "Multiplier of shear, rotation and translation (default: ${DEFAULT-VALUE}).")
    double geometricStrength;

    @Option(names = "--colour-ops",
            description = "Colour ops of the per-view augmentation: trivial (the official set), hue-preserving (without the per-channel"
                    + " AutoContrast and Equalize), none, or cars (the official CARS variant: Color up to ±0.5 and Solarize)"
                    + " (default: hue-preserving for partshapes, whose classes are defined by hue,"
                    + " docs/methods/pipnet.md#colour-augmentation-on-partshapes; trivial otherwise).")
    String colourOps;

    /**
     * docs/methods/pipnet.md#colour-augmentation-on-partshapes: PartShapes' classes are defined by hue, so its default
     * colour set keeps hue; other data keep the official set.
     */
    static String defaultColourOps(String dataset) {
        return dataset.equals("partshapes") ? "hue-preserving" : "trivial";
    }

    @Option(names = "--backbone-init", description = "Start from the backbone of a black-box CNN of the same architecture (pipnet baseline"
            + " --output FILE; docs/methods/pipnet.md#backbone-initialisation), which then counts as pretrained (early group frozen,"
            + " docs/methods/pipnet.md#phases); '{seed}' in the path is"
            + " replaced by the model seed.")
    String backboneInit;

    @Option(names = "--resize-margin", description = "r of the augmentation, Resize(S+r) (default: max(2, round(32·S/224))).")
    Integer resizeMargin;

    @Option(names = "--crop-margin", description = "c of the augmentation, crops S+c → S; must be below S/H (default: max(2, round(4·S/224))).")
    Integer cropMargin;

    @Mixin
    LazyImagesOption lazyImages = new LazyImagesOption();

    @Option(names = "--weighted-sampler", description = "Sample training images with weight 1/class count.")
    boolean weightedSampler;

    @Option(names = "--train-subset", defaultValue = "0", description = "Use only the first N training images (0 = all).")
    int trainSubset;

    @Option(names = "--seed", defaultValue = "0", description = "Model seed: initialisation, shuffling and augmentation, not the data"
            + " (docs/methods/pipnet.md#seeds-and-data-draws; default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--data-seed", defaultValue = "0", description = "Seed of the PartShapes draw (default: ${DEFAULT-VALUE}, the default data).")
    long dataSeed;

    @Option(names = "--seeds", defaultValue = "1", description = "Train this many models, seeds --seed .. --seed + N - 1, each into"
            + " seedK/ beside --output, and print the mean ± std (sample std) of every metric, also written to seeds.csv (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--output", defaultValue = "out/pipnet/pipnet.xai4j", description = "Trained model file (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--checkpoint", description = "Checkpoint, written after every epoch and resumed from (default: OUTPUT.ckpt; with"
            + " --seeds N > 1 always each model's own).")
    Path checkpoint;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Checks.atLeast("--batch-size", batchSize, 1);
        if (colourOps != null) {
            ColourOps.parse(colourOps); // refused before any data is made
        }
        Checks.positive("--lr", lr);
        Checks.positive("--lr-block", lrBlock);
        Checks.positive("--lr-net", lrNet);
        Checks.outputFile("--output", output);
        if (imageSize != null) {
            Checks.imageSide("--image-size", imageSize);
        }
        Checks.outputFile("--checkpoint", checkpoint);
        if (pretrainBatchSize != null) {
            Checks.atLeast("--pretrain-batch-size", pretrainBatchSize, 1);
        }
        if (!dataset.equals("folder")) {
            Checks.unused(spec, "with --dataset " + dataset + " (only folder images can be unreadable or decoded lazily)", "--skip-bad",
                    "--lazy-images");
        }
        Checks.atLeast("--seeds", seeds, 1);
        if (seeds > 1 && checkpoint != null) {
            throw new IllegalArgumentException("--checkpoint names one file; with --seeds " + seeds + " each model has its own (OUTPUT.ckpt)");
        }
        if (backboneInit != null && !net.backbone.equals("smallcnn")) {
            throw new IllegalArgumentException("--backbone-init copies a smallcnn black box (pipnet baseline --output); a TorchScript backbone"
                    + " (--backbone " + net.backbone + ") brings its own weights");
        }
        if (backboneInit != null && net.addOn) {
            throw new IllegalArgumentException("--backbone-init needs the black box's C = D (pipnet baseline --channels D), without --add-on");
        }
        PipNetData data = PipNetData.load(dataset, dataDir, imageSize == null ? 64 : imageSize, dataSeed, skipBad, lazyImages.lazy());
        ColourOps ops = ColourOps.parse(colourOps != null ? colourOps : defaultColourOps(dataset));
        List<PipNetReports.Evaluation> results = new ArrayList<>();
        for (long k = seed; k < seed + seeds; k++) {
            Path out = seeds == 1 ? output : output.toAbsolutePath().getParent().resolve("seed" + k).resolve(output.getFileName());
            results.add(trainOne(data, ops, k, out, seeds == 1 && checkpoint != null ? checkpoint : Path.of(out + ".ckpt")));
        }
        if (seeds > 1) {
            PipNetReports.summariseSeeds(results, seed, output.toAbsolutePath().getParent().resolve("seeds.csv"));
        }
        return 0;
    }

    private PipNetReports.Evaluation trainOne(PipNetData data, ColourOps ops, long seed, Path output, Path ckpt) {
        var train = trainSubset > 0 ? io.xai4j.vision.data.ImageSubset.first(data.train(), trainSubset) : data.train();
        int s = imageSize != null ? imageSize : data.defaultImageSize();
        int bPre = pretrainBatchSize != null ? pretrainBatchSize : 2 * batchSize;
        int[] budget = defaultUpdates(dataset);
        int uPre = pretrainUpdates != null ? pretrainUpdates : budget[0], u = updates != null ? updates : budget[1];
        Checks.atLeast("--pretrain-updates", uPre, 1);
        Checks.atLeast("--updates", u, 1);
        int ePre = pretrainEpochs != null ? pretrainEpochs : PipNetTrainingConfig.epochsForUpdates(uPre, train.size(), bPre, 1);
        int e = epochs != null ? epochs : PipNetTrainingConfig.epochsForUpdates(u, train.size(), batchSize, 4);
        TwoViewAugmentation aug = TwoViewAugmentation.defaults(s, !(noHflip || !data.hflip()));
        aug = new TwoViewAugmentation(s, resizeMargin != null ? resizeMargin : aug.resizeMargin(),
                cropMargin != null ? cropMargin : aug.cropMargin(), aug.hflip(), geometricStrength, ops);
        PipNetTrainingConfig config = new PipNetTrainingConfig(ePre, e, batchSize, bPre, lr, lrBlock, lrNet, freezeEpochs, aug,
                weightedSampler, seed);
        Path init = backboneInit == null ? null : Path.of(backboneInit.replace("{seed}", Long.toString(seed)));
        try (NDManager root = NDManager.newBaseManager()) {
            BackboneOptions.Built built = net.build(s);
            PipNetFile.BackboneSpec spec = init == null ? built.spec() : PipNetFile.BackboneSpec.pretrainedSmallCnn(built.spec().channels());
            PipNetFile.Header header = new PipNetFile.Header(spec, net.architecture(bias, s),
                    data.train().classNames(), Normalization.imageNet().mean(), Normalization.imageNet().std(), null);
            PipNet model = PipNetFile.create(root, header, built.backbone(), seed);
            if (init != null) {
                Console.info("backbone initialised from %s (%d arrays; early group frozen as for a pretrained backbone)", init,
                        BackboneInit.copy(init, model));
            }
            Console.info("%s: %d train / %d test images, %d classes, S=%d; backbone %s (C=%d), D=%d; phase 1: %s at batch %d,"
                    + " phase 2: %s at batch %d; augmentation r=%d c=%d hflip=%s geometric strength %.2f colour ops %s; seed %d, data seed %d",
                    dataset, train.size(), data.test().size(), data.train().numClasses(), s, model.backbone().kind(), model.backbone().channels(),
                    net.prototypes, Console.count(ePre, "epoch"), bPre, Console.count(e, "epoch"), batchSize, aug.resizeMargin(), aug.cropMargin(),
                    aug.hflip(), aug.geometricStrength(), aug.colourOps(), seed, dataSeed);
            long t0 = System.nanoTime();
            PipNetTrainer.Result result = new PipNetTrainer(config, spec, ckpt, Console.interactive()).train(model, train);
            double minutes = (System.nanoTime() - t0) / 6e10;
            ObjectNode training = PipNetReports.trainingJson(config, result, minutes);
            training.put("backboneInit", init == null ? null : init.toAbsolutePath().toString());
            training.set("data", PipNetData.provenance(dataset, dataDir, dataSeed, skipBad, lazyImages.lazy()));
            PipNetFile.save(output, model, PipNetFile.headerOf(model, spec, training), null);
            Console.info("trained in %.1f min; pruned %s %s; model written to %s", minutes, Console.count(result.pruned().length, "prototype"),
                    Arrays.toString(result.pruned()), output);
            if (model.relevantPrototypes().length == 0) {
                Console.info("warning: no relevant prototype is left (all pruned or every scoring-sheet weight <= 1e-3), so the model abstains"
                        + " on every image; train longer (--pretrain-epochs / --epochs or --pretrain-updates / --updates)");
            }
            PipNetReports.Evaluation ev = PipNetReports.evaluateAndWrite(model, data, null, output.toAbsolutePath().getParent(), 128, null,
                    FarOod.afterTraining(dataset, dataSeed, s), false);
            model.close();
            return ev;
        }
    }
}

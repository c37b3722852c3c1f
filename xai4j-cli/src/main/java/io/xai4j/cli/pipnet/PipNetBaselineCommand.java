package io.xai4j.cli.pipnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.xai4j.cli.Checks;
import io.xai4j.cli.Console;
import io.xai4j.core.io.Json;
import io.xai4j.vision.data.ImageDataset;
import io.xai4j.vision.data.Normalization;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.xai4j.vision.model.CnnClassifier;
import io.xai4j.vision.model.ModelFile;
import io.xai4j.vision.pipnet.ColourOps;
import io.xai4j.vision.pipnet.PatchGeometry;
import io.xai4j.vision.pipnet.PipNetInputs;
import io.xai4j.vision.pipnet.PresenceTable;
import io.xai4j.vision.pipnet.PrototypePurity;
import io.xai4j.vision.pipnet.SmallCnn;
import io.xai4j.vision.pipnet.TwoViewAugmentation;
import io.xai4j.vision.train.ClassifierTrainer;
import io.xai4j.vision.train.EpochStats;
import io.xai4j.vision.train.TrainingConfig;
import io.xai4j.vision.train.TrainingData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import java.util.stream.IntStream;

/**
 * The black-box reference of docs/methods/pipnet.md#targets-at-cpu-scale: the same smallcnn backbone with global average pooling and
 * a linear head, trained with cross-entropy on one view of the same augmentation.
 */
@Command(name = "baseline", mixinStandardHelpOptions = true,
        description = "Train the black-box CNN with PIP-Net's backbone (smallcnn + GAP + linear) on the same data and augmentation.")
final class PipNetBaselineCommand implements Callable<Integer> {

    @Option(names = "--dataset", defaultValue = "partshapes", description = "partshapes or fashion-mnist (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--channels", defaultValue = "64", description = "C of the last conv, = PIP-Net's D (default: ${DEFAULT-VALUE}).")
    int channels;

    @Option(names = "--epochs", defaultValue = "20", description = "(default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "64", description = "(default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--lr", defaultValue = "2e-3", description = "AdamW peak rate, cosine (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--train-subset", defaultValue = "0", description = "Use only the first N training images (0 = all).")
    int trainSubset;

    @Option(names = "--seed", defaultValue = "0", description = "Model seed: initialisation, shuffling, augmentation (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--data-seed", defaultValue = "0", description = "Seed of the PartShapes draw (docs/methods/pipnet.md#seeds-and-data-draws; default: ${DEFAULT-VALUE}).")
    long dataSeed;

    @Option(names = "--colour-ops",
            description = "Colour ops of the augmentation, as in pipnet train: trivial, hue-preserving, none or cars (default: as pipnet"
                    + " train, hue-preserving for partshapes, trivial otherwise).")
    String colourOps;

    @Option(names = "--output", description = "Also save the trained black box (an xai4j model file) here, e.g. for pipnet train"
            + " --backbone-init.")
    Path output;

    @Option(names = "--output-dir", defaultValue = "out/pipnet-baseline",
            description = "Folder for baseline.json: test accuracy, history and the random-channel purity control; the black box itself is a"
                    + " reference and is not saved (default: ${DEFAULT-VALUE}).")
    Path outputDir;

    @Override
    public Integer call() {
        Checks.outputFolder("--output-dir", outputDir);
        Checks.outputFile("--output", output);
        if (dataset.equals("folder")) {
            throw new IllegalArgumentException("pipnet baseline takes --dataset partshapes or fashion-mnist");
        }
        Checks.atLeast("--epochs", epochs, 1);
        Checks.atLeast("--batch-size", batchSize, 1);
        ColourOps ops = ColourOps.parse(colourOps != null ? colourOps : PipNetTrainCommand.defaultColourOps(dataset));
        PipNetData data = PipNetData.load(dataset, null, 64, dataSeed);
        ImageDataset train = trainSubset > 0 ? io.xai4j.vision.data.ImageSubset.first(data.train(), trainSubset) : data.train();
        int s = data.defaultImageSize();
        Normalization norm = Normalization.imageNet();
        TwoViewAugmentation d = TwoViewAugmentation.defaults(s, data.hflip());
        TwoViewAugmentation aug = new TwoViewAugmentation(s, d.resizeMargin(), d.cropMargin(), d.hflip(), d.geometricStrength(),
                ops);
        try (NDManager root = NDManager.newBaseManager()) {
            CnnClassifier cnn = SmallCnn.blackBox(root.newSubManager(), channels, train.classNames(), s, seed);
            long t0 = System.nanoTime();
            List<EpochStats> history = new ClassifierTrainer(new TrainingConfig(epochs, batchSize, "adamw", lr, 5e-4, 0.9, TrainingConfig.DEFAULT_WARMUP, seed, false), null,
                    null, Console.interactive()).train(cnn, new Augmented(train, aug, norm, new SplittableRandom(seed)), null);
            double minutes = (System.nanoTime() - t0) / 6e10;
            double[] test = ClassifierTrainer.evaluate(cnn, new Plain(data.test(), s, norm), 256);
            Console.info("black-box smallcnn+GAP+linear on %s: test accuracy %.4f after %s (%.1f min, %.1f images/s)", dataset, test[1],
                    Console.count(epochs, "epoch"), minutes, (double) epochs * train.size() / (minutes * 60));
            Map<String, Object> json = new LinkedHashMap<>();
            if (data.partTrain() != null) {
                for (PrototypePurity.Rule rule : List.of(PrototypePurity.Rule.PART_CENTRE_IN_PATCH, PrototypePurity.Rule.CELL_CENTRE_IN_MASK)) {
                    PrototypePurity control = channelPurity(cnn, data, s, norm, rule);
                    Console.info("random-channel control: purity of the black box's %d last-layer channels (top-%d patches, %s) %.3f ± %.3f,"
                            + " part-related %.1f%%", control.prototypes().length, control.k(), control.rule(), control.mean(), control.std(),
                            100 * control.partRelated());
                    json.put(rule == PrototypePurity.Rule.PART_CENTRE_IN_PATCH ? "channelPurityControl" : "cellCentreChannelPurityControl", control);
                }
            }
            json.put("dataset", dataset);
            json.put("dataSeed", dataSeed);
            json.put("seed", seed);
            json.put("colourOps", ops.toString());
            json.put("testAccuracy", test[1]);
            json.put("epochs", epochs);
            json.put("minutes", minutes);
            json.put("history", history);
            Json.writeFile(outputDir.resolve("baseline.json"), json);
            Console.info("wrote %s", outputDir.resolve("baseline.json"));
            if (output != null) {
                ObjectNode extra = Json.MAPPER.createObjectNode();
                extra.put("architecture", BLACK_BOX_ARCHITECTURE);
                extra.put("channels", channels);
                extra.put("testAccuracy", test[1]);
                extra.put("epochs", epochs);
                extra.put("seed", seed);
                extra.put("colourOps", ops.toString());
                extra.set("data", PipNetData.provenance(dataset, null, dataSeed, false));
                ModelFile.save(output, cnn, new ModelFile.Header(null, cnn.classNames(), s, norm.mean(), norm.std(), extra), null);
                Console.info("black box written to %s (pipnet train --backbone-init %s)", output, output);
            }
            cnn.close();
        }
        return 0;
    }

    /** What {@code extra.architecture} of a saved black box says (it is not a SmallResNet, so {@code xai4j evaluate} refuses it). */
    static final String BLACK_BOX_ARCHITECTURE = "smallcnn+gap+linear (pipnet baseline)";

    /**
     * Purity (docs/methods/pipnet.md#purity, hit rule {@code rule}) of every channel of the black box's last feature map, each
     * channel's top-10 training images by its maximum activation, patch at the argmax cell: the control
     * of docs/methods/pipnet.md#targets-at-cpu-scale (a channel of a black-box CNN taken as a "prototype").
     */
    static PrototypePurity channelPurity(CnnClassifier cnn, PipNetData data, int s, Normalization norm, PrototypePurity.Rule rule) {
        ImageDataset train = data.partTrain();
        float[][] presence = new float[train.size()][];
        int[][] cell = new int[train.size()][];
        int gh = 0, gw = 0;
        for (int from = 0; from < train.size(); from += 128) {
            int to = Math.min(train.size(), from + 128);
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray f = cnn.forwardTo(PipNetInputs.batch(m, train, IntStream.range(from, to).toArray(), s, norm), "stage3");
                Shape sh = f.getShape();
                int c = (int) sh.get(1);
                gh = (int) sh.get(2);
                gw = (int) sh.get(3);
                float[] flat = f.toFloatArray();
                for (int b = 0; b < to - from; b++) {
                    presence[from + b] = new float[c];
                    cell[from + b] = new int[c];
                    for (int k = 0; k < c; k++) {
                        int best = 0;
                        int base = (b * c + k) * gh * gw;
                        for (int i = 1; i < gh * gw; i++) {
                            best = flat[base + i] > flat[base + best] ? i : best;
                        }
                        presence[from + b][k] = flat[base + best];
                        cell[from + b][k] = best;
                    }
                }
            }
        }
        PresenceTable table = new PresenceTable(presence, cell, gh, gw);
        return PrototypePurity.compute(table, data.partTrain(), IntStream.range(0, presence[0].length).toArray(), PatchGeometry.cells(s, gh, gw, 2),
                rule, 10);
    }

    /** One view of the PIP-Net augmentation per image, drawn from a seeded stream. */
    record Augmented(ImageDataset data, TwoViewAugmentation aug, Normalization norm, SplittableRandom rng) implements TrainingData {

        @Override
        public int size() {
            return data.size();
        }

        @Override
        public int label(int index) {
            return data.label(index);
        }

        @Override
        public NDArray batch(NDManager manager, int[] indices) {
            List<float[]> views = new ArrayList<>(indices.length);
            for (int index : indices) {
                views.add(aug.view(data.pixels(index), data.height(), data.width(), rng));
            }
            return norm.batch(manager, new int[] {3, aug.imageSize(), aug.imageSize()}, views);
        }
    }

    /** The test transform. */
    record Plain(ImageDataset data, int size, Normalization norm) implements TrainingData {

        @Override
        public int size() {
            return data.size();
        }

        @Override
        public int label(int index) {
            return data.label(index);
        }

        @Override
        public NDArray batch(NDManager manager, int[] indices) {
            return PipNetInputs.batch(manager, data, indices, size, norm);
        }
    }
}

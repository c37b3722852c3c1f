package io.xai4j.cli.pipnet;

import io.xai4j.cli.Checks;
import io.xai4j.cli.Console;
import io.xai4j.core.io.Json;
import io.xai4j.vision.data.Normalization;
import io.xai4j.vision.pipnet.PipNetBackbone;
import io.xai4j.vision.pipnet.PipNetBench;
import io.xai4j.vision.pipnet.PipNetFile;
import io.xai4j.vision.pipnet.PipNetTrainingConfig;
import io.xai4j.vision.pipnet.TwoViewAugmentation;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Training throughput of PIP-Net's phases next to the black-box CNN with the same backbone. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Training images/s of PIP-Net phase 1, phase 2 (classifier-only and joint) and, for the smallcnn, the black-box CNN "
                + "(same backbone + GAP + linear). A TorchScript backbone (--backbone FILE.pt) is measured with the same options as pipnet train.")
public final class PipNetBenchCommand implements Callable<Integer> {

    @Option(names = "--dataset", defaultValue = "partshapes", description = "partshapes or fashion-mnist (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--image-size", description = "S, the model input side (default: the data set's own size).")
    Integer imageSize;

    @Option(names = "--steps", defaultValue = "5", description = "Measured steps per kind, after one warm-up step (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--batch-size", defaultValue = "64", description = "(default: ${DEFAULT-VALUE}; phase 1 uses twice this)")
    int batchSize;

    @Mixin
    BackboneOptions net = new BackboneOptions();

    @Option(names = "--output", description = "Also write the result as JSON here.")
    Path output;

    @Override
    public Integer call() {
        Checks.outputFile("--output", output);
        if (imageSize != null) {
            Checks.imageSide("--image-size", imageSize);
        }
        if (dataset.equals("folder")) {
            throw new IllegalArgumentException("pipnet bench takes --dataset partshapes or fashion-mnist");
        }
        PipNetData data = PipNetData.load(dataset, null, imageSize == null ? 64 : imageSize, 0);
        int s = imageSize != null ? imageSize : data.defaultImageSize();
        Normalization n = Normalization.imageNet();
        BackboneOptions.Built built = net.build(s);
        PipNetFile.Header header = new PipNetFile.Header(built.spec(), net.architecture(false, s), data.train().classNames(), n.mean(), n.std(), null);
        PipNetBench.Throughput t = run(dataset, data, header, built.backbone(), steps, batchSize);
        if (output != null) {
            Json.writeFile(output, t);
        }
        return 0;
    }

    /** The smallcnn with D = C = {@code prototypes} at the data set's own size; callable from {@code xai4j bench}. */
    public static PipNetBench.Throughput run(String dataset, int steps, int batchSize, int prototypes) {
        PipNetData data = PipNetData.load(dataset, null, 64, 0);
        int s = data.defaultImageSize();
        Normalization n = Normalization.imageNet();
        return run(dataset, data, new PipNetFile.Header(PipNetFile.BackboneSpec.smallCnn(prototypes),
                io.xai4j.vision.pipnet.PipNetArchitecture.smallCnn(prototypes, s), data.train().classNames(), n.mean(), n.std(), null), null, steps,
                batchSize);
    }

    private static PipNetBench.Throughput run(String dataset, PipNetData data, PipNetFile.Header header, PipNetBackbone backbone, int steps,
            int batchSize) {
        int s = header.architecture().imageSize();
        PipNetTrainingConfig config = PipNetTrainingConfig.defaults(1, 4, batchSize, TwoViewAugmentation.defaults(s, data.hflip()), 0);
        PipNetBench.Throughput t = PipNetBench.measure(data.train(), config, header, backbone, steps, 0);
        Console.info("%s, S=%d, backbone %s (C=%d), D=%d, %d threads; training images/s (augmentation + forward + backward + update):", dataset, s,
                header.backbone().kind().equals("smallcnn") ? "smallcnn" : header.backbone().torchScript(), header.backbone().channels(),
                header.architecture().prototypes(), t.threads());
        Console.info("  PIP-Net phase 1 (L_A + L_T, 2 views, batch %d): %8.2f", t.pretrainBatchSize(), t.pretrain());
        Console.info("  PIP-Net phase 2 classifier-only (2 views, batch %d): %8.2f", t.batchSize(), t.classifierOnly());
        Console.info("  PIP-Net phase 2 joint (2 views, batch %d): %8.2f", t.batchSize(), t.joint());
        if (!Double.isNaN(t.blackBox())) {
            Console.info("  black-box CNN (1 view, batch %d): %8.2f", t.batchSize(), t.blackBox());
        }
        return t;
    }
}

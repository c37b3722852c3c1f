package io.xai4j.cli.pipnet;

import io.xai4j.core.io.Json;
import io.xai4j.vision.pipnet.PipNetBench;
import io.xai4j.vision.pipnet.PipNetTrainingConfig;
import io.xai4j.vision.pipnet.TwoViewAugmentation;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Training throughput of PIP-Net's phases next to the black-box CNN with the same backbone. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Training images/s of PIP-Net phase 1, phase 2 (classifier-only and joint) and the black-box CNN (same backbone + GAP + linear).")
public final class PipNetBenchCommand implements Callable<Integer> {

    @Option(names = "--dataset", defaultValue = "partshapes", description = "partshapes or fashion-mnist (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--steps", defaultValue = "5", description = "Measured steps per kind, after one warm-up step (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--batch-size", defaultValue = "64", description = "(default: ${DEFAULT-VALUE}; phase 1 uses twice this)")
    int batchSize;

    @Option(names = "--prototypes", defaultValue = "64", description = "(default: ${DEFAULT-VALUE})")
    int prototypes;

    @Option(names = "--output", description = "Also write the result as JSON here.")
    Path output;

    @Override
    public Integer call() {
        PipNetBench.Throughput t = run(dataset, steps, batchSize, prototypes);
        if (output != null) {
            Json.writeFile(output, t);
        }
        return 0;
    }

    /** Measures and prints the throughput; callable from {@code xai4j bench}. */
    public static PipNetBench.Throughput run(String dataset, int steps, int batchSize, int prototypes) {
        PipNetData data = PipNetData.load(dataset, null, 64, 0);
        int s = data.defaultImageSize();
        PipNetTrainingConfig config = PipNetTrainingConfig.defaults(1, 4, batchSize, TwoViewAugmentation.defaults(s, data.hflip()), 0);
        PipNetBench.Throughput t = PipNetBench.measure(data.train(), config, prototypes, steps, 0);
        Out.info("%s, S=%d, D=%d, %d threads; training images/s (augmentation + forward + backward + update):", dataset, s, prototypes, t.threads());
        Out.info("  PIP-Net phase 1 (L_A + L_T, 2 views, batch %d): %8.1f", t.pretrainBatchSize(), t.pretrain());
        Out.info("  PIP-Net phase 2 classifier-only (2 views, batch %d): %8.1f", t.batchSize(), t.classifierOnly());
        Out.info("  PIP-Net phase 2 joint (2 views, batch %d): %8.1f", t.batchSize(), t.joint());
        Out.info("  black-box CNN (1 view, batch %d): %8.1f", t.batchSize(), t.blackBox());
        return t;
    }
}

package io.xai4j.cli.graph;

import io.xai4j.graph.experiment.GraphBench;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xai4j graph bench}: molecules per second for training and for each explainer. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Throughput of GCN training and of the six explainers on BBBP.")
public final class GraphBenchCommand implements Callable<Integer> {

    @Option(names = "--molecules", defaultValue = "512")
    int molecules;

    @Option(names = "--batch-size", defaultValue = "32")
    int batchSize;

    @Override
    public Integer call() {
        GraphText.printBench(GraphBench.run(molecules, batchSize, 0));
        return 0;
    }
}

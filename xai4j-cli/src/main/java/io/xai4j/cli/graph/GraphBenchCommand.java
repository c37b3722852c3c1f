package io.xai4j.cli.graph;

import io.xai4j.cli.Checks;
import io.xai4j.graph.data.Graph;
import io.xai4j.graph.experiment.GraphBench;
import io.xai4j.graph.model.GraphBatch;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xai4j graph bench}: molecules per second for training and for each explainer. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Throughput of GCN training and of the six explainers on BBBP.")
public final class GraphBenchCommand implements Callable<Integer> {

    @Option(names = "--molecules", defaultValue = "512", description = "BBBP molecules to train one epoch on and to explain"
            + " (default ${DEFAULT-VALUE})")
    int molecules;

    @Option(names = "--batch-size", defaultValue = "32", description = "graphs per batch in training and explaining (default ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--batching", defaultValue = "auto",
            description = "auto, padded or sparse (block-diagonal Â); auto pads unless a batch's graphs are large, as in graph train"
                    + " (default ${DEFAULT-VALUE})")
    String batching;

    @Option(names = "--nodes", description = "instead: time every explainer on one random graph with this many nodes "
            + "(untrained default-width GCN; --batching padded forces a dense Â, which a large graph may not fit)")
    Integer nodes;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (nodes != null) {
            Checks.atLeast("--nodes", nodes, 2);
            Checks.unused(spec, "with --nodes (one graph, no molecules)", "--molecules", "--batch-size");
            GraphBatch.Batching b = GraphOptions.batching(batching);
            Graph probe = Graph.of("probe", new float[nodes][1], List.of(), 0);
            System.out.printf(Locale.ROOT, "graph bench: one random graph of %d nodes, %s layout%n", nodes,
                    b.resolve(List.of(probe)).name().toLowerCase(Locale.ROOT));
            GraphBench.largeGraph(nodes, 0, b).forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-13s %.2f s%n", k + ":", v));
            return 0;
        }
        Checks.atLeast("--molecules", molecules, 1);
        Checks.atLeast("--batch-size", batchSize, 1);
        GraphText.printBench(GraphBench.run(molecules, batchSize, 0, GraphOptions.batching(batching)));
        return 0;
    }
}

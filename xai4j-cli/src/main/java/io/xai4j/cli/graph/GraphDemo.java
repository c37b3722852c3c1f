package io.xai4j.cli.graph;

import io.xai4j.core.report.HtmlReport;
import io.xai4j.graph.experiment.BbbpDemo;
import io.xai4j.graph.experiment.GraphBench;
import java.nio.file.Path;

/** Entry points for the lead's {@code xai4j demo --graph} and {@code xai4j bench}. */
public final class GraphDemo {

    private GraphDemo() {}

    /**
     * Trains a GCN briefly on BBBP (scaffold split; {@link BbbpDemo.Options#quick()}: 5 epochs), explains the test
     * molecules with all six methods, computes the metrics, and adds a section to {@code report}; checkpoint and
     * JSON go to {@code outDir}.
     */
    public static BbbpDemo.Result runBbbpDemo(Path outDir, HtmlReport report, BbbpDemo.Options options) {
        return BbbpDemo.run(outDir, report, options);
    }

    /** Training and explainer throughput (molecules/s) on 512 BBBP molecules, batch 32. */
    public static GraphBench.Result bench() {
        return GraphBench.run(512, 32, 0, io.xai4j.graph.model.GraphBatch.Batching.PADDED);
    }
}

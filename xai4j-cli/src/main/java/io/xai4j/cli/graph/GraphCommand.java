package io.xai4j.cli.graph;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code xai4j graph}: GCN training, explanation and evaluation (Pope et al., CVPR 2019). */
@Command(
        name = "graph",
        mixinStandardHelpOptions = true,
        description = "Graph-CNN explanations (Pope et al., CVPR 2019): train a GCN, explain with CG/CAM/Grad-CAM/Grad-CAM Avg/EB/c-EB, evaluate.",
        subcommands = {GraphTrainCommand.class, GraphExplainCommand.class, GraphEvaluateCommand.class, GraphBenchCommand.class,
            GraphExportCommand.class})
public final class GraphCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: train, explain, evaluate, bench or export");
    }
}

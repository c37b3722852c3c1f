package io.xai4j.cli.graph;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code xai4j graph}: GCN training, explanation and evaluation (Pope et al., CVPR 2019). */
@Command(
        name = "graph",
        mixinStandardHelpOptions = true,
        description = "Graph-CNN explanations (Pope et al., CVPR 2019): train a GCN, explain with CG/CAM/Grad-CAM/Grad-CAM Avg/EB/c-EB, evaluate.",
        subcommands = {GraphTrainCommand.class, GraphExplainCommand.class, GraphEvaluateCommand.class, GraphBenchCommand.class,
            GraphExportCommand.class})
public final class GraphCommand implements Runnable {

    static {
        io.xai4j.cli.MethodNames.install();
    }

    @Spec
    CommandSpec spec;

    /** Without a subcommand: prints the usage, which lists the subcommands, and exits with 0 (as {@code xai4j} and {@code xai4j pipnet} do). */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

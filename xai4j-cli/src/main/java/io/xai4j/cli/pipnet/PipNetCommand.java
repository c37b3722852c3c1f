package io.xai4j.cli.pipnet;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code xai4j pipnet}: train, explain, evaluate and benchmark PIP-Net (Nauta et al., CVPR 2023). */
@Command(name = "pipnet", mixinStandardHelpOptions = true,
        description = "PIP-Net: patch-based intuitive prototypes with a sparse scoring sheet and abstention.",
        subcommands = {PipNetTrainCommand.class, PipNetExplainCommand.class, PipNetPredictCommand.class, PipNetEvaluateCommand.class, PipNetBenchCommand.class, PipNetBaselineCommand.class})
public final class PipNetCommand implements Runnable {

    @Spec
    CommandSpec spec;

    /** Without a subcommand: prints the usage, which lists the subcommands, to picocli's output and exits with 0. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

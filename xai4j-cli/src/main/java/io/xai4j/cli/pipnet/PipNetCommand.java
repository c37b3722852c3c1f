package io.xai4j.cli.pipnet;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code xai4j pipnet}: train, explain, evaluate and benchmark PIP-Net (Nauta et al., CVPR 2023). */
@Command(name = "pipnet", mixinStandardHelpOptions = true,
        description = "PIP-Net: patch-based intuitive prototypes with a sparse scoring sheet and abstention.",
        subcommands = {PipNetTrainCommand.class, PipNetExplainCommand.class, PipNetPredictCommand.class, PipNetEvaluateCommand.class, PipNetBenchCommand.class, PipNetBaselineCommand.class})
public final class PipNetCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}

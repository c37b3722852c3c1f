package io.xai4j.cli.nnexplainer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code xai4j nnexplainer}: train and apply an NN-Explainer (Stalder et al., NeurIPS 2022) for a frozen classifier. */
@Command(name = "nnexplainer", mixinStandardHelpOptions = true,
        description = "NN-Explainer: a network trained to give one mask per class of a frozen classifier in one forward pass.",
        subcommands = {NnExplainerTrainCommand.class, NnExplainerExplainCommand.class, NnExplainerEvaluateCommand.class})
public final class NnExplainerCommand implements Runnable {

    @Spec
    CommandSpec spec;

    /** Without a subcommand: prints the usage, which lists the subcommands, to picocli's output and exits with 0. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

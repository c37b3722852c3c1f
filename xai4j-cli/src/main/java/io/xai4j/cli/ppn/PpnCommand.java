package io.xai4j.cli.ppn;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code xai4j ppn}: post-hoc part-prototypes of a trained CNN (Tan, Zhou, Chen, ICML 2024). */
@Command(name = "ppn", mixinStandardHelpOptions = true,
        description = "Post-hoc part-prototypes: split a trained CNN's head into part prototypes without changing one prediction.",
        subcommands = {PpnFitCommand.class, PpnExplainCommand.class, PpnEvaluateCommand.class})
public final class PpnCommand implements Runnable {

    @Spec
    CommandSpec spec;

    /** Without a subcommand: prints the usage, which lists the subcommands, to picocli's output and exits with 0. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

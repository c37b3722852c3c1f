package io.xai4j.cli.scouter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code xai4j scouter}: train, explain, evaluate and benchmark SCOUTER (Li et al., ICCV 2021). */
@Command(name = "scouter", mixinStandardHelpOptions = true,
        description = "SCOUTER: a slot-attention classifier whose class attention says why (SCOUTER+) or why not (SCOUTER-).",
        subcommands = {ScouterTrainCommand.class, ScouterExplainCommand.class, ScouterEvaluateCommand.class, ScouterBenchCommand.class})
public final class ScouterCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

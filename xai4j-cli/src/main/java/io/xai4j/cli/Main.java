package io.xai4j.cli;

import io.xai4j.cli.pipnet.PipNetCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code xai4j} command. */
@Command(
        name = "xai4j",
        mixinStandardHelpOptions = true,
        version = "xai4j 0.1.0",
        description = "Interpretable and explainable image and graph classification.",
        subcommands = {DemoCommand.class, TrainCommand.class, ExplainCommand.class, BenchCommand.class, PipNetCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.setProperty("ai.djl.offline", "true");
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}

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
        subcommands = {DemoCommand.class, TrainCommand.class, ExplainCommand.class, EvaluateCommand.class, BenchCommand.class, ExportCommand.class,
                PipNetCommand.class,
                io.xai4j.cli.graph.GraphCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.setProperty("ai.djl.offline", "true");
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line with xai4j's error handling: a user error (bad argument or input, a file that cannot be
     * read, a method the model does not support, an option picocli cannot parse) prints one line, prefixed with
     * the full command ({@code xai4j graph explain: ...}), and exits with 2; anything else is a defect and keeps
     * its stack trace.
     */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof IllegalArgumentException || ex instanceof IllegalStateException || ex instanceof java.io.UncheckedIOException
                    || ex instanceof UnsupportedOperationException) {
                cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
                return 2;
            }
            throw ex;
        });
        cli.setParameterExceptionHandler((ex, args) -> { // a mistyped option or value: the reason in one line, not the whole usage
            CommandLine cmd = ex.getCommandLine();
            String name = cmd.getCommandSpec().qualifiedName();
            cmd.getErr().println(name + ": " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, cmd.getErr());
            cmd.getErr().println("('" + name + " --help' lists the options)");
            return 2;
        });
        return cli;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}

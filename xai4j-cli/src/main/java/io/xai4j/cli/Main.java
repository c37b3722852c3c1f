package io.xai4j.cli;

import io.xai4j.cli.pipnet.PipNetCommand;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code xai4j} command. */
@Command(
        name = "xai4j",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Interpretable and explainable image and graph classification.",
        subcommands = {DemoCommand.class, TrainCommand.class, ExplainCommand.class, EvaluateCommand.class, BenchCommand.class, ExportCommand.class,
                PipNetCommand.class, io.xai4j.cli.ppn.PpnCommand.class, io.xai4j.cli.scouter.ScouterCommand.class,
                io.xai4j.cli.nnexplainer.NnExplainerCommand.class,
                io.xai4j.cli.graph.GraphCommand.class})
public final class Main implements Runnable {

    static {
        MethodNames.install();
    }

    @Spec
    CommandSpec spec;

    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Also show the PyTorch engine's own warnings (e.g. NNPACK's \"Unsupported hardware\" notice), which are hidden"
                    + " by default; errors always show.")
    boolean verbose;

    public static void main(String[] args) {
        System.setProperty("ai.djl.offline", "true");
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line with xai4j's error handling: a user error (bad argument or input, a file that cannot be
     * read, a method the model does not support, an option picocli cannot parse) prints one line, prefixed with
     * the full command ({@code xai4j graph explain: ...}), and exits with 2; anything else is a defect and keeps
     * its stack trace. Every command prints the version of {@link VersionProvider} for {@code -V}. PyTorch's native warnings
     * stay off the terminal unless {@code --verbose} is given ({@link io.xai4j.core.runtime.NativeWarnings}).
     */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        withVersion(cli, cli.getCommandSpec().versionProvider());
        cli.setExecutionStrategy(parsed -> {
            List<CommandLine> commands = parsed.asCommandLineList();
            boolean help = commands.stream().anyMatch(c -> c.isUsageHelpRequested() || c.isVersionHelpRequested());
            if (!help && commands.size() > 1) { // a command runs: it will load the engine anyway
                io.xai4j.core.runtime.NativeWarnings.show(commands.stream().anyMatch(c -> c.getParseResult().hasMatchedOption("--verbose")));
            }
            return new CommandLine.RunLast().execute(parsed);
        });
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

    /** Gives {@code cmd} and all its subcommands, at any depth, the version {@code version}. */
    private static void withVersion(CommandLine cmd, CommandLine.IVersionProvider version) {
        cmd.getCommandSpec().versionProvider(version);
        cmd.getSubcommands().values().forEach(sub -> withVersion(sub, version));
    }

    /** Without a subcommand: prints the usage, which lists the subcommands, to picocli's output and exits with 0. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

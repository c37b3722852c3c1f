package io.xai4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One {@code xai4j} command line run in-process, as the tests see it: its exit code and standard error. */
public record CliRun(int code, String err) {

    /** Runs {@code args} with the CLI's own error handling. */
    public static CliRun run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err));
        return new CliRun(cli.execute(args), err.toString());
    }
}

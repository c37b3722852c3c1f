package io.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * {@code xai4j} and {@code xai4j pipnet} without a subcommand print their usage through picocli's output, as
 * {@code xai4j graph} does (they printed straight to System.out); {@code -V} prints the project version for every
 * command (the top command printed a fixed "xai4j 0.1.0", the others nothing).
 */
class MainTest {

    /** Exit code, picocli's output and its error output. */
    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return new Run(cli.execute(args), out.toString(), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "pipnet"})
    void withoutASubcommandPrintsTheUsageAndExitsZero(String command) {
        Run r = command.isEmpty() ? run() : run(command);
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        String name = command.isEmpty() ? "xai4j" : "xai4j " + command;
        assertTrue(r.out().startsWith("Usage: " + name + " [-hV] [--verbose] [COMMAND]"), r.out());
        String[] subcommands = command.isEmpty() ? new String[] {"demo", "train", "explain", "evaluate", "pipnet", "graph"}
                : new String[] {"train", "explain", "predict", "evaluate", "bench", "baseline"};
        for (String sub : subcommands) {
            assertTrue(r.out().contains("\n  " + sub + " "), sub + " in " + r.out());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"-V", "--version", "graph -V", "pipnet -V", "graph train -V", "pipnet predict --version", "export -V"})
    void everyCommandPrintsTheProjectVersion(String args) throws Exception {
        Run r = run(args.split(" "));
        assertEquals(0, r.code(), r.err());
        assertEquals("xai4j " + projectVersion(), r.out().strip());
    }

    /** Issue 20: the warm-up share of training is an option with its default in the help. */
    @Test
    void trainHelpShowsTheWarmUpShareAndItsDefault() {
        Run r = run("train", "--help");
        assertEquals(0, r.code(), r.err());
        String help = r.out().replaceAll("\\s+", " ");
        assertTrue(help.contains("--warmup=<warmup> Share of all the run's steps over which the learning rate rises linearly to --lr before"
                + " the cosine decay, in [0, 1) (default: 0.05, i.e. 5 %)."), r.out());
    }

    /**
     * Every command's help formats: picocli reads a description as a format string, and an unescaped {@code %} (such as
     * "5 %") makes it print the raw text with a warning on the process's standard error instead.
     */
    @Test
    void everyCommandsHelpFormatsWithoutWarnings() {
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.util.List<String> commands = new java.util.ArrayList<>();
        try {
            System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
            java.util.ArrayDeque<CommandLine> todo = new java.util.ArrayDeque<>(java.util.List.of(Main.commandLine()));
            while (!todo.isEmpty()) {
                CommandLine c = todo.pop();
                commands.add(c.getCommandSpec().qualifiedName());
                c.getUsageMessage();
                todo.addAll(c.getSubcommands().values());
            }
        } finally {
            System.setErr(saved);
        }
        assertTrue(commands.size() > 10, "walked " + commands);
        assertEquals("", captured.toString(java.nio.charset.StandardCharsets.UTF_8), "help of " + commands);
    }

    /** The version this module's pom.xml inherits from its parent ({@code 0.1.0-SNAPSHOT}); the tests run in the module folder. */
    private static String projectVersion() throws Exception {
        Matcher m = Pattern.compile("<parent>.*?<version>([^<]+)</version>", Pattern.DOTALL).matcher(Files.readString(Path.of("pom.xml")));
        assertTrue(m.find(), "pom.xml names its parent's version");
        return m.group(1);
    }
}

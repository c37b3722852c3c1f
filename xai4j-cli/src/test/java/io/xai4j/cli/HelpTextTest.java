package io.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every {@code --help} text points to the repository's own method notes (docs/methods/), never to the
 * project's internal specification files, which a user of the repository does not have.
 */
class HelpTextTest {

    /** A section sign, the spec folder, or a bare spec file name (docs/methods/pipnet.md, graph-metrics.md and docs/pipnet.md are fine). */
    private static final Pattern CITATION = Pattern.compile("§|shared/spec|(?<![\\w/-])(cnn-attribution|gcnn|metrics|partshapes|pipnet|scouter"
            + "|nn-explainer|posthoc-ppn)\\.md");

    @Test
    void noHelpTextCitesTheInternalSpecs() {
        List<String> offending = new ArrayList<>();
        List<CommandLine> commands = new ArrayList<>(List.of(Main.commandLine()));
        for (int i = 0; i < commands.size(); i++) {
            CommandLine c = commands.get(i);
            commands.addAll(c.getSubcommands().values());
            // picocli wraps long descriptions, so a citation may straddle two lines: search the text with its spaces collapsed
            String help = c.getUsageMessage(CommandLine.Help.Ansi.OFF).replaceAll("\\s+", " ");
            Matcher m = CITATION.matcher(help);
            while (m.find()) {
                offending.add(c.getCommandSpec().qualifiedName() + ": ..." + help.substring(Math.max(0, m.start() - 40), Math.min(help.length(),
                        m.end() + 20)) + "...");
            }
        }
        assertTrue(commands.size() >= 20, "walked only " + commands.size() + " commands");
        assertTrue(offending.isEmpty(), "help texts citing internal specs instead of docs/methods/:\n" + String.join("\n", offending));
    }
}

package io.xai4j.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --explainer FILE}, the trained explainer of a learned method, shared by {@code explain}, {@code evaluate} and {@code bench}. */
public final class ExplainerFileOption {

    @Option(names = "--explainer", paramLabel = "FILE", description = "A trained explainer file (xai4j nnexplainer train) for the"
            + " learned methods (nnexplainer), which run only with it and only when named in --method.")
    Path file;

    /** The file as a method setting, or null when not given. */
    public String setting() {
        return file == null ? null : file.toString();
    }
}

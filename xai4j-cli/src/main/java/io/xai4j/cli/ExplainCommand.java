package io.xai4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "explain", mixinStandardHelpOptions = true, description = "Explain (see README).")
final class ExplainCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 0;
    }
}

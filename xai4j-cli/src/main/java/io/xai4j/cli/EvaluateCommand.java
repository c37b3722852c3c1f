package io.xai4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "evaluate", mixinStandardHelpOptions = true, description = "Evaluate (see README).")
final class EvaluateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 0;
    }
}

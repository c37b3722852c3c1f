package io.xai4j.cli.pipnet;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "evaluate", mixinStandardHelpOptions = true)
final class PipNetEvaluateCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        return 0;
    }
}

package io.xai4j.cli.pipnet;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "explain", mixinStandardHelpOptions = true)
final class PipNetExplainCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        return 0;
    }
}

package io.xai4j.cli.graph;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "evaluate", mixinStandardHelpOptions = true, description = "Evaluate explanation methods.")
public final class GraphEvaluateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 0;
    }
}

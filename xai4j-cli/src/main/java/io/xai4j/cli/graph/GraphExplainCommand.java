package io.xai4j.cli.graph;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "explain", mixinStandardHelpOptions = true, description = "Explain graphs with a trained GCN.")
public final class GraphExplainCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 0;
    }
}

package io.xai4j.cli.graph;

import io.xai4j.graph.experiment.MoleculeExperiment;
import java.util.Locale;

/** Parsing of option values shared by the graph commands. */
final class GraphOptions {

    private GraphOptions() {}

    static MoleculeExperiment.SplitKind split(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "scaffold" -> MoleculeExperiment.SplitKind.SCAFFOLD;
            case "random" -> MoleculeExperiment.SplitKind.RANDOM;
            default -> throw new IllegalArgumentException("--split must be scaffold or random, got '" + value + "'");
        };
    }
}

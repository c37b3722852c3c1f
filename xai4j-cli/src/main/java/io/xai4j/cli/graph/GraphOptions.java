package io.xai4j.cli.graph;

import io.xai4j.graph.experiment.MoleculeExperiment;
import io.xai4j.graph.model.GraphBatch;
import java.util.Locale;

/** Parsing of option values shared by the graph commands. */
final class GraphOptions {

    private GraphOptions() {}

    /**
     * A molecule set by name; {@code ba2motifs}, which is generated, gets a pointer to the JSON-lines route
     * ({@code graph export} then {@code --input}) instead of "unknown molecule data set".
     */
    static io.xai4j.graph.chem.MoleculeDataset molecules(String name) {
        if (name.equalsIgnoreCase("ba2motifs")) {
            throw new IllegalArgumentException("--dataset ba2motifs is generated, not a molecule set: write it with graph export --dataset"
                    + " ba2motifs --out FILE.jsonl and give --input FILE.jsonl");
        }
        return io.xai4j.graph.chem.MoleculeDataset.named(name);
    }

    static MoleculeExperiment.SplitKind split(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "scaffold" -> MoleculeExperiment.SplitKind.SCAFFOLD;
            case "random" -> MoleculeExperiment.SplitKind.RANDOM;
            default -> throw new IllegalArgumentException("--split must be scaffold or random, got '" + value + "'");
        };
    }

    static GraphBatch.Batching batching(String value) {
        try {
            return GraphBatch.Batching.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--batching: " + e.getMessage());
        }
    }

    static int[] widths(String value) {
        try {
            int[] w = java.util.Arrays.stream(value.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
            if (w.length == 0 || java.util.Arrays.stream(w).anyMatch(x -> x < 1)) {
                throw new NumberFormatException();
            }
            return w;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--widths must be positive integers separated by commas (e.g. 128,256,512), got '" + value + "'");
        }
    }
}

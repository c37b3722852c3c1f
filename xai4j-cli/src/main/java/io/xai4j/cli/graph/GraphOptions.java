package io.xai4j.cli.graph;

import io.xai4j.graph.experiment.MoleculeExperiment;
import io.xai4j.graph.model.GraphBatch;
import java.util.Locale;

/** Parsing of option values shared by the graph commands. */
final class GraphOptions {

    private GraphOptions() {}

    /** What {@code --dataset} takes in {@code graph train} and {@code graph export}. */
    static final String ALL_DATASETS = "bbbp, bace, tox21 or ba2motifs";

    /** What {@code --dataset} takes in {@code graph evaluate} and {@code graph explain}. */
    static final String MOLECULE_DATASETS = "bbbp, bace or tox21";

    static boolean isBa2motifs(String name) {
        return name.equalsIgnoreCase("ba2motifs");
    }

    /**
     * Fails unless {@code name} is a molecule set or ba2motifs, listing both: for commands that take all four
     * ({@code unknown --dataset 'bbbb'; expected bbbp, bace, tox21 or ba2motifs}).
     */
    static void requireKnown(String name) {
        if (!isBa2motifs(name) && !io.xai4j.graph.chem.MoleculeDataset.isNamed(name)) {
            throw new IllegalArgumentException("unknown --dataset '" + name + "'; expected " + ALL_DATASETS);
        }
    }

    /**
     * A molecule set by name, for commands that take molecules only ({@code unknown --dataset 'bbbb'; expected bbbp, bace or
     * tox21}); {@code --dataset ba2motifs}, which is generated, fails with {@code ba2motifs}: the command's own pointer to where
     * that data set is served instead.
     */
    static io.xai4j.graph.chem.MoleculeDataset molecules(String name, String ba2motifs) {
        requireMolecules(name, ba2motifs);
        return io.xai4j.graph.chem.MoleculeDataset.named(name);
    }

    /** The checks of {@link #molecules}, without reading the molecules. */
    static void requireMolecules(String name, String ba2motifs) {
        if (isBa2motifs(name)) {
            throw new IllegalArgumentException("--dataset ba2motifs is generated, not a molecule set: " + ba2motifs);
        }
        if (!io.xai4j.graph.chem.MoleculeDataset.isNamed(name)) {
            throw new IllegalArgumentException("unknown --dataset '" + name + "'; expected " + MOLECULE_DATASETS);
        }
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

package io.xai4j.cli.graph;

import io.xai4j.graph.data.Graph;
import io.xai4j.graph.experiment.MoleculeExperiment;
import io.xai4j.graph.model.GraphBatch;
import io.xai4j.graph.synth.Ba2Motifs;
import io.xai4j.graph.synth.Ba3MotifsNull;
import java.util.List;
import java.util.Locale;

/** Parsing of option values shared by the graph commands. */
final class GraphOptions {

    private GraphOptions() {}

    /** What {@code --dataset} takes in {@code graph train} and {@code graph export}. */
    static final String ALL_DATASETS = "bbbp, bace, tox21, ba2motifs or ba3null";

    /** What {@code --dataset} takes in {@code graph evaluate} and {@code graph explain}. */
    static final String MOLECULE_DATASETS = "bbbp, bace or tox21";

    /**
     * The generated planted-motif sets: BA-2Motifs (docs/methods/ba2motifs.md#generator) and BA-3Motifs-null
     * (docs/methods/ba2motifs.md#ba-3motifs-null).
     */
    enum Generated {
        BA2MOTIFS("ba2motifs", "BA-2Motifs", Ba2Motifs.CLASSES, Ba2Motifs.FEATURES),
        BA3NULL("ba3null", "BA-3Motifs-null", Ba3MotifsNull.CLASSES, Ba3MotifsNull.FEATURES);

        final String option;
        final String title;
        final List<String> classes;
        final int features;

        Generated(String option, String title, List<String> classes, int features) {
            this.option = option;
            this.title = title;
            this.classes = classes;
            this.features = features;
        }

        List<Graph> generate(int perClass, long seed) {
            return this == BA2MOTIFS ? Ba2Motifs.generate(perClass, seed) : Ba3MotifsNull.generate(perClass, seed);
        }

        /** The generated set that {@code --dataset name} names, or null for any other name. */
        static Generated named(String name) {
            for (Generated g : values()) {
                if (g.option.equalsIgnoreCase(name)) {
                    return g;
                }
            }
            return null;
        }
    }

    static boolean isGenerated(String name) {
        return Generated.named(name) != null;
    }

    /**
     * Fails unless {@code name} is a molecule set or a generated set, listing all: for commands that take every data set
     * ({@code unknown --dataset 'bbbb'; expected bbbp, bace, tox21, ba2motifs or ba3null}).
     */
    static void requireKnown(String name) {
        if (!isGenerated(name) && !io.xai4j.graph.chem.MoleculeDataset.isNamed(name)) {
            throw new IllegalArgumentException("unknown --dataset '" + name + "'; expected " + ALL_DATASETS);
        }
    }

    /**
     * A molecule set by name, for commands that take molecules only ({@code unknown --dataset 'bbbb'; expected bbbp, bace or
     * tox21}); a generated set ({@code --dataset ba2motifs}) fails with {@code generated}: the command's own pointer to where
     * that data set is served instead, a format with the option value as {@code %1$s} and the set's title as {@code %2$s}.
     */
    static io.xai4j.graph.chem.MoleculeDataset molecules(String name, String generated) {
        requireMolecules(name, generated);
        return io.xai4j.graph.chem.MoleculeDataset.named(name);
    }

    /** The checks of {@link #molecules}, without reading the molecules. */
    static void requireMolecules(String name, String generated) {
        Generated g = Generated.named(name);
        if (g != null) {
            throw new IllegalArgumentException("--dataset " + g.option + " is generated, not a molecule set: "
                    + String.format(Locale.ROOT, generated, g.option, g.title));
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

package io.xai4j.cli.graph;

import io.xai4j.cli.Checks;
import io.xai4j.graph.chem.MoleculeDataset;
import io.xai4j.graph.chem.MoleculeFeaturizer;
import io.xai4j.graph.data.Graph;
import io.xai4j.graph.data.GraphJsonLines;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code xai4j graph export}: writes a built-in data set in the JSON-lines graph format (docs/methods/graph-input.md),
 * the format {@code graph train --input} and {@code graph explain --input} read.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write bbbp, bace, tox21, ba2motifs or ba3null as a JSON-lines graph file (the format of --input).")
public final class GraphExportCommand implements Callable<Integer> {

    @Option(names = "--dataset", required = true, description = GraphOptions.ALL_DATASETS)
    String dataset;

    @Option(names = "--seed", defaultValue = "0", description = "ba2motifs, ba3null: generator seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--per-class", defaultValue = "500", description = "ba2motifs, ba3null: graphs per class (default ${DEFAULT-VALUE}, as docs/methods/ba2motifs.md)")
    int perClass;

    @Option(names = "--out", required = true, description = "the .jsonl file to write")
    Path out;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        GraphJsonLines.Dataset data;
        GraphOptions.requireKnown(dataset);
        String name = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.matches(".*\\.(csv|tsv|txt|smi|sdf|png|html)$")) {
            throw new IllegalArgumentException("--out " + out + ": graph export writes JSON lines; name the file .jsonl");
        }
        GraphOptions.Generated generated = GraphOptions.Generated.named(dataset);
        if (generated != null) {
            Checks.atLeast("--per-class", perClass, 1);
            List<String> features = java.util.stream.IntStream.range(0, generated.features).mapToObj(i -> "c" + i).toList();
            data = new GraphJsonLines.Dataset(generated.classes, features, false, generated.generate(perClass, seed));
        } else {
            Checks.unused(spec, "with a molecule set (only ba2motifs and ba3null are generated)", "--seed", "--per-class");
            MoleculeDataset ds = MoleculeDataset.named(dataset);
            List<Graph> graphs = ds.graphs();
            data = new GraphJsonLines.Dataset(ds.classes(), MoleculeFeaturizer.featureNames(), false, graphs);
        }
        GraphJsonLines.write(out, data);
        System.out.printf(Locale.ROOT, "wrote %d graphs (%s) to %s%n", data.graphs().size(), String.join("/", data.classes()), out);
        return 0;
    }
}

package io.xai4j.cli.graph;

import io.xai4j.cli.Checks;
import io.xai4j.core.io.Json;
import io.xai4j.core.report.HtmlReport;
import io.xai4j.graph.chem.MolecularGraph;
import io.xai4j.graph.chem.MoleculeDataset;
import io.xai4j.graph.data.Graph;
import io.xai4j.graph.data.GraphJsonLines;
import io.xai4j.graph.explain.GraphExplainer;
import io.xai4j.graph.explain.GraphExplainers;
import io.xai4j.graph.explain.GraphExplanation;
import io.xai4j.graph.model.Gcn;
import io.xai4j.graph.report.GraphReportSections;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xai4j graph explain}: explain molecules or JSON-lines graphs with a trained GCN; writes JSON and an HTML report. */
@Command(name = "explain", mixinStandardHelpOptions = true, description = "Explain graphs with a trained GCN checkpoint.")
public final class GraphExplainCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "checkpoint written by graph train")
    Path model;

    @Option(names = "--dataset", description = "bbbp, bace or tox21 (molecules)")
    String dataset;

    @Option(names = "--input", description = "JSON-lines graph file (gcnn.md §4)")
    Path input;

    @Option(names = "--methods", split = ",", defaultValue = "CG,EB,c-EB,CAM,Grad-CAM,Grad-CAM-Avg")
    List<String> methods;

    @Option(names = "--limit", defaultValue = "20", description = "graphs to explain")
    int limit;

    @Option(names = "--out", defaultValue = "runs/graph/explain")
    Path out;

    @Option(names = "--batching", defaultValue = "auto",
            description = "auto, padded or sparse (block-diagonal Â); auto pads unless a batch's graphs are large (default ${DEFAULT-VALUE})")
    String batching;

    @Override
    public Integer call() {
        if ((dataset == null) == (input == null)) {
            throw new IllegalArgumentException("give exactly one of --dataset or --input");
        }
        Checks.atLeast("--limit", limit, 1);
        try (Gcn gcn = Gcn.load(model)) {
            List<MolecularGraph> molecules = null;
            List<Graph> graphs;
            if (dataset != null) {
                MoleculeDataset ds = GraphOptions.molecules(dataset);
                requireCompatible(gcn, "--dataset " + dataset, ds.classes(), ds.graphs());
                molecules = ds.molecules().subList(0, Math.min(limit, ds.molecules().size()));
                graphs = molecules.stream().map(MolecularGraph::graph).toList();
            } else {
                GraphJsonLines.Dataset data = GraphJsonLines.read(input);
                requireCompatible(gcn, input.toString(), data.classes(), data.graphs());
                graphs = data.graphs().subList(0, Math.min(limit, data.graphs().size()));
            }
            Map<String, List<GraphExplanation>> ex = new LinkedHashMap<>();
            for (String name : methods) {
                GraphExplainer m = GraphExplainers.named(name, 32);
                ex.put(m.method(), m.explain(gcn, graphs, GraphOptions.batching(batching)));
            }
            Json.writeFile(out.resolve("explanations.json"), ex);
            HtmlReport report = new HtmlReport("xai4j graph explanations");
            if (molecules != null) {
                GraphReportSections.addMoleculeSection(report, "molecules", "Molecules", gcn, molecules, ex, null, null, limit, null);
            } else {
                GraphReportSections.addGraphSection(report, "graphs", "Graphs", graphs, ex, limit, 0);
            }
            report.write(out.resolve("report.html"));
            System.out.println("wrote " + out.resolve("explanations.json") + " and " + out.resolve("report.html"));
        }
        return 0;
    }

    /**
     * Fails, naming the checkpoint and the data, unless the graphs have the model's node-feature dimension
     * and, where the data names its classes, the model's classes in the model's order; labels must be
     * classes of the model.
     */
    private void requireCompatible(Gcn gcn, String source, List<String> classes, List<Graph> graphs) {
        if (!graphs.isEmpty() && graphs.get(0).featureDim() != gcn.inputDim()) {
            throw new IllegalArgumentException(model + " was trained on graphs with " + gcn.inputDim() + " features per node but " + source
                    + " has " + graphs.get(0).featureDim());
        }
        if (!classes.isEmpty() && !classes.equals(gcn.classes())) {
            throw new IllegalArgumentException(model + " was trained on classes " + gcn.classes() + " but " + source + " has " + classes);
        }
        for (Graph g : graphs) {
            if (g.label() >= gcn.numClasses()) {
                throw new IllegalArgumentException(source + ": graph " + g.id() + " has label " + g.label() + " but " + model + " has "
                        + gcn.numClasses() + " classes " + gcn.classes());
            }
        }
    }
}

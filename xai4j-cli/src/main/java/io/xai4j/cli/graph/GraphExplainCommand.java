package io.xai4j.cli.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.xai4j.cli.Checks;
import io.xai4j.cli.Console;
import io.xai4j.core.io.Json;
import io.xai4j.core.report.HtmlReport;
import io.xai4j.graph.chem.MolecularGraph;
import io.xai4j.graph.chem.MoleculeDataset;
import io.xai4j.graph.chem.MoleculeRejectedException;
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

    @Option(names = "--model", required = true, description = "checkpoint (.gcn) written by graph train")
    Path model;

    @Option(names = "--dataset", description = GraphOptions.MOLECULE_DATASETS + " (molecules; for ba2motifs give its exported file as --input);"
            + " BBBP molecules are shown and written under their name, BACE and Tox21 ones (no name column) under their SMILES")
    String dataset;

    @Option(names = "--input", description = "JSON-lines graph file (docs/methods/graph-input.md); graphs without \"label\" are explained too")
    Path input;

    @Option(names = "--smiles", description = "a molecule to explain, as SMILES (repeatable; needs a model trained on molecules)")
    List<String> smiles = new ArrayList<>();

    @Option(names = "--smiles-file", description = "molecules to explain, one per line: SMILES, then optionally white space and a"
            + " name (.smi); blank lines and lines starting with # are skipped, unparseable SMILES are reported with their line and skipped")
    Path smilesFile;

    @Option(names = "--methods", split = ",", defaultValue = "${sys:xai4j.graph.default-methods}",
            description = "methods to run: ${sys:xai4j.graph.methods} (default ${DEFAULT-VALUE})")
    List<String> methods;

    @Option(names = "--limit", defaultValue = "20", description = "graphs to explain, the first ones of the source (default ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--out", defaultValue = "runs/graph/explain", description = "output folder for explanations.json, predictions.csv and"
            + " report.html (default ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--batching", defaultValue = "auto",
            description = "auto, padded or sparse (block-diagonal Â); auto pads unless a batch's graphs are large (default ${DEFAULT-VALUE})")
    String batching;

    /** Where a generated set ({@code --dataset ba2motifs}) is served instead. */
    private static final String GENERATED = "write it with graph export --dataset %1$s --out FILE.jsonl and give --input FILE.jsonl";

    @Override
    public Integer call() {
        boolean ownMolecules = !smiles.isEmpty() || smilesFile != null;
        if ((dataset != null ? 1 : 0) + (input != null ? 1 : 0) + (ownMolecules ? 1 : 0) != 1) {
            throw new IllegalArgumentException("give exactly one source: --dataset, --input, or --smiles / --smiles-file");
        }
        Checks.atLeast("--limit", limit, 1);
        Checks.outputFolder("--out", out);
        if (dataset != null) {
            GraphOptions.requireMolecules(dataset, GENERATED);
        }
        Checks.reportFolder("--out", out, "xai4j graph explain"); // never replaces another command's report
        try (Gcn gcn = Gcn.load(model)) {
            List<MolecularGraph> molecules = null;
            List<Graph> graphs;
            if (dataset != null) {
                MoleculeDataset ds = GraphOptions.molecules(dataset, GENERATED);
                requireCompatible(gcn, "--dataset " + dataset, ds.classes(), ds.graphs());
                molecules = first(ds.molecules(), "molecules");
                graphs = molecules.stream().map(MolecularGraph::graph).toList();
            } else if (ownMolecules) {
                List<MolecularGraph> own = ownMolecules();
                String source = smilesFile != null ? smilesFile.toString() : "--smiles";
                requireCompatible(gcn, source, List.of(), own.stream().map(MolecularGraph::graph).toList());
                molecules = first(own, "molecules");
                graphs = molecules.stream().map(MolecularGraph::graph).toList();
            } else {
                GraphJsonLines.Dataset data = GraphJsonLines.read(input);
                requireCompatible(gcn, input.toString(), data.classes(), data.graphs());
                graphs = first(data.graphs(), "graphs");
            }
            Map<String, List<GraphExplanation>> ex = new LinkedHashMap<>();
            for (String name : methods) {
                GraphExplainer m = GraphExplainers.named(name, gcn, 32);
                ex.put(m.method(), m.explain(graphs, GraphOptions.batching(batching)));
            }
            Json.writeFile(out.resolve("explanations.json"), toJson(ex, graphs, molecules));
            writePredictions(gcn, graphs, molecules);
            HtmlReport report = new HtmlReport("xai4j graph explanations");
            if (molecules != null) {
                GraphReportSections.addMoleculeSection(report, "molecules", "Molecules", gcn, molecules, ex, null, null, limit, null);
            } else {
                GraphReportSections.addGraphSection(report, "graphs", "Graphs", gcn, graphs, ex, limit, 0);
            }
            Checks.ownReport(out, "xai4j graph explain");
            report.write(out.resolve("report.html"));
            Console.info("wrote %s, predictions.csv and report.html", out.resolve("explanations.json"));
        }
        return 0;
    }

    /** The first --limit of a source's graphs, saying so when the source holds more. */
    private <T> List<T> first(List<T> all, String what) {
        if (all.size() > limit) {
            Console.info("explaining the first %d of %d %s (--limit %d)", limit, all.size(), what, limit);
        }
        return all.subList(0, Math.min(limit, all.size()));
    }

    /**
     * The explanations as explanations.json holds them, per method in the order of the graphs: each with its molecule's
     * SMILES after the graph id (which is the molecule's name where it has one), and the names of its graph's nodes
     * ({@code nodes}, null for an unnamed node) before the maps where the graph names any (atom symbols for molecules).
     */
    static Map<String, List<JsonNode>> toJson(Map<String, List<GraphExplanation>> ex, List<Graph> graphs, List<MolecularGraph> molecules) {
        Map<String, List<JsonNode>> json = new LinkedHashMap<>();
        ex.forEach((method, explanations) -> {
            List<JsonNode> nodes = new ArrayList<>();
            for (int i = 0; i < explanations.size(); i++) {
                ObjectNode node = Json.MAPPER.createObjectNode();
                node.put("graphId", explanations.get(i).graphId());
                if (molecules != null) {
                    node.put("smiles", molecules.get(i).smiles());
                }
                String[] names = graphs.get(i).nodeNames();
                ((ObjectNode) Json.MAPPER.valueToTree(explanations.get(i))).fields().forEachRemaining(f -> {
                    if (f.getKey().equals("raw") && names != null) {
                        java.util.Arrays.stream(names).forEach(node.putArray("nodes")::add);
                    }
                    node.set(f.getKey(), f.getValue());
                });
                nodes.add(node);
            }
            json.put(method, nodes);
        });
        return json;
    }

    /**
     * {@code predictions.csv}: per graph its id (a molecule's name where the source gives one) and, for molecules, its
     * SMILES, label (empty when unknown), the model's prediction and class probabilities (softmax of y), in the order of
     * explanations.json; the first 20 also on the console.
     */
    private void writePredictions(Gcn gcn, List<Graph> graphs, List<MolecularGraph> molecules) {
        float[][] p = io.xai4j.core.runtime.Tensors.softmax(gcn.logits(graphs, 32));
        int[] predicted = io.xai4j.core.runtime.Tensors.argmax(p);
        List<String> header = new ArrayList<>(List.of("id"));
        if (molecules != null) {
            header.add("smiles");
        }
        header.addAll(List.of("label", "prediction"));
        gcn.classes().forEach(c -> header.add("p " + c));
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < graphs.size(); i++) {
            Graph g = graphs.get(i);
            List<Object> row = new ArrayList<>();
            row.add(g.id());
            if (molecules != null) {
                row.add(molecules.get(i).smiles());
            }
            row.add(g.label() >= 0 ? gcn.classes().get(g.label()) : null);
            row.add(gcn.classes().get(predicted[i]));
            for (float v : p[i]) {
                row.add(v);
            }
            rows.add(row);
            if (i < 20) {
                Console.info("%s: %s (p=%.2f)%s", g.id(), gcn.classes().get(predicted[i]), p[i][predicted[i]],
                        g.label() >= 0 ? "; label " + gcn.classes().get(g.label()) : "");
            }
        }
        io.xai4j.core.io.CsvTables.write(out.resolve("predictions.csv"), header, rows);
    }

    /** The --smiles molecules (an unparseable one fails, naming it), then those of --smiles-file (rejected lines reported). */
    private List<MolecularGraph> ownMolecules() {
        List<MolecularGraph> own = new ArrayList<>();
        for (String s : smiles) {
            try {
                own.add(MolecularGraph.of(s, -1, 0));
            } catch (MoleculeRejectedException e) {
                throw new IllegalArgumentException("--smiles '" + s + "' is not a molecule CDK can read: " + e.getMessage(), e);
            }
        }
        if (smilesFile != null) {
            MoleculeDataset file = MoleculeDataset.readSmiles(smilesFile);
            if (!file.rejected().isEmpty()) { // each one is logged with its line by readSmiles
                Console.info("%s: %d of %s skipped (%s %s)", smilesFile, file.rejected().size(), Console.count(file.rows(), "molecule"),
                        file.rejected().size() == 1 ? "line" : "lines",
                        file.rejected().stream().map(r -> Integer.toString(r.line())).collect(java.util.stream.Collectors.joining(", ")));
            }
            own.addAll(file.molecules());
        }
        if (own.isEmpty()) {
            throw new IllegalArgumentException((smilesFile != null ? smilesFile : "--smiles") + " holds no molecule to explain");
        }
        return own;
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

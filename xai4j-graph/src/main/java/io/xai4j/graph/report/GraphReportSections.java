package io.xai4j.graph.report;

import io.xai4j.core.render.Images;
import io.xai4j.core.report.HtmlReport;
import io.xai4j.core.runtime.Tensors;
import io.xai4j.graph.chem.MolecularGraph;
import io.xai4j.graph.chem.SalientSubstructures;
import io.xai4j.graph.data.Graph;
import io.xai4j.graph.explain.GraphExplanation;
import io.xai4j.graph.metrics.MethodScores;
import io.xai4j.graph.model.Gcn;
import io.xai4j.graph.render.GraphDrawing;
import io.xai4j.graph.render.MoleculeDepiction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Report sections for graph explanations: the metric table, molecule depictions or graph drawings per
 * method and class, and the frequent salient substructures. All data-derived text is escaped. Each picture's
 * title is its caption only (drawn into the picture as well it appeared twice).
 */
public final class GraphReportSections {

    private GraphReportSections() {}

    private static String f(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }

    /** The metric table (docs/methods/graph-metrics.md), one row per method. */
    public static String metricTable(List<MethodScores> scores) {
        List<String> header = List.of("method", "fidelity", "fid c0", "fid c1", "contrastivity_union", "contrastivity_nodes", "sparsity_union",
                "sparsity_classavg", "fid+", "fid−", "characterization");
        List<List<String>> rows = new ArrayList<>();
        for (MethodScores m : scores) {
            double[] pc = m.fidelityPerClass();
            rows.add(List.of(m.method(), f(m.fidelity()), f(pc[0]), f(pc.length > 1 ? pc[1] : Double.NaN), f(m.contrastivityUnion()),
                    f(m.contrastivityNodes()), f(m.sparsityUnion()), f(m.sparsityClassAvg()), f(m.fidelityPlus()), f(m.fidelityMinus()),
                    f(m.characterization())));
        }
        return HtmlReport.table(header, rows, null);
    }

    /**
     * Adds a molecule section: metric table, one row of depictions per molecule and method (one panel
     * per class, titled with class, predicted probability and method), and per-class salient fragments.
     *
     * @param explanations per method name, the explanations of {@code molecules} in order
     * @param fragments per class, the frequent fragments (may be null)
     * @param shown how many molecules to draw
     */
    public static void addMoleculeSection(HtmlReport report, String id, String heading, Gcn model, List<MolecularGraph> molecules,
            Map<String, List<GraphExplanation>> explanations, List<MethodScores> scores, Map<Integer, List<SalientSubstructures.Fragment>> fragments,
            int shown, String note) {
        StringBuilder html = new StringBuilder();
        if (note != null) {
            html.append("<p class=\"note\">").append(HtmlReport.escape(note)).append("</p>");
        }
        if (scores != null && !scores.isEmpty()) {
            html.append(metricTable(scores));
        }
        html.append(legend());
        List<MolecularGraph> drawn = molecules.subList(0, Math.min(shown, molecules.size()));
        float[][] prob = Tensors.softmax(model.logits(drawn.stream().map(MolecularGraph::graph).toList(), 32));
        for (int i = 0; i < drawn.size(); i++) {
            MolecularGraph m = drawn.get(i);
            int label = m.graph().label(), predicted = Tensors.argmax(new float[][] {prob[i]})[0];
            String name = m.graph().id() == null || m.graph().id().equals(m.smiles()) ? m.smiles() : m.graph().id() + ": " + m.smiles();
            html.append(heading(name, model.classes(), label, predicted, prob[i][predicted]));
            if (!MoleculeDepiction.drawable(m.molecule())) {
                html.append(String.format(Locale.ROOT, "<p class=\"note\">Not drawn: %,d atoms (molecules of more than %d atoms are not"
                        + " depicted; their maps are in the output files).</p>", m.molecule().getAtomCount(), MoleculeDepiction.MAX_ATOMS));
                continue;
            }
            for (Map.Entry<String, List<GraphExplanation>> e : explanations.entrySet()) {
                GraphExplanation ex = e.getValue().get(i);
                html.append("<div class=\"row\">");
                for (int c = 0; c < ex.classes().size(); c++) {
                    String title = String.format(Locale.ROOT, "%s: %s p=%.2f", e.getKey(), ex.classes().get(c), prob[i][c]);
                    html.append(HtmlReport.figure(Images.dataUri(MoleculeDepiction.image(m.molecule(), ex.maps()[c], null, 260, 220)), title));
                }
                html.append("</div>");
            }
        }
        if (fragments != null) {
            html.append("<h3>Frequent salient substructures</h3>");
            for (Map.Entry<Integer, List<SalientSubstructures.Fragment>> e : fragments.entrySet()) {
                List<List<String>> rows = new ArrayList<>();
                for (SalientSubstructures.Fragment fr : e.getValue()) {
                    rows.add(List.of(fr.smiles(), Integer.toString(fr.molecules()), f(fr.fraction())));
                }
                html.append("<p>class ").append(HtmlReport.escape(model.classes().get(e.getKey()))).append("</p>")
                        .append(HtmlReport.table(List.of("fragment (SMILES)", "molecules", "fraction"), rows, null));
            }
        }
        report.addSection(id, heading, html.toString());
    }

    /**
     * Adds a section of generic graph drawings (FR layout, gt nodes outlined, node names shown), one row per graph
     * under its id, label and the model's prediction: per method the map of the graph's label, or of the predicted
     * class for a graph without one.
     *
     * @param explanations per method name, the explanations of {@code graphs} in order
     * @param shown how many graphs to draw
     * @param seed seed of the layout
     */
    public static void addGraphSection(HtmlReport report, String id, String heading, Gcn model, List<Graph> graphs,
            Map<String, List<GraphExplanation>> explanations, int shown, long seed) {
        StringBuilder html = new StringBuilder(legend()).append("<p class=\"note\">Ground-truth nodes (if the data has them) are outlined"
                + " in blue.</p>");
        List<Graph> drawn = graphs.subList(0, Math.min(shown, graphs.size()));
        float[][] prob = Tensors.softmax(model.logits(drawn, 32));
        int[] predicted = Tensors.argmax(prob);
        for (int i = 0; i < drawn.size(); i++) {
            Graph g = drawn.get(i);
            html.append(heading(g.id(), model.classes(), g.label(), predicted[i], prob[i][predicted[i]])).append("<div class=\"row\">");
            for (Map.Entry<String, List<GraphExplanation>> e : explanations.entrySet()) {
                GraphExplanation ex = e.getValue().get(i);
                int c = g.label() >= 0 ? g.label() : predicted[i];
                String title = e.getKey() + ": " + ex.classes().get(c);
                html.append(HtmlReport.figure(Images.dataUri(GraphDrawing.image(g, ex.maps()[c], null, 220, seed)), title));
            }
            html.append("</div>");
        }
        report.addSection(id, heading, html.toString());
    }

    /** The colour scale of molecule and graph pictures. */
    static String legend() {
        return HtmlReport.figure(Images.dataUri(MoleculeDepiction.colourBar(200, 30)), LEGEND_CAPTION);
    }

    static final String LEGEND_CAPTION = "normalised saliency M̂, 10 bins white → red";

    /** A graph's heading: {@code name (label L; predicted P, p=0.87)}, or {@code (no label; ...)}. */
    private static String heading(String name, List<String> classes, int label, int predicted, float p) {
        return "<h3>" + HtmlReport.escape(name) + " (" + HtmlReport.escape(label >= 0 ? "label " + classes.get(label) : "no label")
                + String.format(Locale.ROOT, "; predicted %s, p=%.2f", HtmlReport.escape(classes.get(predicted)), p) + ")</h3>";
    }
}

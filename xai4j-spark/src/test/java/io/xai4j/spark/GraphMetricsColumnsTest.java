package io.xai4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xai4j.core.metrics.MetricResult;
import io.xai4j.graph.chem.MolecularGraph;
import io.xai4j.graph.data.Graph;
import io.xai4j.graph.experiment.ExplanationEvaluation;
import io.xai4j.graph.explain.GraphExplainers;
import io.xai4j.graph.explain.GraphExplanation;
import io.xai4j.graph.metrics.ContrastivitySparsity;
import io.xai4j.graph.metrics.FidelityPlusMinus;
import io.xai4j.graph.model.Gcn;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The per-graph metrics of {@code graph-explain --metrics} against the graph metric classes, the job's summary, and the option's error. */
@Tag("spark")
class GraphMetricsColumnsTest {

    private static final List<String> METHODS = List.of("gradcam", "ceb", "cg");
    /** Every metric, not in the order of {@code PerGraphMetrics}: the columns follow the order asked for. */
    private static final List<String> METRICS = List.of("fidelity_plus", "fidelity_minus", "contrastivity_union", "contrastivity_nodes",
            "sparsity_union", "sparsity_classavg");
    /** {@code graph evaluate}'s default τ. */
    private static final double TAU = 0.01;

    @TempDir
    Path dir;

    /**
     * Eight molecules and one SMILES CDK refuses, on two partitions in batches of 2: each row's six metrics equal
     * {@code FidelityPlusMinus} (model mode, τ = 0.01, no top-k) and {@code ContrastivitySparsity} (classes 0 and 1,
     * τ = 0.01) called in this process on all molecules' explanations at once, and those equal {@code graph evaluate}'s
     * per-graph values ({@code ExplanationEvaluation.score}); the error row's metrics are null.
     */
    @Test
    void everyRowsMetricsEqualTheGraphMetricClassesOnTheSameMapsRowForRow() throws Exception {
        Path model = Fixtures.sensitiveGcnFile(dir);
        Map<String, double[]> expected = singleProcess(model);
        List<Row> rows = GraphExplanations.builder().setModel(model).optMethods(METHODS).optBatchSize(2).optMetrics(METRICS).build()
                .explain(molecules().repartition(2)).collectAsList();

        Map<String, Row> actual = new HashMap<>();
        List<Row> errors = new ArrayList<>();
        for (Row r : rows) {
            if (r.isNullAt(r.fieldIndex("method"))) {
                errors.add(r);
                continue;
            }
            assertNull(actual.put(r.getString(0) + " " + r.getString(1), r), "a second row for " + r.getString(0) + " " + r.getString(1));
        }
        assertEquals(expected.keySet(), actual.keySet(), "one row per readable molecule and method");
        for (Map.Entry<String, double[]> e : expected.entrySet()) {
            Row got = actual.get(e.getKey());
            for (int k = 0; k < METRICS.size(); k++) {
                assertEquals(e.getValue()[k], got.getDouble(got.fieldIndex(METRICS.get(k))), 1e-12, e.getKey() + " " + METRICS.get(k));
            }
        }
        for (int k = 0; k < METRICS.size(); k++) {
            Set<Double> values = new HashSet<>();
            for (String smiles : smiles()) {
                values.add(expected.get(smiles + " gradcam")[k]);
            }
            assertTrue(values.size() > (k < 2 ? 1 : 3), METRICS.get(k) + " differs between Grad-CAM's molecules, so a row given another"
                    + " molecule's value fails: " + values);
        }

        assertEquals(1, errors.size(), "one error row for the unreadable SMILES: " + errors);
        for (String m : METRICS) {
            assertTrue(errors.get(0).isNullAt(errors.get(0).fieldIndex(m)), m + " is null on an error row: " + errors.get(0));
        }
    }

    /** The job's summary (written as JSON lines, read back): per method and target class the count, mean target score and mean of each metric. */
    @Test
    void theSummaryHoldsTheMeansOfTheWrittenRows() {
        Path model = Fixtures.sensitiveGcnFile(dir);
        GraphExplanations job = GraphExplanations.builder().setModel(model).optMethods(METHODS).optBatchSize(2).optMetrics(METRICS).build();
        assertEquals(METRICS, job.metrics(), "the columns in the order asked for");
        Path out = dir.resolve("explained.json");
        List<Row> summary = SparkExplainJob.write(LocalSpark.session(), job.explain(molecules().repartition(2)), out, "json", "graphs",
                job.metrics());

        Map<String, List<Row>> groups = new HashMap<>();
        for (Row r : LocalSpark.session().read().schema(job.schema()).json(out.toString()).collectAsList()) {
            if (r.isNullAt(r.fieldIndex("error"))) {
                groups.computeIfAbsent(r.getString(r.fieldIndex("method")) + " " + r.getString(r.fieldIndex("target")), k -> new ArrayList<>()).add(r);
            }
        }
        assertEquals(2 * METHODS.size(), groups.size(), "two target classes per method: " + groups.keySet());
        assertEquals(groups.size(), summary.size(), "one summary row per method and target class: " + summary);
        for (Row s : summary) {
            String key = s.getString(s.fieldIndex("method")) + " " + s.getString(s.fieldIndex("target"));
            List<Row> group = groups.get(key);
            assertEquals(group.size(), s.getLong(s.fieldIndex("explanations")), key);
            double score = group.stream().mapToDouble(r -> r.getFloat(r.fieldIndex("targetScore"))).average().orElseThrow();
            assertEquals(score, s.getDouble(s.fieldIndex("meanTargetScore")), 1e-6, key + " mean target score");
            for (String m : METRICS) {
                double mean = group.stream().mapToDouble(r -> r.getDouble(r.fieldIndex(m))).average().orElseThrow();
                assertEquals(mean, s.getDouble(s.fieldIndex("mean_" + m)), 1e-12, key + " mean " + m);
            }
        }
    }

    /**
     * A name that is not a per-graph metric without labels (here the occlusion fidelity, which compares with the true labels)
     * fails on the driver before Spark starts, in one line naming the option and listing the supported names.
     */
    @Test
    void anUnknownMetricIsOneLineBeforeAnyTask() {
        Path model = Fixtures.gcnFile(dir);
        String unknown = "--metrics fidelity: not a graph metric of the Spark job; supported: contrastivity_union, contrastivity_nodes,"
                + " sparsity_union, sparsity_classavg, fidelity_plus, fidelity_minus";
        assertEquals(unknown, assertThrows(IllegalArgumentException.class,
                () -> GraphExplanations.builder().setModel(model).optMetrics(List.of("fidelity_plus", "fidelity")).build()).getMessage());

        StringWriter err = new StringWriter();
        CommandLine cli = SparkExplainJob.commandLine();
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute("graph-explain", "--model", model.toString(), "--metrics", "fidelity_plus,fidelity", "--input",
                dir.resolve("molecules.smi").toString(), "--output", dir.resolve("out").toString(), "--master", "local[1]");
        assertEquals(2, code, err.toString());
        assertEquals("xai4j-spark graph-explain: " + unknown, err.toString().strip());
        assertFalse(Files.exists(dir.resolve("out")), "nothing written");
    }

    /** The molecules in input order: the readable ones, with an unreadable SMILES in the middle. */
    private static List<String> inputSmiles() {
        List<String> all = new ArrayList<>(smiles());
        all.add(3, Fixtures.BAD_SMILES.get(0));
        return all;
    }

    private static List<String> smiles() {
        List<String> all = new ArrayList<>(Fixtures.SMILES);
        all.addAll(Fixtures.MORE_SMILES);
        return all;
    }

    private static Dataset<Row> molecules() {
        return LocalSpark.session().createDataset(inputSmiles(), Encoders.STRING()).toDF("smiles");
    }

    /**
     * The reference: every method on all readable molecules in one call, and the graph metric classes called directly on
     * its explanations; by "SMILES method", the values in the order of {@link #METRICS}. Also checks that these are
     * {@code graph evaluate}'s per-graph values.
     */
    private static Map<String, double[]> singleProcess(Path model) throws Exception {
        Map<String, double[]> out = new HashMap<>();
        List<Graph> graphs = new ArrayList<>();
        for (String s : smiles()) {
            graphs.add(MolecularGraph.of(s, -1, 0).graph());
        }
        try (Gcn gcn = Gcn.load(model)) {
            for (String method : METHODS) {
                List<GraphExplanation> ex = GraphExplainers.named(method, gcn, 32).explain(graphs);
                FidelityPlusMinus.Result pm = FidelityPlusMinus.compute(gcn, graphs, ex, TAU, 0, FidelityPlusMinus.Mode.MODEL, 32);
                Map<String, MetricResult> cs = ContrastivitySparsity.compute(ex, null, TAU);
                Map<String, double[]> values = new HashMap<>();
                values.put("fidelity_plus", pm.plusPerGraph().values());
                values.put("fidelity_minus", pm.minusPerGraph().values());
                cs.forEach((name, r) -> values.put(name, r.values()));
                Map<String, double[]> evaluate = ExplanationEvaluation.score(gcn, graphs, method, ex, TAU, 32).perGraph();
                for (String m : METRICS) {
                    assertEquals(java.util.Arrays.toString(values.get(m)), java.util.Arrays.toString(evaluate.get(m)), method + " " + m
                            + ": graph evaluate's per-graph values");
                }
                for (int i = 0; i < graphs.size(); i++) {
                    double[] row = new double[METRICS.size()];
                    for (int k = 0; k < row.length; k++) {
                        row[k] = values.get(METRICS.get(k))[i];
                    }
                    out.put(graphs.get(i).id() + " " + method, row);
                }
            }
        }
        return out;
    }
}

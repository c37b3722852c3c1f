package io.xai4j.spark;

import io.xai4j.core.io.Json;
import io.xai4j.core.metrics.MetricResult;
import io.xai4j.graph.chem.MolecularGraph;
import io.xai4j.graph.chem.MoleculeRejectedException;
import io.xai4j.graph.data.Graph;
import io.xai4j.graph.data.GraphJsonLines;
import io.xai4j.graph.explain.GraphExplainer;
import io.xai4j.graph.explain.GraphExplainers;
import io.xai4j.graph.explain.GraphExplanation;
import io.xai4j.graph.experiment.PerGraphMetrics;
import io.xai4j.graph.model.Gcn;
import io.xai4j.graph.model.GraphBatch;
import java.io.IOException;
import java.io.Serializable;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Graph explanations as a Spark job: every row of a {@code Dataset<Row>} with a SMILES column (or a column of graphs,
 * one JSON object per row as a line of docs/methods/graph-input.md) becomes one row per method with the explanation that
 * {@code xai4j graph explain} computes ({@link GraphExplainers#named} on a {@link Gcn} checkpoint, {@link GraphExplainer#explain}
 * with {@link GraphBatch.Batching#AUTO}): the target (the predicted class), its score, the raw node maps of every class
 * and the method's parameters.
 *
 * <p>As for images ({@link ImageExplanations}): the checkpoint is broadcast and loaded once per executor task slot, rows
 * are explained {@code batchSize} at a time inside {@code mapPartitions}, and a SMILES that CDK cannot read (or a graph line
 * that is not valid, or has another number of node features than the model) gives one row with its message in
 * {@code error}, never a failed job.
 *
 * <p>With {@link Builder#optMetrics} each row also carries the per-graph metrics of {@code xai4j graph evaluate} that need
 * no label ({@link PerGraphMetrics}: the same classes and settings, τ = {@value PerGraphMetrics#TAU}, on the same maps), one
 * double column per metric; the model's scores on a batch are computed once for every method, as {@code graph evaluate}
 * does for its graphs.
 */
public final class GraphExplanations {

    /** What the graph column holds. */
    public enum Format {
        /** A molecule as SMILES, featurised as {@code graph explain --smiles} does (75 features per atom). */
        SMILES,
        /** A graph as one JSON object, a line of docs/methods/graph-input.md without a meta line (undirected). */
        JSON;

        /** The format named {@code name} (case-insensitive). */
        public static Format parse(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("graph format '" + name + "': expected smiles or json", e);
            }
        }
    }

    /** The metrics a job can add to its rows ({@link PerGraphMetrics#WITHOUT_GROUND_TRUTH}). */
    public static final List<String> METRICS = PerGraphMetrics.WITHOUT_GROUND_TRUTH;

    /**
     * The output rows without metrics: one per graph and method, or one per unreadable graph; {@link #schema()} adds a
     * column per requested metric.
     */
    public static final StructType SCHEMA = new StructType(new StructField[] {
        field("id", DataTypes.StringType),
        field("method", DataTypes.StringType),
        field("title", DataTypes.StringType),
        field("target", DataTypes.StringType),
        field("targetIndex", DataTypes.IntegerType),
        field("targetScore", DataTypes.FloatType),
        field("nodes", DataTypes.createArrayType(DataTypes.StringType, true)),
        field("raw", DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.FloatType, false), false)),
        field("params", DataTypes.StringType),
        field("error", DataTypes.StringType)});

    private final Path model;
    private final Settings settings;

    private GraphExplanations(Builder b, List<String> metrics) {
        this.model = b.model;
        this.settings = new Settings(List.copyOf(b.methods), b.batchSize, b.format, b.graphColumn, b.idColumn, metrics);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The rows this job writes: {@link #SCHEMA}, then one nullable double column per requested metric, named by the
     * metric, in the order asked for (null on error rows).
     */
    public StructType schema() {
        return ImageExplanations.withMetricColumns(SCHEMA, settings.metrics());
    }

    /** The metrics the rows carry, in column order. */
    public List<String> metrics() {
        return settings.metrics();
    }

    /**
     * The explanations of the graphs of {@code rows} ({@link #schema()}); lazy like any Spark transformation.
     *
     * @throws IllegalArgumentException before any task runs: a missing column or one of another type, a missing or
     *     unreadable checkpoint, a method name the graph registry does not know
     */
    public Dataset<Row> explain(Dataset<Row> rows) {
        StructType in = rows.schema();
        int graph = ImageExplanations.column(in, settings.graphColumn(), DataTypes.StringType,
                settings.format() == Format.SMILES ? "a molecule as SMILES" : "a graph as one JSON object");
        int id = settings.idColumn() == null ? -1 : ImageExplanations.column(in, settings.idColumn(), DataTypes.StringType, "each graph's id");
        try (Gcn gcn = Gcn.load(model)) { // a checkpoint that cannot be read, or a method it cannot support, fails here
            settings.methods().forEach(m -> GraphExplainers.named(m, gcn, settings.batchSize()));
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        ModelBytes bytes = ModelBytes.broadcast(rows.sparkSession(), model);
        return rows.mapPartitions(new Partition(bytes, settings, graph, id), Encoders.row(schema()));
    }

    /** The settings of a job, as they travel to the executors. */
    record Settings(List<String> methods, int batchSize, Format format, String graphColumn, String idColumn, List<String> metrics)
            implements Serializable {}

    /** One executor's checkpoint and the job's explainers (registry name → explainer). */
    private record Loaded(Gcn gcn, Map<String, GraphExplainer> explainers) {
        static Loaded of(Path file, Settings s) {
            Gcn gcn = Gcn.load(file); // lives as long as the executor keeps it
            Map<String, GraphExplainer> explainers = new LinkedHashMap<>();
            s.methods().forEach(m -> explainers.put(m, GraphExplainers.named(m, gcn, s.batchSize())));
            return new Loaded(gcn, explainers);
        }
    }

    private static final class Partition implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final ModelBytes model;
        private final Settings settings;
        private final int graph;
        private final int id;

        Partition(ModelBytes model, Settings settings, int graph, int id) {
            this.model = model;
            this.settings = settings;
            this.graph = graph;
            this.id = id;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            Loaded m = ExecutorModels.borrow(model.sha256() + " " + settings, () -> Loaded.of(model.localFile(), settings));
            return new Batches(rows, settings.batchSize(), batch -> explainBatch(m, batch));
        }

        private List<Row> explainBatch(Loaded m, List<Row> batch) {
            List<String> metrics = settings.metrics();
            int width = SCHEMA.size() + metrics.size();
            List<Row> out = new ArrayList<>();
            List<Graph> graphs = new ArrayList<>(batch.size());
            for (Row r : batch) {
                String text = r.isNullAt(graph) ? null : r.getString(graph);
                String name = id >= 0 && !r.isNullAt(id) ? r.getString(id) : text;
                try {
                    Graph g = parse(text, name);
                    if (g.featureDim() != m.gcn().inputDim()) {
                        throw new IllegalArgumentException("graph " + name + " has " + g.featureDim() + " features per node, the model "
                                + model.name() + " expects " + m.gcn().inputDim());
                    }
                    graphs.add(g);
                } catch (IllegalArgumentException | MoleculeRejectedException e) {
                    Object[] error = new Object[width];
                    error[0] = name;
                    error[SCHEMA.fieldIndex("error")] = e.getMessage();
                    out.add(RowFactory.create(error));
                }
            }
            if (graphs.isEmpty()) {
                return out;
            }
            PerGraphMetrics scorer = PerGraphMetrics.of(metrics);
            // the model's scores on the unmodified graphs, once for every method (as graph evaluate computes its predictions)
            float[][] logits = metrics.isEmpty() ? null : m.gcn().logits(graphs, settings.batchSize());
            for (Map.Entry<String, GraphExplainer> e : m.explainers().entrySet()) {
                List<GraphExplanation> ex = e.getValue().explain(graphs, GraphBatch.Batching.AUTO);
                Map<String, MetricResult> scores = scorer.evaluate(m.gcn(), graphs, logits, ex, PerGraphMetrics.TAU, settings.batchSize());
                for (int i = 0; i < ex.size(); i++) {
                    GraphExplanation x = ex.get(i);
                    int target = x.targets()[0];
                    String[] nodes = graphs.get(i).nodeNames();
                    Object[] row = new Object[width];
                    Object[] fields = {x.graphId(), e.getKey(), x.method(), x.classes().get(target), target, x.targetScores()[0], nodes, x.raw(),
                        Json.withNullForNaN(x.params()).toString(), null};
                    System.arraycopy(fields, 0, row, 0, fields.length);
                    for (int k = 0; k < metrics.size(); k++) {
                        row[SCHEMA.size() + k] = scores.get(metrics.get(k)).values()[i];
                    }
                    out.add(RowFactory.create(row));
                }
            }
            return out;
        }

        private Graph parse(String text, String name) throws MoleculeRejectedException {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("column '" + settings.graphColumn() + "' is empty; expected "
                        + (settings.format() == Format.SMILES ? "a SMILES" : "a graph as one JSON object"));
            }
            if (settings.format() == Format.SMILES) {
                try {
                    return MolecularGraph.of(text, name, -1, 0).graph();
                } catch (MoleculeRejectedException e) {
                    throw new MoleculeRejectedException("SMILES '" + text + "' is not a molecule CDK can read: " + e.getMessage());
                }
            }
            try {
                Graph g = GraphJsonLines.read(name == null ? "graph" : name, new StringReader(text)).graphs().get(0);
                return id >= 0 && name != null && !name.equals(g.id())
                        ? new Graph(name, g.x(), g.edges(), g.directed(), g.label(), g.nodeNames(), g.groundTruth(), g.positions()) : g;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static StructField field(String name, DataType type) {
        return DataTypes.createStructField(name, type, true);
    }

    /** Builder: {@code setModel} required; the other settings default to {@code xai4j graph explain}'s. */
    public static final class Builder {
        private Path model;
        private List<String> methods = GraphExplainers.registry().defaultNames();
        private int batchSize = 32;
        private Format format = Format.SMILES;
        private String graphColumn = "smiles";
        private String idColumn;
        private List<String> metrics = List.of();

        private Builder() {}

        /** A GCN checkpoint ({@code graph train}), read on the driver. */
        public Builder setModel(Path checkpoint) {
            this.model = checkpoint;
            return this;
        }

        /** Method names or aliases of the graph registry; default its default set (Pope et al.'s six). */
        public Builder optMethods(List<String> names) {
            this.methods = List.copyOf(new java.util.LinkedHashSet<>(GraphExplainers.registry().canonical(names)));
            return this;
        }

        /** Graphs per batch (default 32, as {@code graph explain}). */
        public Builder optBatchSize(int n) {
            this.batchSize = ImageExplanations.atLeastOne("batch size", n);
            return this;
        }

        /** The string column of graphs and what it holds (default {@code smiles}, SMILES). */
        public Builder optGraphColumn(String column, Format format) {
            this.graphColumn = column;
            this.format = format;
            return this;
        }

        /** A string column naming each graph (default: the SMILES, or the JSON object's {@code id}). */
        public Builder optIdColumn(String column) {
            this.idColumn = column;
            return this;
        }

        /**
         * Per-graph metrics added to every row as double columns named by the metric ({@code --metrics}): any of
         * {@link #METRICS}. Default none (the rows are {@link #SCHEMA}).
         */
        public Builder optMetrics(List<String> names) {
            this.metrics = List.copyOf(names);
            return this;
        }

        /** @throws IllegalArgumentException without a model, or for a metric name not in {@link #METRICS} (naming the option) */
        public GraphExplanations build() {
            if (model == null) {
                throw new IllegalArgumentException("no model: call setModel with a GCN checkpoint (.gcn)");
            }
            for (String m : metrics) {
                if (!METRICS.contains(m)) {
                    throw new IllegalArgumentException("--metrics " + m + ": not a graph metric of the Spark job; supported: "
                            + String.join(", ", METRICS));
                }
            }
            return new GraphExplanations(this, List.copyOf(new java.util.LinkedHashSet<>(metrics)));
        }
    }
}

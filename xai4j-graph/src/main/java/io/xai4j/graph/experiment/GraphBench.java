package io.xai4j.graph.experiment;

import io.xai4j.graph.chem.MoleculeDataset;
import io.xai4j.graph.chem.MoleculeFeaturizer;
import io.xai4j.graph.data.Graph;
import io.xai4j.graph.explain.GraphExplainer;
import io.xai4j.graph.explain.GraphExplainers;
import io.xai4j.graph.model.Gcn;
import io.xai4j.graph.model.GcnTrainer;
import io.xai4j.graph.model.GraphBatch;
import io.xai4j.graph.model.TrainingConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Throughput of GCN training and of each explainer on BBBP molecules (the {@code bench} command). */
public final class GraphBench {

    /**
     * @param molecules molecules used
     * @param batchSize graphs per batch
     * @param layout padded or sparse batches
     * @param threads PyTorch intra-op threads are left at the engine default; the JVM's processors are reported
     * @param trainMoleculesPerSecond training throughput (forward + backward + Adam)
     * @param explainMoleculesPerSecond per method, molecules explained per second (all classes)
     */
    public record Result(int molecules, int batchSize, GraphBatch.Layout layout, int threads, double trainMoleculesPerSecond,
            Map<String, Double> explainMoleculesPerSecond) {}

    private GraphBench() {}

    /** Times one training epoch over {@code molecules} BBBP graphs and one explanation pass per method (after a warm-up). */
    public static Result run(int molecules, int batchSize, long seed, GraphBatch.Batching batching) {
        List<Graph> all = MoleculeDataset.bbbp().graphs();
        if (molecules < 1 || molecules > all.size()) {
            throw new IllegalArgumentException("molecules must be 1.." + all.size() + " (the parsed BBBP molecules), got " + molecules);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        List<Graph> graphs = new ArrayList<>(all.subList(0, molecules));
        try (Gcn model = Gcn.create(MoleculeFeaturizer.FEATURES, Gcn.DEFAULT_WIDTHS, List.of("0", "1"), seed)) {
            TrainingConfig cfg = new TrainingConfig(1, batchSize, 1e-3, seed, false, false, false, batching);
            GcnTrainer.train(model, graphs.subList(0, Math.min(64, molecules)), List.of(), cfg);
            GcnTrainer.TrainingResult tr = GcnTrainer.train(model, graphs, List.of(), cfg);
            Map<String, Double> rates = new LinkedHashMap<>();
            for (GraphExplainer m : GraphExplainers.pope2019(model, batchSize)) {
                m.explain(graphs.subList(0, Math.min(batchSize, molecules)), batching);
                long t0 = System.nanoTime();
                m.explain(graphs, batching);
                rates.put(m.method(), molecules / ((System.nanoTime() - t0) / 1e9));
            }
            return new Result(molecules, batchSize, batching.resolve(graphs.subList(0, Math.min(batchSize, molecules))), Runtime.getRuntime().availableProcessors(), tr.graphsPerSecond(), rates);
        }
    }

    /**
     * One large random graph (a random recursive tree plus {@code nodes} random extra edges, 10 features
     * uniform in [0, 1), seeded) through an untrained default-width GCN: seconds per explainer for all
     * classes. This is what the sparse layout is for; the padded Â of such a graph alone would take
     * nodes² · 4 bytes.
     */
    public static Map<String, Double> largeGraph(int nodes, long seed, GraphBatch.Batching batching) {
        java.util.Random rnd = new java.util.Random(seed);
        float[][] x = new float[nodes][10];
        for (float[] row : x) {
            for (int k = 0; k < row.length; k++) {
                row[k] = rnd.nextFloat();
            }
        }
        List<io.xai4j.graph.data.Edge> edges = new ArrayList<>();
        for (int i = 1; i < nodes; i++) {
            edges.add(io.xai4j.graph.data.Edge.of(rnd.nextInt(i), i));
        }
        for (int t = 0; t < nodes; t++) {
            edges.add(io.xai4j.graph.data.Edge.of(rnd.nextInt(nodes), rnd.nextInt(nodes)));
        }
        List<Graph> one = List.of(Graph.of("random-" + nodes, x, edges, 0));
        Map<String, Double> seconds = new LinkedHashMap<>();
        try (Gcn model = Gcn.create(10, Gcn.DEFAULT_WIDTHS, List.of("0", "1"), seed)) {
            long t0 = System.nanoTime();
            model.logits(one, null, 1, batching);
            seconds.put("forward", (System.nanoTime() - t0) / 1e9);
            for (GraphExplainer m : GraphExplainers.pope2019(model, 1)) {
                long t = System.nanoTime();
                m.explain(one, batching);
                seconds.put(m.method(), (System.nanoTime() - t) / 1e9);
            }
        }
        return seconds;
    }
}

package io.xai4j.graph.experiment;

import io.xai4j.graph.chem.MoleculeDataset;
import io.xai4j.graph.chem.MoleculeFeaturizer;
import io.xai4j.graph.data.Graph;
import io.xai4j.graph.explain.GraphExplainer;
import io.xai4j.graph.explain.GraphExplainers;
import io.xai4j.graph.model.Gcn;
import io.xai4j.graph.model.GcnTrainer;
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
     * @param threads PyTorch intra-op threads are left at the engine default; the JVM's processors are reported
     * @param trainMoleculesPerSecond training throughput (forward + backward + Adam)
     * @param explainMoleculesPerSecond per method, molecules explained per second (all classes)
     */
    public record Result(int molecules, int batchSize, int threads, double trainMoleculesPerSecond, Map<String, Double> explainMoleculesPerSecond) {}

    private GraphBench() {}

    /** Times one training epoch over {@code molecules} BBBP graphs and one explanation pass per method (after a warm-up). */
    public static Result run(int molecules, int batchSize, long seed) {
        List<Graph> graphs = new ArrayList<>(MoleculeDataset.bbbp().graphs().subList(0, molecules));
        try (Gcn model = Gcn.create(MoleculeFeaturizer.FEATURES, Gcn.DEFAULT_WIDTHS, List.of("0", "1"), seed)) {
            TrainingConfig cfg = new TrainingConfig(1, batchSize, 1e-3, seed, false, false);
            GcnTrainer.train(model, graphs.subList(0, Math.min(64, molecules)), List.of(), cfg);
            GcnTrainer.TrainingResult tr = GcnTrainer.train(model, graphs, List.of(), cfg);
            Map<String, Double> rates = new LinkedHashMap<>();
            for (GraphExplainer m : GraphExplainers.pope2019(batchSize)) {
                m.explain(model, graphs.subList(0, Math.min(batchSize, molecules)));
                long t0 = System.nanoTime();
                m.explain(model, graphs);
                rates.put(m.method(), molecules / ((System.nanoTime() - t0) / 1e9));
            }
            return new Result(molecules, batchSize, Runtime.getRuntime().availableProcessors(), tr.graphsPerSecond(), rates);
        }
    }
}

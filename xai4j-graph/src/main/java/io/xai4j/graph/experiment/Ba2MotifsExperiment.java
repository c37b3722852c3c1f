package io.xai4j.graph.experiment;

import io.xai4j.graph.data.Graph;
import io.xai4j.graph.data.Split;
import io.xai4j.graph.explain.GraphExplainer;
import io.xai4j.graph.explain.GraphExplainers;
import io.xai4j.graph.explain.GraphExplanation;
import io.xai4j.graph.metrics.FidelityPlusMinus;
import io.xai4j.graph.metrics.GroundTruthAccuracy;
import io.xai4j.graph.model.ClassificationMetrics;
import io.xai4j.graph.model.Gcn;
import io.xai4j.graph.model.GcnTrainer;
import io.xai4j.graph.model.TrainingConfig;
import io.xai4j.graph.synth.Ba2Motifs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The planted-motif protocol of gcnn.md §9: BA-2Motifs (1000 graphs), random 80/10/10 split, the §2
 * GCN, and explanation accuracy (node AUROC, precision@5) plus fidelity± of the six methods on the
 * correctly classified test graphs, explaining the true class.
 *
 * <p>The §2 GCN learns this data set only with class-stratified mini-batches
 * ({@link TrainingConfig#stratifiedBatches()}); with the freely shuffled order of §2 it stays at
 * loss ln 2 (docs/graph.md, "Planted motifs").
 */
public final class Ba2MotifsExperiment {

    private static final Logger LOG = LoggerFactory.getLogger(Ba2MotifsExperiment.class);

    /**
     * Scores of one method; {@code nodeAurocByClass[c]} is the node AUROC over the graphs of true class
     * c only (NaN when there are none).
     */
    public record MethodAccuracy(String method, double nodeAuroc, int aurocUndefined, double precisionAt5, double fidelityPlus,
            double fidelityMinus, double characterization, double[] nodeAurocByClass) {}

    /** The whole run, with the per-epoch training log (mean loss, validation ROC-AUC and accuracy). */
    public record Result(long seed, TrainingConfig config, double testAccuracy, int testGraphs, int correctlyClassified,
            double trainSeconds, List<MethodAccuracy> methods, List<GcnTrainer.EpochLog> epochs) {}

    private Ba2MotifsExperiment() {}

    public static Result run(long seed, TrainingConfig config, Path checkpoint) {
        List<Graph> graphs = Ba2Motifs.generate(seed);
        Split split = Split.random(graphs.size(), 0.8, 0.1, seed);
        List<Graph> train = Split.select(graphs, split.train());
        List<Graph> valid = Split.select(graphs, split.valid());
        List<Graph> test = Split.select(graphs, split.test());
        try (Gcn model = Gcn.create(Ba2Motifs.FEATURES, Gcn.DEFAULT_WIDTHS, Ba2Motifs.CLASSES, seed)) {
            GcnTrainer.TrainingResult tr = GcnTrainer.train(model, train, valid, config);
            if (checkpoint != null) {
                model.save(checkpoint);
            }
            int[] pred = model.predict(test, 64);
            double acc = ClassificationMetrics.accuracy(pred, GcnTrainer.labels(test));
            List<Graph> correct = new ArrayList<>();
            for (int i = 0; i < test.size(); i++) {
                if (pred[i] == test.get(i).label()) {
                    correct.add(test.get(i));
                }
            }
            LOG.info("BA-2Motifs test accuracy {} ({} of {} correct)", acc, correct.size(), test.size());
            List<MethodAccuracy> methods = new ArrayList<>();
            for (GraphExplainer m : GraphExplainers.pope2019(32)) {
                methods.add(score(model, correct, m));
            }
            return new Result(seed, config, acc, test.size(), correct.size(), tr.seconds(), methods, tr.epochs());
        }
    }

    static MethodAccuracy score(Gcn model, List<Graph> graphs, GraphExplainer method) {
        List<GraphExplanation> ex = method.explain(model, graphs);
        var auroc = GroundTruthAccuracy.nodeAuroc(graphs, ex);
        var p5 = GroundTruthAccuracy.precisionAtK(graphs, ex, 5);
        var pm = FidelityPlusMinus.compute(model, graphs, ex, 0.01, 0, FidelityPlusMinus.Mode.MODEL, 64);
        LOG.info("{}: node AUROC {} precision@5 {}", method.method(), auroc.mean(), p5.mean());
        double[] byClass = new double[model.numClasses()];
        for (int c = 0; c < byClass.length; c++) {
            double sum = 0;
            int n = 0;
            for (int i = 0; i < graphs.size(); i++) {
                double v = auroc.values()[i];
                if (graphs.get(i).label() == c && !Double.isNaN(v)) {
                    sum += v;
                    n++;
                }
            }
            byClass[c] = n == 0 ? Double.NaN : sum / n;
        }
        return new MethodAccuracy(method.method(), auroc.mean(), auroc.nUndefined(), p5.mean(), pm.fidelityPlus(), pm.fidelityMinus(),
                pm.characterization(), byClass);
    }
}

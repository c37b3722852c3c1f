package io.xai4j.graph.experiment;

import io.xai4j.core.runtime.Tensors;
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
import io.xai4j.graph.model.GraphBatch;
import io.xai4j.graph.model.TrainingConfig;
import io.xai4j.graph.synth.Ba2Motifs;
import io.xai4j.graph.synth.Ba3MotifsNull;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Train a GCN on labelled graphs and explain its test graphs: a seeded random 80/10/10 split, the GCN of
 * docs/methods/gcn.md, test accuracy, and per method fidelity± on the correctly classified test graphs, explaining the
 * true class. Where every graph carries ground-truth node marks (planted motifs, or the {@code gt}
 * field of the JSON-lines format) the explanation accuracy is scored too (node AUROC, precision@5).
 *
 * <p>{@link #ba2motifs} is the planted-motif protocol of docs/methods/ba2motifs.md (BA-2Motifs, 1000 graphs). The GCN
 * learns that data set only with class-stratified mini-batches
 * ({@link TrainingConfig#stratifiedBatches()}); with the official freely shuffled order (docs/methods/gcn.md#training) it stays at
 * loss ln 2 (docs/graph.md, "Planted motifs"). {@link #run} does the same for any graphs, e.g. a
 * JSON-lines file ({@code xai4j graph train --input}).
 */
public final class GraphDataExperiment {

    private static final Logger LOG = LoggerFactory.getLogger(GraphDataExperiment.class);

    /**
     * Scores of one method; {@code nodeAurocByClass[c]} is the node AUROC over the graphs of true class
     * c only (NaN when there are none). Ground-truth scores are NaN when the graphs carry no marks. Node AUROC and
     * precision@5 are means over the graphs with a motif: a graph without ground-truth nodes (BA-3Motifs-null's "none")
     * has no AUROC (a single ground-truth class, docs/methods/graph-metrics.md#ground-truth-accuracy) and no motif to find.
     */
    public record MethodAccuracy(String method, double nodeAuroc, int aurocUndefined, double precisionAt5, double fidelityPlus,
            double fidelityMinus, double characterization, double[] nodeAurocByClass) {}

    /**
     * The whole run, with the per-epoch training log (mean loss, validation loss, ROC-AUC and accuracy); {@code dataSeed}
     * drew the split (and the generated graphs), {@code seed} the initialisation and the batches; {@code selectedEpoch} is
     * the epoch whose weights were tested (the last, or the best validation-loss one with {@link TrainingConfig#bestValid()}).
     */
    public record Result(String dataset, List<String> classes, long seed, long dataSeed, int[] widths, TrainingConfig config, double testAccuracy, int testGraphs,
            int correctlyClassified, double trainSeconds, List<MethodAccuracy> methods, List<GcnTrainer.EpochLog> epochs, int selectedEpoch) {}

    private GraphDataExperiment() {}

    /** BA-2Motifs (docs/methods/ba2motifs.md) generated with {@code seed}, the official widths. */
    public static Result ba2motifs(long seed, TrainingConfig config, Path checkpoint) {
        return ba2motifs(seed, Gcn.DEFAULT_WIDTHS, config, checkpoint);
    }

    /** BA-2Motifs (docs/methods/ba2motifs.md) generated with {@code seed}, a GCN with layer widths {@code widths}. */
    public static Result ba2motifs(long seed, int[] widths, TrainingConfig config, Path checkpoint) {
        return ba2motifs(seed, seed, widths, config, checkpoint);
    }

    /**
     * BA-2Motifs generated and split with {@code dataSeed}, the GCN initialised and trained with {@code seed}, so that
     * runs over model seeds on one data draw separate the initialisation's variance from the data's.
     */
    public static Result ba2motifs(long dataSeed, long seed, int[] widths, TrainingConfig config, Path checkpoint) {
        return run("BA-2Motifs", Ba2Motifs.generate(dataSeed), Ba2Motifs.CLASSES, widths, dataSeed, seed, config, checkpoint);
    }

    /**
     * BA-3Motifs-null (docs/methods/ba2motifs.md#ba-3motifs-null: house, 5-cycle, no motif) generated and split with {@code dataSeed}, the GCN initialised and
     * trained with {@code seed}.
     */
    public static Result ba3null(long dataSeed, long seed, int[] widths, TrainingConfig config, Path checkpoint) {
        return run("BA-3Motifs-null", Ba3MotifsNull.generate(dataSeed), Ba3MotifsNull.CLASSES, widths, dataSeed, seed, config, checkpoint);
    }

    /** {@link #run(String, List, List, int[], long, long, TrainingConfig, Path)} with one seed for the split and the model. */
    public static Result run(String name, List<Graph> graphs, List<String> classes, int[] widths, long seed, TrainingConfig config,
            Path checkpoint) {
        return run(name, graphs, classes, widths, seed, seed, config, checkpoint);
    }

    /**
     * @param name data set name for logs and the result
     * @param graphs labelled graphs (label in 0..classes−1), all with the same feature dimension
     * @param classes class names
     * @param widths GCN layer widths
     * @param splitSeed seed of the random 80/10/10 split
     * @param seed seed of the initialisation
     * @param config training settings (its own seed draws the batches)
     * @param checkpoint where to save the trained model, or null; the training state is kept beside it
     *     ({@code .ckpt}) after every epoch, and a killed run resumes from it
     */
    public static Result run(String name, List<Graph> graphs, List<String> classes, int[] widths, long splitSeed, long seed,
            TrainingConfig config, Path checkpoint) {
        for (Graph g : graphs) {
            if (g.label() < 0) {
                throw new IllegalArgumentException(name + ": graph " + g.id() + " has no label; training needs one on every graph");
            }
            if (g.label() >= classes.size()) {
                throw new IllegalArgumentException(name + ": graph " + g.id() + " has label " + g.label() + ", expected 0.."
                        + (classes.size() - 1) + " (" + classes + ")");
            }
        }
        if (graphs.size() < 10) {
            throw new IllegalArgumentException(name + ": " + graphs.size() + " graphs are too few for an 80/10/10 split (need >= 10)");
        }
        Split split = Split.random(graphs.size(), 0.8, 0.1, splitSeed);
        List<Graph> train = Split.select(graphs, split.train());
        List<Graph> valid = Split.select(graphs, split.valid());
        List<Graph> test = Split.select(graphs, split.test());
        try (Gcn model = Gcn.create(graphs.get(0).featureDim(), widths, classes, seed)) {
            GcnTrainer.TrainingResult tr = GcnTrainer.train(model, train, valid, config, GcnTrainer.stateFileFor(checkpoint), log -> {});
            if (checkpoint != null) {
                model.save(checkpoint);
            }
            int[] pred = Tensors.argmax(model.logits(test, null, 64, config.batching()));
            double acc = ClassificationMetrics.accuracy(pred, GcnTrainer.labels(test));
            List<Graph> correct = new ArrayList<>();
            for (int i = 0; i < test.size(); i++) {
                if (pred[i] == test.get(i).label()) {
                    correct.add(test.get(i));
                }
            }
            LOG.info("{} test accuracy {} ({} of {} correct)", name, MoleculeExperiment.f4(acc), correct.size(), test.size());
            List<MethodAccuracy> methods = new ArrayList<>();
            if (!correct.isEmpty()) {
                for (GraphExplainer m : GraphExplainers.pope2019(model, 32)) {
                    methods.add(score(model, correct, m, config.batching()));
                }
            }
            return new Result(name, List.copyOf(classes), seed, splitSeed, widths.clone(), config, acc, test.size(), correct.size(), tr.seconds(), methods, tr.epochs(),
                    tr.selectedEpoch());
        }
    }

    /**
     * One method over seeds: means and sample stds (n − 1) over the seeds that scored it ({@code seeds}); the class values
     * over the runs where that class's node AUROC is defined (NaN for a class without ground truth, e.g. "none").
     */
    public record MethodSummary(String method, int seeds, double meanNodeAuroc, double stdNodeAuroc, double[] meanNodeAurocByClass,
            double[] stdNodeAurocByClass, double meanPrecisionAt5, double meanFidelityPlus, double meanFidelityMinus,
            double meanCharacterization) {}

    /**
     * Runs over seeds (and data draws): test accuracy mean and sample std, how many runs reach the expected 0.95 (docs/methods/ba2motifs.md#protocol), the
     * epoch each run selected, and each method's scores averaged over the runs whose correctly classified test graphs it
     * could explain (a run that classified none has no method scores).
     */
    public record Summary(String dataset, List<String> classes, List<Long> seeds, List<Long> dataSeeds, double meanTestAccuracy, double stdTestAccuracy,
            int seedsAtExpectedAccuracy, List<Integer> selectedEpochs, List<MethodSummary> methods) {}

    /** The expected test accuracy on BA-2Motifs, ≥ 0.95 (docs/methods/ba2motifs.md#protocol). */
    public static final double EXPECTED_ACCURACY = 0.95;

    /** Summarises runs of one data set over seeds (methods in the order of the first run that has them). */
    public static Summary summarise(List<Result> runs) {
        double[] acc = runs.stream().mapToDouble(Result::testAccuracy).toArray();
        int atExpected = (int) runs.stream().filter(r -> r.testAccuracy() >= EXPECTED_ACCURACY).count();
        List<String> names = new ArrayList<>();
        for (Result r : runs) {
            for (MethodAccuracy m : r.methods()) {
                if (!names.contains(m.method())) {
                    names.add(m.method());
                }
            }
        }
        List<MethodSummary> methods = new ArrayList<>();
        for (String name : names) {
            List<MethodAccuracy> ms = new ArrayList<>();
            for (Result r : runs) {
                r.methods().stream().filter(m -> m.method().equals(name)).findFirst().ifPresent(ms::add);
            }
            double[] auroc = ms.stream().mapToDouble(MethodAccuracy::nodeAuroc).filter(v -> !Double.isNaN(v)).toArray();
            int classes = ms.get(0).nodeAurocByClass().length;
            double[] byClass = new double[classes];
            double[] stdByClass = new double[classes];
            for (int c = 0; c < classes; c++) {
                int cc = c;
                double[] v = ms.stream().mapToDouble(m -> m.nodeAurocByClass()[cc]).filter(x -> !Double.isNaN(x)).toArray();
                byClass[c] = MoleculeExperiment.mean(v);
                stdByClass[c] = MoleculeExperiment.std(v);
            }
            methods.add(new MethodSummary(name, ms.size(), MoleculeExperiment.mean(auroc), MoleculeExperiment.std(auroc), byClass, stdByClass,
                    MoleculeExperiment.mean(ms.stream().mapToDouble(MethodAccuracy::precisionAt5).filter(v -> !Double.isNaN(v)).toArray()),
                    MoleculeExperiment.mean(ms.stream().mapToDouble(MethodAccuracy::fidelityPlus).toArray()),
                    MoleculeExperiment.mean(ms.stream().mapToDouble(MethodAccuracy::fidelityMinus).toArray()),
                    MoleculeExperiment.mean(ms.stream().mapToDouble(MethodAccuracy::characterization).toArray())));
        }
        String dataset = runs.isEmpty() ? "" : runs.get(0).dataset();
        List<String> classNames = runs.isEmpty() ? List.of() : runs.get(0).classes();
        return new Summary(dataset, classNames, runs.stream().map(Result::seed).toList(), runs.stream().map(Result::dataSeed).toList(),
                MoleculeExperiment.mean(acc), MoleculeExperiment.std(acc), atExpected, runs.stream().map(Result::selectedEpoch).toList(), methods);
    }

    static MethodAccuracy score(Gcn model, List<Graph> graphs, GraphExplainer method, GraphBatch.Batching batching) {
        List<GraphExplanation> ex = method.explain(graphs, batching);
        var pm = FidelityPlusMinus.compute(model, graphs, ex, 0.01, 0, FidelityPlusMinus.Mode.MODEL, 64);
        double[] byClass = new double[model.numClasses()];
        if (graphs.stream().anyMatch(g -> g.groundTruth() == null)) {
            Arrays.fill(byClass, Double.NaN);
            return new MethodAccuracy(method.method(), Double.NaN, 0, Double.NaN, pm.fidelityPlus(), pm.fidelityMinus(),
                    pm.characterization(), byClass);
        }
        var auroc = GroundTruthAccuracy.nodeAuroc(graphs, ex);
        double[] p5all = GroundTruthAccuracy.precisionAtK(graphs, ex, 5).values();
        double[] p5 = java.util.stream.IntStream.range(0, graphs.size()).filter(i -> Arrays.stream(graphs.get(i).groundTruth()).sum() > 0)
                .mapToDouble(i -> p5all[i]).toArray();
        double precision = MoleculeExperiment.mean(p5);
        LOG.info("{}: node AUROC {} precision@5 {}", method.method(), MoleculeExperiment.f4(auroc.mean()), MoleculeExperiment.f4(precision));
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
        return new MethodAccuracy(method.method(), auroc.mean(), auroc.nUndefined(), precision, pm.fidelityPlus(), pm.fidelityMinus(),
                pm.characterization(), byClass);
    }
}

package io.xai4j.graph.experiment;

import io.xai4j.core.io.Json;
import io.xai4j.core.metrics.Aggregate;
import io.xai4j.core.runtime.Tensors;
import io.xai4j.graph.chem.MoleculeDataset;
import io.xai4j.graph.chem.MoleculeFeaturizer;
import io.xai4j.graph.chem.ScaffoldSplit;
import io.xai4j.graph.data.Graph;
import io.xai4j.graph.data.Split;
import io.xai4j.graph.explain.GraphExplainer;
import io.xai4j.graph.explain.GraphExplainers;
import io.xai4j.graph.metrics.MethodScores;
import io.xai4j.graph.model.ClassificationMetrics;
import io.xai4j.graph.model.Gcn;
import io.xai4j.graph.model.GcnTrainer;
import io.xai4j.graph.model.TrainingConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The molecule protocol of docs/methods/molecules.md#data-sets: train the GCN (docs/methods/gcn.md) on a split, report test ROC-AUC (mean ± sample
 * std over seeds), valid ROC-AUC and test average precision, and score the six explanation methods.
 */
public final class MoleculeExperiment {

    private static final Logger LOG = LoggerFactory.getLogger(MoleculeExperiment.class);

    /** How a data set is split. */
    public enum SplitKind { SCAFFOLD, RANDOM }

    /** One trained seed; {@code selectedEpoch} is the epoch whose weights were tested ({@link TrainingConfig#bestValid()}). */
    public record SeedResult(long seed, double validRocAuc, double testRocAuc, double testAveragePrecision, double testAccuracy,
            double trainSeconds, double graphsPerSecond, int selectedEpoch) {}

    /** All seeds of one data set and split. */
    public record Summary(String dataset, SplitKind split, int parsed, int rejected, int unlabelled, int train, int valid, int test,
            int[] widths, TrainingConfig config, List<SeedResult> seeds, double meanTestRocAuc, double stdTestRocAuc, double meanValidRocAuc,
            double meanTestAveragePrecision) {}

    private MoleculeExperiment() {}

    /** The split of docs/methods/molecules.md#data-sets: scaffold 80/10/10 (deterministic) or a seeded random 80/10/10. */
    public static Split split(MoleculeDataset ds, SplitKind kind, long seed) {
        return kind == SplitKind.SCAFFOLD ? ScaffoldSplit.split(ds.molecules()) : Split.random(ds.molecules().size(), 0.8, 0.1, seed);
    }

    /** Trains one model with the official widths; the caller closes it. */
    public static Gcn train(MoleculeDataset ds, Split split, TrainingConfig config) {
        return train(ds, split, Gcn.DEFAULT_WIDTHS, config);
    }

    /** Trains one model with GCN layer widths {@code widths}; the caller closes it. */
    public static Gcn train(MoleculeDataset ds, Split split, int[] widths, TrainingConfig config) {
        List<Graph> graphs = ds.graphs();
        Gcn model = Gcn.create(MoleculeFeaturizer.FEATURES, widths, ds.classes(), config.seed());
        GcnTrainer.train(model, Split.select(graphs, split.train()), Split.select(graphs, split.valid()), config);
        return model;
    }

    /**
     * Trains and tests one seed; writes the model to {@code checkpoint} when it is not null, and the
     * training state after every epoch beside it ({@code checkpoint.ckpt}), from which a killed run resumes.
     */
    public static SeedResult runSeed(MoleculeDataset ds, Split split, int[] widths, TrainingConfig config, Path checkpoint) {
        List<Graph> graphs = ds.graphs();
        List<Graph> train = Split.select(graphs, split.train());
        List<Graph> valid = Split.select(graphs, split.valid());
        List<Graph> test = Split.select(graphs, split.test());
        try (Gcn model = Gcn.create(MoleculeFeaturizer.FEATURES, widths, ds.classes(), config.seed())) {
            GcnTrainer.TrainingResult tr = GcnTrainer.train(model, train, valid, config, GcnTrainer.stateFileFor(checkpoint), log -> {});
            if (checkpoint != null) {
                model.save(checkpoint);
            }
            float[][] yTest = model.logits(test, 64);
            double[] p1 = new double[test.size()];
            float[][] prob = Tensors.softmax(yTest);
            for (int i = 0; i < p1.length; i++) {
                p1[i] = prob[i][1];
            }
            int[] labels = GcnTrainer.labels(test);
            SeedResult r = new SeedResult(config.seed(), GcnTrainer.rocAuc(model.logits(valid, 64), valid), GcnTrainer.rocAuc(yTest, test),
                    ClassificationMetrics.averagePrecision(p1, labels), ClassificationMetrics.accuracy(Tensors.argmax(yTest), labels),
                    tr.seconds(), tr.graphsPerSecond(), tr.selectedEpoch());
            LOG.info("{} seed {}: test ROC-AUC {} valid ROC-AUC {}", ds.name(), config.seed(), f4(r.testRocAuc()), f4(r.validRocAuc()));
            return r;
        }
    }

    /**
     * Seeds {@code firstSeed..firstSeed+seeds−1} of a GCN with layer widths {@code widths}; the scaffold split is the same for all,
     * the random split varies with the seed.
     */
    public static Summary run(MoleculeDataset ds, SplitKind kind, int seeds, long firstSeed, int[] widths, TrainingConfig base, Path outDir) {
        List<SeedResult> results = new ArrayList<>();
        Split first = split(ds, kind, firstSeed);
        for (int s = 0; s < seeds; s++) {
            long seed = firstSeed + s;
            Split sp = kind == SplitKind.SCAFFOLD ? first : split(ds, kind, seed);
            TrainingConfig cfg = base.withSeed(seed);
            Path ckpt = outDir == null ? null : outDir.resolve(ds.name().replace(' ', '_') + "-" + kind.name().toLowerCase() + "-seed" + seed + ".gcn");
            results.add(runSeed(ds, sp, widths, cfg, ckpt));
            if (outDir != null) {
                Json.writeFile(outDir.resolve(ds.name().replace(' ', '_') + "-" + kind.name().toLowerCase() + ".json"),
                        summarise(ds, kind, first, widths, base, results));
            }
        }
        return summarise(ds, kind, first, widths, base, results);
    }

    private static Summary summarise(MoleculeDataset ds, SplitKind kind, Split sp, int[] widths, TrainingConfig cfg, List<SeedResult> r) {
        double[] auc = r.stream().mapToDouble(SeedResult::testRocAuc).toArray();
        return new Summary(ds.name(), kind, ds.molecules().size(), ds.rejected().size(), ds.unlabelled(), sp.train().size(), sp.valid().size(),
                sp.test().size(), widths.clone(), cfg, List.copyOf(r), mean(auc), std(auc), mean(r.stream().mapToDouble(SeedResult::validRocAuc).toArray()),
                mean(r.stream().mapToDouble(SeedResult::testAveragePrecision).toArray()));
    }

    /** The six methods scored on {@code graphs} at τ. */
    public static List<MethodScores> explainAndScore(Gcn model, List<Graph> graphs, double tau, int batchSize) {
        return explainAndScore(model, graphs, GraphExplainers.pope2019(model, batchSize), tau, batchSize);
    }

    /** {@link #explainAndScore(Gcn, List, double, int)} for the given methods. */
    public static List<MethodScores> explainAndScore(Gcn model, List<Graph> graphs, List<GraphExplainer> methods, double tau, int batchSize) {
        return explainAndScore(model, graphs, methods, tau, batchSize, false);
    }

    /** As {@link #explainAndScore(Gcn, List, List, double, int)}; {@code sweep} adds fidelity at every τ of the sweep (docs/methods/graph-metrics.md#fidelity). */
    public static List<MethodScores> explainAndScore(Gcn model, List<Graph> graphs, List<GraphExplainer> methods, double tau, int batchSize,
            boolean sweep) {
        List<MethodScores> out = ExplanationEvaluation.evaluate(model, graphs, methods, tau, batchSize, sweep);
        for (MethodScores s : out) {
            LOG.info("{}: fidelity {} contrastivity_union {} sparsity_union {}", s.method(), f4(s.fidelity()), f4(s.contrastivityUnion()),
                    f4(s.sparsityUnion()));
        }
        return out;
    }

    /** A metric for a log line: 4 decimals ({@code 0.6658}), {@code n/a} for NaN. */
    static String f4(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(java.util.Locale.ROOT, "%.4f", v);
    }

    /** The mean of the defined values ({@link Aggregate}). */
    static double mean(double[] v) {
        return Aggregate.of(v).mean();
    }

    /** Sample standard deviation (n − 1) of the defined values; NaN for fewer than two ({@link Aggregate}). */
    static double std(double[] v) {
        return Aggregate.of(v).std();
    }
}

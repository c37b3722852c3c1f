package io.xai4j.cli.graph;

import io.xai4j.cli.Console;
import io.xai4j.graph.experiment.GraphBench;
import io.xai4j.graph.experiment.GraphDataExperiment;
import io.xai4j.graph.experiment.MoleculeExperiment;
import io.xai4j.graph.metrics.MethodScores;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Plain-text tables for the graph commands' console output. */
final class GraphText {

    private GraphText() {}

    /** System.out as it is now, not as it was when this class was loaded (a test captures it per command). */
    private static PrintStream out() {
        return System.out;
    }

    /** {@code 3} for one seed, {@code {0..4}} (shell brace notation) for seeds 0 to 4: how "wrote" lines name per-seed files. */
    static String seedRange(long first, int seeds) {
        return seeds == 1 ? Long.toString(first) : "{" + first + ".." + (first + seeds - 1) + "}";
    }

    /** The file stem of {@code graph train}'s molecule results, which {@code graph evaluate} looks for: {@code BBBP-scaffold}. */
    static String checkpointStem(io.xai4j.graph.chem.MoleculeDataset ds, MoleculeExperiment.SplitKind kind) {
        return ds.name().replace(' ', '_') + "-" + kind.name().toLowerCase(Locale.ROOT);
    }

    static String f(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }

    static void printSummary(MoleculeExperiment.Summary s) {
        out().printf(Locale.ROOT, "%s %s split: parsed %d (rejected %d, unlabelled %d), train/valid/test %d/%d/%d, GCN %s, %s, batch %d%n",
                s.dataset(), s.split().name().toLowerCase(Locale.ROOT), s.parsed(), s.rejected(), s.unlabelled(), s.train(), s.valid(), s.test(),
                widths(s.widths()), Console.count(s.config().epochs(), "epoch"), s.config().batchSize());
        for (MoleculeExperiment.SeedResult r : s.seeds()) {
            out().printf(Locale.ROOT, "  seed %d: test ROC-AUC %s  valid ROC-AUC %s  test AP %s  test acc %s  (%.0f s, %.1f mol/s)%n", r.seed(),
                    f(r.testRocAuc()), f(r.validRocAuc()), f(r.testAveragePrecision()), f(r.testAccuracy()), r.trainSeconds(), r.graphsPerSecond());
        }
        out().printf(Locale.ROOT, "  test ROC-AUC %s ± %s (mean ± sample std), valid ROC-AUC %s, test AP %s%n", f(s.meanTestRocAuc()),
                f(s.stdTestRocAuc()), f(s.meanValidRocAuc()), f(s.meanTestAveragePrecision()));
    }

    static void printMethods(String title, List<MethodScores> scores) {
        out().println(title + (scores.isEmpty() ? "" : String.format(Locale.ROOT, ", model accuracy %.3f", scores.get(0).accuracy())));
        out().println("| method | fidelity (c0/c1/mean) | contr. union | contr. nodes | spars. union | spars. classavg | fid+ | fid- | charact. |");
        out().println("|---|---|---|---|---|---|---|---|---|");
        for (MethodScores m : scores) {
            double[] pc = m.fidelityPerClass();
            out().printf(Locale.ROOT, "| %s | %s/%s/**%s** | %s | %s | %s | %s | %s | %s | %s |%n", m.method(), f(pc[0]), f(pc.length > 1 ? pc[1] : Double.NaN),
                    f(m.fidelity()), f(m.contrastivityUnion()), f(m.contrastivityNodes()), f(m.sparsityUnion()), f(m.sparsityClassAvg()),
                    f(m.fidelityPlus()), f(m.fidelityMinus()), f(m.characterization()));
        }
    }

    static void printGraphData(GraphDataExperiment.Result r) {
        double loss = r.epochs().isEmpty() ? Double.NaN : r.epochs().get(r.epochs().size() - 1).meanLoss();
        out().printf(Locale.ROOT, "%s seed %d%s: test accuracy %s (%d of %d correct), GCN %s, %s batch %d%s, lr %s, final training loss %.4f, %s, %.0f s%n",
                r.dataset(), r.seed(), r.dataSeed() != r.seed() ? " (data seed " + r.dataSeed() + ")" : "", f(r.testAccuracy()), r.correctlyClassified(), r.testGraphs(), widths(r.widths()), Console.count(r.config().epochs(), "epoch"), r.config().batchSize(),
                r.config().stratifiedBatches() ? " (class-stratified)" : " (shuffled)", r.config().learningRate(), loss, selection(r), r.trainSeconds());
        out().println("| method | node AUROC | AUROC " + String.join(" / ", r.classes()) + " | precision@5 | fid+ | fid- | charact. |");
        out().println("|---|---|---|---|---|---|---|");
        for (GraphDataExperiment.MethodAccuracy m : r.methods()) {
            String byClass = java.util.Arrays.stream(m.nodeAurocByClass()).mapToObj(GraphText::f).collect(java.util.stream.Collectors.joining(" / "));
            out().printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", m.method(), f(m.nodeAuroc()), byClass,
                    f(m.precisionAt5()), f(m.fidelityPlus()), f(m.fidelityMinus()), f(m.characterization()));
        }
    }

    /** {@code weights of epoch 100 (final)} or {@code weights of epoch 63 (best validation loss 0.1234)}. */
    static String selection(GraphDataExperiment.Result r) {
        if (!r.config().bestValid()) {
            return "weights of epoch " + r.selectedEpoch() + " (final)";
        }
        double loss = r.selectedEpoch() > 0 ? r.epochs().get(r.selectedEpoch() - 1).validLoss() : Double.NaN;
        return String.format(Locale.ROOT, "weights of epoch %d (best validation loss %.4f)", r.selectedEpoch(), loss);
    }

    static void printGraphDataSummary(GraphDataExperiment.Summary s) {
        boolean draws = s.dataSeeds().stream().distinct().count() > 1 && s.dataSeeds().stream().distinct().count() < s.dataSeeds().size();
        out().printf(Locale.ROOT, "%s over %d runs: model seeds %s, data seeds %s: test accuracy %s ± %s (sample std), %d of %d runs >= %s; weights of epoch %s (per run)%n",
                s.dataset(), s.seeds().size(), s.seeds(), s.dataSeeds(), f(s.meanTestAccuracy()), f(s.stdTestAccuracy()), s.seedsAtExpectedAccuracy(),
                s.seeds().size(), f(GraphDataExperiment.EXPECTED_ACCURACY), s.selectedEpochs());
        if (draws) {
            out().println("(std over all runs: data draws and model seeds together)");
        }
        out().println("| method | runs scored | node AUROC mean ± std | AUROC " + String.join(" / ", s.classes())
                + " (mean ± std) | precision@5 | fid+ | fid- | charact. |");
        out().println("|---|---|---|---|---|---|---|---|");
        for (GraphDataExperiment.MethodSummary m : s.methods()) {
            StringBuilder byClass = new StringBuilder();
            for (int c = 0; c < m.meanNodeAurocByClass().length; c++) {
                byClass.append(c == 0 ? "" : " / ").append(f(m.meanNodeAurocByClass()[c]));
                if (!Double.isNaN(m.stdNodeAurocByClass()[c])) {
                    byClass.append(" ± ").append(f(m.stdNodeAurocByClass()[c]));
                }
            }
            out().printf(Locale.ROOT, "| %s | %d | %s ± %s | %s | %s | %s | %s | %s |%n", m.method(), m.seeds(), f(m.meanNodeAuroc()), f(m.stdNodeAuroc()),
                    byClass, f(m.meanPrecisionAt5()), f(m.meanFidelityPlus()), f(m.meanFidelityMinus()), f(m.meanCharacterization()));
        }
    }

    static void printBench(GraphBench.Result r) {
        out().printf(Locale.ROOT, "graph bench: %d BBBP molecules, batch %d, %s batches, %d processors%n", r.molecules(), r.batchSize(),
                r.layout().name().toLowerCase(Locale.ROOT), r.threads());
        out().printf(Locale.ROOT, "  training: %.1f molecules/s%n", r.trainMoleculesPerSecond());
        r.explainMoleculesPerSecond().forEach((k, v) -> out().printf(Locale.ROOT, "  %-13s %.1f molecules/s%n", k + ":", v));
    }

    private static String widths(int[] w) {
        return java.util.Arrays.stream(w).mapToObj(Integer::toString).collect(java.util.stream.Collectors.joining("/"));
    }
}

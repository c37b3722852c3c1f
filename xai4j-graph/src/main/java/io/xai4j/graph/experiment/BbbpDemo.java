package io.xai4j.graph.experiment;

import io.xai4j.core.io.Json;
import io.xai4j.core.report.HtmlReport;
import io.xai4j.graph.chem.MolecularGraph;
import io.xai4j.graph.chem.MoleculeDataset;
import io.xai4j.graph.chem.SalientSubstructures;
import io.xai4j.graph.data.Graph;
import io.xai4j.graph.data.Split;
import io.xai4j.graph.explain.GraphExplainer;
import io.xai4j.graph.explain.GraphExplainers;
import io.xai4j.graph.explain.GraphExplanation;
import io.xai4j.graph.metrics.MethodScores;
import io.xai4j.graph.model.Gcn;
import io.xai4j.graph.model.GcnTrainer;
import io.xai4j.graph.model.TrainingConfig;
import io.xai4j.graph.report.GraphReportSections;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The BBBP demo behind {@code xai4j demo --graph}: train the GCN briefly on the scaffold split, explain
 * the test molecules with all six methods, score them (τ = 0.01, test split), find frequent salient
 * substructures (Grad-CAM Avg), and add everything as one section of an {@link HtmlReport}.
 */
public final class BbbpDemo {

    private static final Logger LOG = LoggerFactory.getLogger(BbbpDemo.class);

    /** Demo settings: epochs, batch size, seed, molecules drawn in the report. */
    public record Options(int epochs, int batchSize, long seed, int shownMolecules, boolean progressBar) {

        /** A few minutes on two CPU cores, with a progress bar. */
        public static Options quick() {
            return new Options(5, 32, 0, 4, true);
        }
    }

    /** What the demo measured; also written to {@code graph-demo.json}. */
    public record Result(double testRocAuc, double validRocAuc, int testMolecules, List<MethodScores> scores,
            Map<Integer, List<SalientSubstructures.Fragment>> fragments, Path checkpoint) {}

    private BbbpDemo() {}

    /** Runs the demo, writes the checkpoint and JSON into {@code outDir}, and adds a section to {@code report}. */
    public static Result run(Path outDir, HtmlReport report, Options options) {
        MoleculeDataset ds = MoleculeDataset.bbbp();
        Split split = MoleculeExperiment.split(ds, MoleculeExperiment.SplitKind.SCAFFOLD, options.seed());
        List<MolecularGraph> testMols = Split.select(ds.molecules(), split.test());
        List<Graph> test = testMols.stream().map(MolecularGraph::graph).toList();
        TrainingConfig cfg = new TrainingConfig(options.epochs(), options.batchSize(), 1e-3, options.seed(), true, options.progressBar());
        Path ckpt = outDir.resolve("bbbp-demo.gcn");
        try (Gcn model = MoleculeExperiment.train(ds, split, cfg)) {
            model.save(ckpt);
            double testAuc = GcnTrainer.rocAuc(model.logits(test, 64), test);
            List<Graph> valid = Split.select(ds.graphs(), split.valid());
            double validAuc = GcnTrainer.rocAuc(model.logits(valid, 64), valid);
            Map<String, List<GraphExplanation>> explanations = new LinkedHashMap<>();
            List<MethodScores> scores = new ArrayList<>();
            float[][] logits = model.logits(test, options.batchSize()); // the predictions every method's metrics read
            for (GraphExplainer m : GraphExplainers.pope2019(model, options.batchSize())) {
                List<GraphExplanation> ex = m.explain(test);
                explanations.put(m.method(), ex);
                scores.add(ExplanationEvaluation.score(model, test, logits, m.method(), ex, 0.01, options.batchSize(), false));
            }
            int[] pred = model.predict(test, 64);
            Map<Integer, List<SalientSubstructures.Fragment>> fragments =
                    SalientSubstructures.analyse(testMols, explanations.get("Grad-CAM Avg"), pred, 0.01, 2, 20);
            Result r = new Result(testAuc, validAuc, test.size(), scores, fragments, ckpt);
            Json.writeFile(outDir.resolve("graph-demo.json"), r);
            Json.writeFile(outDir.resolve("bbbp-substructures.json"), fragments);
            io.xai4j.core.io.AtomicFiles.writeString(outDir.resolve("bbbp-substructures.csv"), SalientSubstructures.toCsv(fragments, ds.classes()));
            String note = String.format(java.util.Locale.ROOT,
                    "BBBP scaffold split, GCN 128/256/512 trained %d epoch%s (batch %d, seed %d): test ROC-AUC %.3f over %d test molecules. "
                            + "Metrics at tau = 0.01 on the test split; substructures from Grad-CAM Avg.",
                    options.epochs(), options.epochs() == 1 ? "" : "s", options.batchSize(), options.seed(), testAuc, test.size());
            GraphReportSections.addMoleculeSection(report, "graph-bbbp", "Graph CNN explanations: BBBP (Pope et al. 2019)", model, testMols,
                    explanations, scores, fragments, options.shownMolecules(), note);
            LOG.info("graph demo: test ROC-AUC {}", MoleculeExperiment.f4(testAuc));
            return r;
        }
    }
}

package io.xai4j.cli.graph;

import io.xai4j.cli.Checks;
import io.xai4j.cli.Console;
import io.xai4j.core.io.Json;
import io.xai4j.core.report.HtmlReport;
import io.xai4j.graph.chem.MoleculeDataset;
import io.xai4j.graph.data.Graph;
import io.xai4j.graph.data.Split;
import io.xai4j.graph.experiment.MoleculeExperiment;
import io.xai4j.graph.explain.GraphExplainers;
import io.xai4j.graph.metrics.MethodScores;
import io.xai4j.graph.model.Gcn;
import io.xai4j.graph.model.TrainingConfig;
import io.xai4j.graph.report.GraphReportSections;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code xai4j graph evaluate}: fidelity, contrastivity, sparsity and fidelity± of the six methods
 * (docs/methods/graph-metrics.md) for models of {@code graph train} (reused from {@code --models} when present, trained
 * otherwise), on all molecules (the reproduction protocol) or the test split.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, description = "Score CG, EB, c-EB, CAM, Grad-CAM, Grad-CAM Avg on a molecule set.")
public final class GraphEvaluateCommand implements Callable<Integer> {

    @Option(names = "--dataset", required = true, description = GraphOptions.MOLECULE_DATASETS)
    String dataset;

    @Option(names = "--split", defaultValue = "scaffold", description = "scaffold or random, as the models were trained"
            + " (default ${DEFAULT-VALUE})")
    String split;

    @Option(names = "--seeds", defaultValue = "1", description = "number of seeds, from --first-seed; tables are averaged over seeds"
            + " (default ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--first-seed", defaultValue = "0", description = "first seed (as in graph train; default ${DEFAULT-VALUE})")
    long firstSeed;

    @Option(names = "--set", defaultValue = "test", description = "test (the default report, docs/methods/graph-metrics.md#fidelity) or all (the official"
            + " reproduction protocol: every molecule); default ${DEFAULT-VALUE}")
    String set;

    @Option(names = "--tau", defaultValue = "0.01", description = "saliency threshold τ of fidelity, contrastivity, sparsity and fid±"
            + " (default ${DEFAULT-VALUE})")
    double tau;

    @Option(names = "--tau-sweep", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also compute the official fidelity at τ = 0, 0.01, 0.05, 0.1, 0.2, …, 0.9 (docs/methods/graph-metrics.md#fidelity; in the JSON;"
                    + " default: ${DEFAULT-VALUE}).")
    boolean tauSweep;

    @Option(names = "--models", defaultValue = "runs/graph", description = "folder with the checkpoints of graph train --out"
            + " (DATASET-SPLIT-seedN.gcn; default ${DEFAULT-VALUE}); given, it must hold one for every seed; left out, a missing"
            + " checkpoint is trained here and not saved")
    Path models;

    @Option(names = "--epochs", defaultValue = "100", description = "epochs when a checkpoint is missing from the default --models folder"
            + " (it is then trained, and said so; default ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "32", description = "graphs per forward pass when explaining and scoring (and per"
            + " Adam step when training; default ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--out", defaultValue = "runs/graph", description = "output folder for DATASET-SPLIT-SET-explanations.json, .csv"
            + " and .html (default ${DEFAULT-VALUE})")
    Path out;


    @Option(names = "--methods", split = ",", defaultValue = "${sys:xai4j.graph.default-methods}",
            description = "methods to score (default ${DEFAULT-VALUE}, the paper's six); EB-pope2019 and c-EB-pope2019 give the"
                    + " official code's EB/c-EB (compatibility, known-incorrect), for comparison with the official fidelity values")
    List<String> methods;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!set.equalsIgnoreCase("all") && !set.equalsIgnoreCase("test")) {
            throw new IllegalArgumentException("--set must be all or test, got '" + set + "'");
        }
        Checks.atLeast("--seeds", seeds, 1);
        Checks.atLeast("--batch-size", batchSize, 1);
        Checks.atLeast("--epochs", epochs, 1);
        MoleculeExperiment.SplitKind kind = GraphOptions.split(split);
        GraphOptions.requireMolecules(dataset, "graph evaluate scores bbbp, bace or tox21; graph train --dataset %1$s scores the"
                + " explanations of %2$s against its planted motifs");
        GraphExplainers.requireKnown(methods); // an unknown method fails now, not after training
        boolean modelsGiven = spec.commandLine().getParseResult().hasMatchedOption("--models");
        if (modelsGiven && !Files.isDirectory(models)) {
            throw new IllegalArgumentException("--models " + models + " is not a folder of graph train checkpoints");
        }
        MoleculeDataset ds = MoleculeDataset.named(dataset);
        String stem = GraphText.checkpointStem(ds, kind);
        String train = trainCommand(dataset, split, firstSeed, seeds, models);
        if (modelsGiven) {
            for (long s = firstSeed; s < firstSeed + seeds; s++) {
                Path ckpt = models.resolve(stem + "-seed" + s + ".gcn");
                if (!Files.isRegularFile(ckpt)) {
                    throw new IllegalArgumentException("--models " + models + " has no checkpoint " + ckpt.getFileName() + " for seed " + s
                            + " (" + train + " writes it)");
                }
            }
        }
        List<List<MethodScores>> perSeed = new ArrayList<>();
        for (long s = firstSeed; s < firstSeed + seeds; s++) {
            Split sp = MoleculeExperiment.split(ds, kind, s);
            Path ckpt = models.resolve(stem + "-seed" + s + ".gcn");
            if (!Files.exists(ckpt)) {
                Console.info("%s", missingCheckpointNotice(ckpt, s, epochs, train));
            }
            try (Gcn model = Files.exists(ckpt) ? Gcn.load(ckpt)
                    : MoleculeExperiment.train(ds, sp, new TrainingConfig(epochs, batchSize, 1e-3, s, true, io.xai4j.cli.Console.interactive()))) {
                List<Graph> graphs = set.equalsIgnoreCase("test") ? Split.select(ds.graphs(), sp.test()) : ds.graphs();
                List<MethodScores> scores = MoleculeExperiment.explainAndScore(model, graphs,
                        methods.stream().map(m -> GraphExplainers.named(m, model, batchSize)).toList(), tau, batchSize, tauSweep);
                GraphText.printMethods(String.format(Locale.ROOT, "%s %s seed %d, %s molecules (%d), tau %.2f", ds.name(), split, s, set,
                        graphs.size(), tau), scores);
                perSeed.add(scores);
            }
        }
        List<MethodScores> mean = MethodScores.mean(perSeed);
        GraphText.printMethods(String.format(Locale.ROOT, "%s %s: mean over %d seed(s)", ds.name(), split, seeds), mean);
        r4Warning(mean).ifPresent(w -> System.out.println("warning: " + w));
        String results = ds.name().replace(' ', '_') + "-" + split + "-" + set + "-explanations"
                + (io.xai4j.graph.explain.GraphExplainers.registry().canonical(methods).equals(io.xai4j.graph.explain.GraphExplainers.registry().defaultNames()) ? "" : "-" + String.join("+", methods).replaceAll("[^A-Za-z0-9+-]", ""));
        Json.writeFile(out.resolve(results + ".json"), perSeed);
        io.xai4j.core.io.CsvTables.write(out.resolve(results + ".csv"), csvHeader(mean), csvRows(perSeed, firstSeed, mean));
        HtmlReport report = new HtmlReport("xai4j graph evaluation: " + ds.name());
        report.addSection("metrics", ds.name() + " " + split + ", " + set + " molecules, mean over " + seeds + " seed(s)", GraphReportSections.metricTable(mean));
        report.write(out.resolve(results + ".html"));
        Console.info("wrote %s", out.resolve(results + ".{json,csv,html}"));
        return 0;
    }

    /** The {@code graph train} command that writes the checkpoints this evaluation looks for. */
    static String trainCommand(String dataset, String split, long firstSeed, int seeds, Path models) {
        return "graph train --dataset " + dataset + " --split " + split + (firstSeed != 0 ? " --first-seed " + firstSeed : "") + " --seeds "
                + seeds + " --out " + models;
    }

    /** What is printed when a checkpoint is missing from the default {@code --models} folder, and how to avoid it. */
    static String missingCheckpointNotice(Path checkpoint, long seed, int epochs, String trainCommand) {
        return String.format(Locale.ROOT, "no checkpoint %s: training seed %d for %s here, not saved (to skip this, first run %s,"
                + " or give --models FOLDER with the checkpoints)", checkpoint, seed, Console.count(epochs, "epoch"), trainCommand);
    }

    /** Columns of the CSV table: seed ("mean" for the average), method, then the graph metrics (docs/methods/graph-metrics.md; fidelity per class as columns). */
    static List<String> csvHeader(List<MethodScores> mean) {
        List<String> h = new ArrayList<>(List.of("seed", "method", "accuracy", "fidelity"));
        int classes = mean.isEmpty() ? 0 : mean.get(0).fidelityPerClass().length;
        for (int c = 0; c < classes; c++) {
            h.add("fidelity_class_" + c);
        }
        h.addAll(List.of("contrastivity_union", "contrastivity_nodes", "sparsity_union", "sparsity_classavg", "fidelity_plus", "fidelity_minus",
                "characterization"));
        return h;
    }

    /** One row per seed and method, then one per method for the mean over seeds; NaN as an empty cell. */
    static List<List<Object>> csvRows(List<List<MethodScores>> perSeed, long firstSeed, List<MethodScores> mean) {
        List<List<Object>> rows = new ArrayList<>();
        for (int s = 0; s < perSeed.size(); s++) {
            for (MethodScores m : perSeed.get(s)) {
                rows.add(csvRow(firstSeed + s, m));
            }
        }
        for (MethodScores m : mean) {
            rows.add(csvRow("mean", m));
        }
        return rows;
    }

    private static List<Object> csvRow(Object seed, MethodScores m) {
        List<Object> r = new ArrayList<>(List.of(seed, m.method()));
        r.add(cell(m.accuracy()));
        r.add(cell(m.fidelity()));
        for (double f : m.fidelityPerClass()) {
            r.add(cell(f));
        }
        for (double v : new double[] {m.contrastivityUnion(), m.contrastivityNodes(), m.sparsityUnion(), m.sparsityClassAvg(), m.fidelityPlus(),
            m.fidelityMinus(), m.characterization()}) {
            r.add(cell(v));
        }
        return r;
    }

    private static Object cell(double v) {
        return Double.isNaN(v) ? "" : v;
    }

    /**
     * The official pattern (docs/methods/graph-metrics.md#reference-values) is that c-EB's contrastivity_union is above EB's; a message when both
     * were scored and it is not.
     */
    static java.util.Optional<String> r4Warning(List<MethodScores> scores) {
        MethodScores eb = null, ceb = null;
        for (MethodScores s : scores) {
            if (s.method().equals("EB")) {
                eb = s;
            } else if (s.method().equals("c-EB")) {
                ceb = s;
            }
        }
        if (eb == null || ceb == null || ceb.contrastivityUnion() > eb.contrastivityUnion()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(String.format(Locale.ROOT, "c-EB's contrastivity_union (%.3f) is not above EB's (%.3f), unlike the"
                + " official results (docs/methods/graph-metrics.md#reference-values)", ceb.contrastivityUnion(), eb.contrastivityUnion()));
    }
}

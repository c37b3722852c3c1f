package io.xai4j.cli.graph;

import io.xai4j.cli.Checks;
import io.xai4j.cli.Console;
import io.xai4j.core.io.Json;
import io.xai4j.graph.chem.MoleculeDataset;
import io.xai4j.graph.data.GraphJsonLines;
import io.xai4j.graph.experiment.GraphDataExperiment;
import io.xai4j.graph.experiment.MoleculeExperiment;
import io.xai4j.graph.model.TrainingConfig;
import io.xai4j.graph.data.Graph;
import io.xai4j.graph.model.GraphBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code xai4j graph train}: trains GCNs over seeds and reports test ROC-AUC (docs/methods/molecules.md#data-sets), BA-2Motifs and
 * BA-3Motifs-null accuracy and explanation accuracy (docs/methods/ba2motifs.md), or the same for any labelled graphs in a JSON-lines
 * file; over several data draws ({@code --data-seed 0,1,2}) it also summarises all draws × seeds.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the GCN on bbbp, bace, tox21, ba2motifs, ba3null or a JSON-lines graph file, over seeds.")
public final class GraphTrainCommand implements Callable<Integer> {

    @Option(names = "--dataset", description = GraphOptions.ALL_DATASETS + " (or --input)")
    String dataset;

    @Option(names = "--input", description = "JSON-lines graph file (docs/methods/graph-input.md) with a label on every graph; "
            + "trained on a seeded random 80/10/10 split")
    Path input;

    @Option(names = "--widths", defaultValue = "128,256,512", description = "GCN layer widths (default ${DEFAULT-VALUE}, official)")
    String widths;

    @Option(names = "--batching", defaultValue = "auto",
            description = "auto, padded or sparse (block-diagonal Â); auto pads unless a batch's graphs are large (default ${DEFAULT-VALUE})")
    String batching;

    @Option(names = "--split", defaultValue = "scaffold", description = "scaffold or random (molecules; default ${DEFAULT-VALUE})")
    String split;

    @Option(names = "--seeds", defaultValue = "5", description = "number of seeds (default ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--first-seed", defaultValue = "0", description = "first seed; seeds are --first-seed .. --first-seed + --seeds - 1"
            + " (default ${DEFAULT-VALUE})")
    long firstSeed;

    @Option(names = "--data-seed", split = ",", description = "--dataset ba2motifs | ba3null or --input: draw the graphs (generated sets)"
            + " and the 80/10/10 split with this seed for every model seed, so the seeds vary only the initialisation and the batches"
            + " (default: each seed's own); several, e.g. 0,1,2, train every model seed on every draw and summarise all runs")
    List<Long> dataSeeds;

    @Option(names = "--select", defaultValue = "final", description = "final (the last epoch's weights) or best-val"
            + " (the weights of the epoch with the lowest validation loss; the result records the epoch;"
            + " docs/methods/gcn.md#model-selection) (default ${DEFAULT-VALUE})")
    String select;

    @Option(names = "--epochs", defaultValue = "100", description = "epochs (default ${DEFAULT-VALUE}, official)")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "32", description = "graphs per Adam step (official: 1; default ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--lr", defaultValue = "0.001", description = "Adam learning rate (default ${DEFAULT-VALUE}, official)")
    double learningRate;

    @Option(names = "--stratified-batches", negatable = true,
            description = "give every mini-batch equal class counts (a deviation from the official free shuffle, docs/methods/gcn.md#deviations-from-the-official-code); "
                    + "default: on for ba2motifs and ba3null, where the free shuffle does not train, off for molecules")
    Boolean stratifiedBatches;

    @Option(names = "--out", defaultValue = "runs/graph", description = "output folder for checkpoints (.gcn) and JSON results"
            + " (default ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--no-progress", description = "hide the progress bar")
    boolean noProgress;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if ((dataset == null) == (input == null)) {
            throw new IllegalArgumentException("give exactly one of --dataset or --input");
        }
        Checks.atLeast("--seeds", seeds, 1);
        Checks.atLeast("--epochs", epochs, 1);
        Checks.atLeast("--batch-size", batchSize, 1);
        if (dataset != null) {
            GraphOptions.requireKnown(dataset);
        }
        GraphOptions.Generated generated = input == null ? GraphOptions.Generated.named(dataset) : null;
        if (generated != null || input != null) {
            Checks.unused(spec, "with --input or a generated --dataset (they take a seeded random 80/10/10 split)", "--split");
        } else {
            Checks.unused(spec, "with molecule data sets (their split is --split; the seeds draw it for --split random)", "--data-seed");
        }
        boolean bestValid = switch (select.toLowerCase(java.util.Locale.ROOT)) {
            case "final" -> false;
            case "best-val" -> true;
            default -> throw new IllegalArgumentException("--select must be final or best-val, got '" + select + "'");
        };
        boolean stratified = stratifiedBatches != null ? stratifiedBatches : generated != null;
        GraphBatch.Batching layout = GraphOptions.batching(batching);
        int[] w = GraphOptions.widths(widths);
        TrainingConfig cfg = new TrainingConfig(epochs, batchSize, learningRate, firstSeed, true, !noProgress && io.xai4j.cli.Console.interactive(),
                stratified, layout, bestValid);
        if (generated != null || input != null) {
            GraphJsonLines.Dataset data = input == null ? null : GraphJsonLines.readLabelled(input);
            String name = input == null ? generated.option : stripExtension(input.getFileName().toString());
            List<String> classNames = data == null ? null : classes(data);
            if (data != null && data.graphs().size() < 10) {
                throw new IllegalArgumentException(input + " holds " + data.graphs().size() + " graphs, too few for an 80/10/10 split (need >= 10)");
            }
            List<Long> draws = new ArrayList<>();
            if (dataSeeds == null) {
                draws.add(null);
            } else {
                draws.addAll(dataSeeds);
            }
            List<GraphDataExperiment.Result> all = new ArrayList<>();
            List<String> wrote = new ArrayList<>();
            for (Long dataSeed : draws) {
                List<GraphDataExperiment.Result> runs = new ArrayList<>();
                for (int s = 0; s < seeds; s++) {
                    long seed = firstSeed + s;
                    long d = dataSeed != null ? dataSeed : seed;
                    TrainingConfig c = cfg.withSeed(seed);
                    String run = name + (dataSeed != null ? "-data" + dataSeed : "") + "-seed" + seed;
                    Path checkpoint = out.resolve(run + ".gcn");
                    GraphDataExperiment.Result r = data != null
                            ? GraphDataExperiment.run(name, data.graphs(), classNames, w, d, seed, c, checkpoint)
                            : generated == GraphOptions.Generated.BA2MOTIFS
                                    ? GraphDataExperiment.ba2motifs(d, seed, w, c, checkpoint)
                                    : GraphDataExperiment.ba3null(d, seed, w, c, checkpoint);
                    Json.writeFile(out.resolve(run + ".json"), r); // an undefined score (node AUROC without gt) is null
                    GraphText.printGraphData(r);
                    runs.add(r);
                }
                String stem = name + (dataSeed != null ? "-data" + dataSeed : "");
                Path summaryFile = out.resolve(stem + "-summary.json");
                if (seeds > 1) {
                    GraphDataExperiment.Summary summary = GraphDataExperiment.summarise(runs);
                    Json.writeFile(summaryFile, summary);
                    GraphText.printGraphDataSummary(summary);
                }
                wrote.add(out.resolve(stem + "-seed" + GraphText.seedRange(firstSeed, seeds) + ".{gcn,json}")
                        + (seeds > 1 ? " and " + summaryFile : ""));
                all.addAll(runs);
            }
            if (draws.size() > 1) {
                Path allFile = out.resolve(name + "-data" + dataSeeds.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining("+"))
                        + "-summary.json");
                GraphDataExperiment.Summary summary = GraphDataExperiment.summarise(all);
                Json.writeFile(allFile, summary);
                GraphText.printGraphDataSummary(summary);
                wrote.add(allFile.toString());
            }
            Console.info("wrote %s", String.join(", ", wrote));
            return 0;
        }
        MoleculeExperiment.SplitKind kind = GraphOptions.split(split);
        MoleculeDataset ds = MoleculeDataset.named(dataset);
        MoleculeExperiment.Summary s = MoleculeExperiment.run(ds, kind, seeds, firstSeed, w, cfg, out);
        GraphText.printSummary(s);
        String stem = GraphText.checkpointStem(ds, kind);
        Console.info("wrote %s and %s", out.resolve(stem + "-seed" + GraphText.seedRange(firstSeed, seeds) + ".gcn"), out.resolve(stem + ".json"));
        return 0;
    }

    /** The file's class names, or "0".."C−1" from the largest label when it has no meta line. */
    private List<String> classes(GraphJsonLines.Dataset data) {
        if (!data.classes().isEmpty()) {
            return data.classes();
        }
        int max = data.graphs().stream().mapToInt(Graph::label).max().orElse(-1);
        if (max < 1) {
            throw new IllegalArgumentException(input + ": training needs at least 2 classes, but every graph has label " + max
                    + " (labels are class indices 0, 1, ...; a meta line may name the classes)");
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c <= max; c++) {
            names.add(Integer.toString(c));
        }
        return names;
    }

    private static String stripExtension(String file) {
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }
}

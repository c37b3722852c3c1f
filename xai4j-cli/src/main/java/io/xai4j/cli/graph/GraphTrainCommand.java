package io.xai4j.cli.graph;

import io.xai4j.core.io.Json;
import io.xai4j.graph.chem.MoleculeDataset;
import io.xai4j.graph.experiment.Ba2MotifsExperiment;
import io.xai4j.graph.experiment.MoleculeExperiment;
import io.xai4j.graph.model.TrainingConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xai4j graph train}: trains GCNs over seeds and reports test ROC-AUC (gcnn.md §8) or BA-2Motifs accuracy (§9). */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train the GCN on bbbp, bace, tox21 or ba2motifs over seeds.")
public final class GraphTrainCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(GraphTrainCommand.class);

    @Option(names = "--dataset", required = true, description = "bbbp, bace, tox21 or ba2motifs")
    String dataset;

    @Option(names = "--split", defaultValue = "scaffold", description = "scaffold or random (molecules; default ${DEFAULT-VALUE})")
    String split;

    @Option(names = "--seeds", defaultValue = "5", description = "number of seeds (default ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--first-seed", defaultValue = "0")
    long firstSeed;

    @Option(names = "--epochs", defaultValue = "100", description = "epochs (default ${DEFAULT-VALUE}, official)")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "32", description = "graphs per Adam step (official: 1; default ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--lr", defaultValue = "0.001")
    double learningRate;

    @Option(names = "--stratified-batches", negatable = true,
            description = "give every mini-batch equal class counts (deviation from gcnn.md §2, which shuffles freely); "
                    + "default: on for ba2motifs, where the free shuffle does not train, off for molecules")
    Boolean stratifiedBatches;

    @Option(names = "--out", defaultValue = "runs/graph", description = "output folder for checkpoints and JSON results")
    Path out;

    @Option(names = "--no-progress", description = "hide the progress bar")
    boolean noProgress;

    @Override
    public Integer call() {
        boolean ba2 = dataset.equalsIgnoreCase("ba2motifs");
        boolean stratified = stratifiedBatches != null ? stratifiedBatches : ba2;
        TrainingConfig cfg = new TrainingConfig(epochs, batchSize, learningRate, firstSeed, true, !noProgress, stratified);
        if (ba2) {
            for (int s = 0; s < seeds; s++) {
                long seed = firstSeed + s;
                TrainingConfig c = new TrainingConfig(epochs, batchSize, learningRate, seed, true, !noProgress, stratified);
                Ba2MotifsExperiment.Result r = Ba2MotifsExperiment.run(seed, c, out.resolve("ba2motifs-seed" + seed + ".gcn"));
                Json.writeFile(out.resolve("ba2motifs-seed" + seed + ".json"), r);
                LOG.warn("BA-2Motifs seed {}: test accuracy {}", seed, r.testAccuracy());
                GraphText.printBa2Motifs(r);
            }
            return 0;
        }
        MoleculeDataset ds = MoleculeDataset.named(dataset);
        MoleculeExperiment.Summary s = MoleculeExperiment.run(ds, GraphOptions.split(split), seeds, firstSeed, cfg, out);
        GraphText.printSummary(s);
        return 0;
    }
}

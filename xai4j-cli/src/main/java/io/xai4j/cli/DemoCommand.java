package io.xai4j.cli;

import ai.djl.ndarray.NDManager;
import io.xai4j.core.io.Json;
import io.xai4j.core.report.HtmlReport;
import io.xai4j.vision.data.Normalization;
import io.xai4j.vision.data.PartShapesConfig;
import io.xai4j.vision.data.PartShapesGenerator;
import io.xai4j.vision.data.PartShapesSplit;
import io.xai4j.vision.data.Split;
import io.xai4j.vision.experiment.ImageEvaluation;
import io.xai4j.vision.explain.Explainers;
import io.xai4j.vision.model.CnnClassifier;
import io.xai4j.vision.model.ModelFile;
import io.xai4j.vision.model.SmallResNet;
import io.xai4j.vision.model.SmallResNetConfig;
import io.xai4j.vision.train.ClassifierTrainer;
import io.xai4j.vision.train.EpochStats;
import io.xai4j.vision.train.TrainingConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import java.util.stream.IntStream;

/** The first user journey: PartShapes → CNN → every explainer → every metric → one HTML report. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Generate PartShapes, train the CNN, explain test images with every method, evaluate, write the report.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--output-dir", description = "Where report.html, metrics.json and the model go (default: out/demo, and"
            + " out/demo-graph with --graph); a folder holding another command's report is refused.")
    Path outputDir;

    @Option(names = "--epochs", defaultValue = "12", description = "Training epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--eval-images", defaultValue = "64", description = "Test images scored by every metric (default: ${DEFAULT-VALUE}).")
    int evalImages;

    @Option(names = "--show-images", defaultValue = "8", description = "Test images shown in the report (default: ${DEFAULT-VALUE}).")
    int showImages;

    @Option(names = "--rise-masks", defaultValue = "500",
            description = "RISE masks in the demo (default: ${DEFAULT-VALUE}; the explain command's default is the spec's 4000).")
    int riseMasks;

    @Option(names = "--pipnet", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also train PIP-Net briefly and add its sections: scoring sheet, prototypes, local explanations"
                    + " (default: on; --no-pipnet skips it).")
    boolean pipnet;

    @Option(names = "--pipnet-epochs", defaultValue = "2,6", split = ",", arity = "1",
            description = "PIP-Net pretraining and training epochs for --pipnet (default: ${DEFAULT-VALUE}).")
    int[] pipnetEpochs;

    @Option(names = "--ppn", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also fit post-hoc part-prototypes to the CNN and add their section (default: on; --no-ppn skips it).")
    boolean ppn;

    @Option(names = "--scouter", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also train SCOUTER+ and SCOUTER- briefly on the CNN's backbone and add their sections: metrics, the common"
                    + " metric table, why and why not (default: on; --no-scouter skips it).")
    boolean scouter;

    @Option(names = "--scouter-epochs", defaultValue = "5", description = "SCOUTER epochs per variant for --scouter (default: ${DEFAULT-VALUE}).")
    int scouterEpochs;

    @Option(names = "--nnexplainer", negatable = true, defaultValue = "false", fallbackValue = "true",
            description = "Also train NN-Explainer briefly for the CNN, add it to the metric table and the gallery, and add its section:"
                    + " mask metrics and the class-specific softmax table next to Grad-CAM (default: off; it takes the demo's peak"
                    + " memory above 2 GB, docs/nn-explainer.md).")
    boolean nnexplainer;

    @Option(names = "--nnexplainer-epochs", defaultValue = "5",
            description = "NN-Explainer epochs on the first 640 training images for --nnexplainer (default: ${DEFAULT-VALUE}).")
    int nnexplainerEpochs;

    @Option(names = "--seed", defaultValue = "0", description = "Seed for data, initialisation and shuffling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--graph", description = "Run the graph demo instead: GCN on BBBP (scaffold split), six graph explainers, molecule pictures"
            + " (takes --epochs, default 5, --seed and --show-images, default 4).")
    boolean graph;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** --output-dir, or each demo's own default folder, so that one demo's report never replaces the other's. */
    Path outputDir() {
        return outputDir != null ? outputDir : Path.of(graph ? "out/demo-graph" : "out/demo");
    }

    @Override
    public Integer call() {
        Path outputDir = outputDir();
        if (pipnetEpochs.length != 2) {
            throw new IllegalArgumentException("--pipnet-epochs takes two numbers, pretraining and training epochs (e.g. 2,6), got "
                    + pipnetEpochs.length);
        }
        Checks.atLeast("--epochs", epochs, 1);
        Checks.atLeast("--scouter-epochs", scouterEpochs, 1);
        if (!scouter) {
            Checks.unused(spec, "with --no-scouter", "--scouter-epochs");
        }
        if (!pipnet) {
            Checks.unused(spec, "with --no-pipnet", "--pipnet-epochs");
        }
        Checks.atLeast("--nnexplainer-epochs", nnexplainerEpochs, 1);
        if (!nnexplainer) {
            Checks.unused(spec, "without --nnexplainer", "--nnexplainer-epochs");
        }
        Checks.atLeast("--eval-images", evalImages, 1);
        Checks.atLeast("--show-images", showImages, 1);
        Checks.atLeast("--rise-masks", riseMasks, 1);
        if (graph) {
            Checks.unused(spec, "by the graph demo (--graph takes --epochs, --seed and --show-images)", "--eval-images", "--rise-masks",
                    "--ppn", "--no-ppn", "--pipnet", "--no-pipnet", "--pipnet-epochs", "--scouter", "--no-scouter", "--scouter-epochs",
                    "--nnexplainer", "--no-nnexplainer", "--nnexplainer-epochs");
        }
        String owner = spec.qualifiedName() + (graph ? " --graph" : "");
        Checks.reportFolder("--output-dir", outputDir, owner);
        if (graph) {
            var parsed = spec.commandLine().getParseResult();
            var quick = io.xai4j.graph.experiment.BbbpDemo.Options.quick();
            var options = new io.xai4j.graph.experiment.BbbpDemo.Options(parsed.hasMatchedOption("--epochs") ? epochs : quick.epochs(),
                    quick.batchSize(), seed, parsed.hasMatchedOption("--show-images") ? showImages : quick.shownMolecules(), Console.interactive());
            HtmlReport report = new HtmlReport("xai4j demo — graph CNN explanations on BBBP");
            var result = io.xai4j.cli.graph.GraphDemo.runBbbpDemo(outputDir, report, options);
            Checks.ownReport(outputDir, owner);
            report.write(outputDir.resolve("report.html"));
            Console.info("BBBP test ROC-AUC %.3f; report: %s", result.testRocAuc(), outputDir.resolve("report.html").toAbsolutePath());
            return 0;
        }
        long t0 = System.nanoTime();
        PartShapesConfig config = PartShapesConfig.defaults().toBuilder().optSeed(seed).build();
        PartShapesGenerator generator = new PartShapesGenerator(config);
        PartShapesSplit train = generator.generate(Split.TRAIN), val = generator.generate(Split.VAL), test = generator.generate(Split.TEST);
        Console.info("PartShapes: %d train / %d val / %d test images of %dx%d px, %d classes",
                train.size(), val.size(), test.size(), train.width(), train.height(), train.classNames().size());
        Normalization norm = Normalization.fit(train);
        ImageBatches trainData = new ImageBatches(train, norm);
        ImageBatches valData = new ImageBatches(val, norm);
        ImageBatches testData = new ImageBatches(test, norm);
        SmallResNetConfig arch = SmallResNetConfig.forImageSize(train.width(), 3, train.classNames().size());
        ModelFile.Header header = new ModelFile.Header(arch, train.classNames(), train.width(), norm.mean(), norm.std(), null);
        try (NDManager root = NDManager.newBaseManager()) {
            CnnClassifier model = SmallResNet.create(root.newSubManager(), arch, train.classNames(), train.width(), seed);
            Path checkpoint = outputDir.resolve("checkpoint.xai4j");
            List<EpochStats> history = new ClassifierTrainer(TrainingConfig.defaults(epochs, 64, seed).withHorizontalFlip(true), header, checkpoint, Console.interactive())
                    .train(model, trainData, valData);
            ModelFile.save(outputDir.resolve("model.xai4j"), model, new ModelFile.Header(arch, header.classNames(), header.imageSize(),
                    header.mean(), header.std(), DataSets.provenance("partshapes", null, seed, false)), null);
            double testAccuracy = ClassifierTrainer.evaluate(model, testData, 128)[1];
            Console.info("test accuracy %.4f", testAccuracy);

            List<String> methods = new java.util.ArrayList<>(Explainers.defaults());
            io.xai4j.cli.nnexplainer.NnExplainerDemo.Trained explainer = null;
            if (nnexplainer) { // NN-Explainer for this CNN (issue 16), then in the common table and the gallery like every method
                explainer = io.xai4j.cli.nnexplainer.NnExplainerDemo.train(model, "model.xai4j", trainData, valData, outputDir.resolve("nnexplainer"),
                        nnexplainerEpochs, seed);
                methods.add("nnexplainer");
            }
            String explainerFile = explainer == null ? null : explainer.file().toString();
            int[] evalIdx = IntStream.range(0, Math.min(evalImages, test.size())).toArray();
            ImageEvaluation.Result result = ImageEvaluation.run(model, testData, evalIdx,
                    i -> new boolean[][][] {test.evidenceMask(i), test.distractorMask(i)}, methods, 16, riseMasks, 16, seed, explainerFile, null,
                    Console.interactive());

            String explanations = ImageReport.explanations(model, testData, IntStream.range(0, Math.min(showImages, test.size())).toArray(), methods, riseMasks, seed,
                    explainerFile, null);
            double minutes = (System.nanoTime() - t0) / 6e10;
            HtmlReport report = new HtmlReport("xai4j demo — PartShapes");
            report.addSection("summary", "Summary", String.format(Locale.ROOT,
                    "<p>SmallResNet (%d trainable parameters) trained %s on %d PartShapes images; test accuracy <b>%.4f</b> on %d images."
                            + " Run time %.1f min. Seed %d.</p>",
                    model.trainableParameterCount(), Console.count(history.size(), "epoch"), train.size(), testAccuracy, test.size(), minutes, seed));
            report.addSection("explanations", "Explanations", explanations);
            report.addSection("metrics", "Metrics", ImageReport.metricTable(result));
            report.addSection("training", "Training", ImageReport.trainingCurves(history));
            Map<String, Object> nnexplainerJson = explainer == null ? null
                    : io.xai4j.cli.nnexplainer.NnExplainerDemo.addTo(report, explainer, model, testData, test, evalIdx, seed);
            if (ppn) { // post-hoc part-prototypes (issue 17): its own class, its own folder
                io.xai4j.cli.ppn.PpnDemo.addTo(report, model, norm, train, test, outputDir.resolve("ppn"), seed);
            }
            Map<String, Object> scouterJson = null;
            if (scouter) { // SCOUTER+ and SCOUTER- on this CNN's backbone (issue 15)
                scouterJson = io.xai4j.cli.scouter.ScouterDemo.addTo(report, model, outputDir.resolve("model.xai4j"), arch, norm, trainData, valData,
                        outputDir.resolve("scouter"), scouterEpochs, evalIdx.length, 4, seed);
            }
            if (pipnet) {
                io.xai4j.cli.pipnet.PipNetDemo.addTo(report, train, test, generator.generate(Split.OOD), outputDir.resolve("pipnet"),
                        pipnetEpochs[0], pipnetEpochs[1], seed);
            }
            Checks.ownReport(outputDir, owner);
            report.write(outputDir.resolve("report.html"));
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("testAccuracy", testAccuracy);
            json.put("history", history);
            json.put("metrics", ImageReport.json(result, test.classNames()));
            json.put("baselines", ImageReport.baselinesJson(result));
            json.put("minutes", minutes);
            if (scouterJson != null) {
                json.put("scouter", scouterJson);
            }
            if (nnexplainerJson != null) {
                json.put("nnexplainer", nnexplainerJson);
            }
            Json.writeFile(outputDir.resolve("metrics.json"), json);
            io.xai4j.core.io.CsvTables.write(outputDir.resolve("metrics.csv"), ImageReport.CSV_HEADER, ImageReport.csvRows(result));
            Console.info("%s", ImageReport.plainTable(result));
            Console.info("report: %s (%.1f min)", outputDir.resolve("report.html").toAbsolutePath(), minutes);
            model.close();
        }
        return 0;
    }

}

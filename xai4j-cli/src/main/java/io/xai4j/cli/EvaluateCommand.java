package io.xai4j.cli;

import ai.djl.ndarray.NDManager;
import io.xai4j.core.io.Json;
import io.xai4j.core.report.HtmlReport;
import io.xai4j.vision.data.ImageDataset;
import io.xai4j.vision.data.Normalization;
import io.xai4j.vision.data.PartShapesSplit;
import io.xai4j.vision.experiment.ImageEvaluation;
import io.xai4j.vision.explain.Explainers;
import io.xai4j.vision.model.ImageClassifier;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import java.util.stream.IntStream;

/** Scores every explainer on a test split with every metric; ground-truth metrics where the data has masks (PartShapes). */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate explainers of a trained model on a test split; writes metrics.json, metrics.csv and report.html.")
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--model", description = "An xai4j model file (or --torchscript).")
    Path model;

    @picocli.CommandLine.Mixin
    TorchScriptOptions torchscript;

    @picocli.CommandLine.Mixin
    ExplainerFileOption explainer;

    @Option(names = "--dataset", description = "partshapes, fashion-mnist or folder (default: the data set the model was trained on, as"
            + " train and demo record it; partshapes for files without the record and for --torchscript). With --torchscript the"
            + " images are read at --input-size (PartShapes and Fashion-MNIST at their own 64 and 28 px) and the class names default"
            + " to the data's.")
    String dataset;

    @Option(names = "--data-dir", description = "See train --help (default: the model's, when --dataset is not given).")
    Path dataDir;

    @Option(names = "--skip-bad", description = "Skip unreadable images of a folder data set (counted and listed) instead of failing.")
    boolean skipBad;

    @Option(names = {"--method", "--methods"}, split = ",", defaultValue = "${sys:xai4j.image.default-methods}",
            description = "Methods: ${sys:xai4j.image.methods} (default: ${DEFAULT-VALUE}).")
    List<String> methods;

    @Option(names = "--images", defaultValue = "64", description = "Test images to score (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--show-images", defaultValue = "8", description = "Test images shown in the report, explained by every method"
            + " (default: ${DEFAULT-VALUE}; 0: none).")
    int showImages;

    @Option(names = "--mprt-images", defaultValue = "16", description = "Images for the randomisation check (default: ${DEFAULT-VALUE}).")
    int mprtImages;

    @Option(names = "--rise-masks", defaultValue = "4000", description = "(default: ${DEFAULT-VALUE})")
    int riseMasks;

    @Option(names = "--seed", description = "Data seed (PartShapes) and RISE seed (default: the model's training seed when --dataset is"
            + " not given, else 0).")
    Long seed;

    @Option(names = "--prototypes", description = "A prototype file from 'xai4j ppn fit' for the methods that read one (ppn).")
    Path prototypes;

    @Option(names = "--output-dir", defaultValue = "out/evaluate", description = "(default: ${DEFAULT-VALUE})")
    Path outputDir;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Checks.outputFolder("--output-dir", outputDir);
        Checks.atLeast("--images", images, 1);
        Checks.atLeast("--mprt-images", mprtImages, 0);
        Checks.atLeast("--show-images", showImages, 0);
        Checks.atLeast("--rise-masks", riseMasks, 1);
        torchscript.checkAgainst(spec, model, false);
        methods = Explainers.registry().canonical(methods);
        Checks.unusedSettings(spec, methods, io.xai4j.core.explain.MethodOptions.Setting.EXPLAINER_FILE,
                io.xai4j.core.explain.MethodOptions.Setting.PROTOTYPES);
        Checks.reportFolder("--output-dir", outputDir, "xai4j evaluate"); // never replaces another command's report
        try (NDManager root = NDManager.newBaseManager()) {
            ModelFiles.Loaded loaded = model == null ? null : ModelFiles.load(model, root);
            // without --dataset: the data the model file records (train, demo), else PartShapes
            com.fasterxml.jackson.databind.JsonNode recorded = dataset != null || loaded == null || loaded.extra() == null ? null
                    : loaded.extra().get("data");
            String evalSet = this.dataset != null ? this.dataset : recorded != null ? recorded.get("dataset").asText() : "partshapes";
            Path evalDir = this.dataDir != null ? this.dataDir
                    : recorded != null && recorded.hasNonNull("dataDir") ? Path.of(recorded.get("dataDir").asText()) : null;
            long evalSeed = this.seed != null ? this.seed : recorded != null ? recorded.get("seed").asLong() : 0;
            boolean evalSkipBad = this.skipBad || recorded != null && recorded.path("skipBad").asBoolean();
            if (recorded != null) {
                Console.info("data: %s%s, seed %d (recorded in %s%s)", evalSet, evalDir == null ? "" : " " + evalDir, evalSeed, model,
                        this.dataDir != null || this.seed != null ? "; options override it" : "");
            }
            int imageSize = loaded != null ? loaded.imageSize() : torchscript.inputSize;
            ImageDataset test = DataSets.loadTest(evalSet, evalDir, imageSize, evalSeed, evalSkipBad, DataSets.FolderSplit.recorded(recorded));
            ImageClassifier net;
            Normalization norm;
            Path modelPath;
            if (loaded != null) {
                net = loaded.model();
                norm = loaded.normalization();
                modelPath = model;
            } else {
                // the generated data sets have their own size (PartShapes 64 px, Fashion-MNIST 28 px); a folder is read at --input-size
                if (test.width() != torchscript.inputSize || test.height() != torchscript.inputSize) {
                    if (spec.commandLine().getParseResult().hasMatchedOption("--input-size")) {
                        throw new IllegalArgumentException("--input-size " + torchscript.inputSize + " but --dataset " + evalSet + " has "
                                + test.width() + "×" + test.height() + " px images; give --input-size " + test.width()
                                + " (the size the model was trained at)");
                    }
                    torchscript.inputSize = test.width();
                }
                TorchScriptOptions.Loaded ts = torchscript.load(test.classNames());
                net = ts.model();
                norm = ts.normalization();
                modelPath = torchscript.file;
            }
            DataSets.requireSameClasses(modelPath, net.classNames(), evalSet, test.classNames());
            List<String> supported = MethodNames.supported(methods, net, modelPath,
                    io.xai4j.core.explain.MethodOptions.defaults().withPrototypes(prototypes).withExplainerFile(explainer.setting()));
            ImageBatches data = new ImageBatches(test, norm);
            int[] idx = IntStream.range(0, Math.min(images, test.size())).toArray();
            ImageEvaluation.Result r = ImageEvaluation.run(net, data, idx,
                    i -> test instanceof PartShapesSplit p ? new boolean[][][] {p.evidenceMask(i), p.distractorMask(i)} : null,
                    supported, 16, riseMasks, mprtImages, evalSeed, explainer.setting(), prototypes, Console.interactive());
            HtmlReport report = new HtmlReport("xai4j evaluation — " + evalSet);
            if (showImages > 0) {
                report.addSection("explanations", "Explanations", ImageReport.explanations(net, data, ImageReport.acrossClasses(test, showImages),
                        supported, riseMasks, evalSeed, explainer.setting(), prototypes));
            }
            report.addSection("metrics", "Metrics", ImageReport.metricTable(r));
            Checks.ownReport(outputDir, "xai4j evaluate");
            report.write(outputDir.resolve("report.html"));
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("model", modelPath.toString());
            json.put("dataset", evalSet);
            json.put("images", r.images());
            json.put("metrics", ImageReport.json(r, test.classNames()));
            json.put("baselines", ImageReport.baselinesJson(r));
            Json.writeFile(outputDir.resolve("metrics.json"), json);
            io.xai4j.core.io.CsvTables.write(outputDir.resolve("metrics.csv"), ImageReport.CSV_HEADER, ImageReport.csvRows(r));
            Console.info("%s", ImageReport.plainTable(r));
            Console.info("wrote metrics.json, metrics.csv and report.html to %s", outputDir);
            net.close();
        }
        return 0;
    }
}

package io.xai4j.cli.ppn;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import io.xai4j.cli.Checks;
import io.xai4j.cli.Console;
import io.xai4j.cli.DataSets;
import io.xai4j.core.io.Json;
import io.xai4j.vision.data.Normalization;
import io.xai4j.vision.model.ImageClassifier;
import io.xai4j.vision.model.ModelFile;
import io.xai4j.vision.model.TorchScriptClassifier;
import io.xai4j.vision.ppn.FitSettings;
import io.xai4j.vision.ppn.PostHocPrototypes;
import io.xai4j.vision.ppn.PrototypeFitter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xai4j ppn fit}: per-class NMF prototypes of a trained model's head (docs/methods/posthoc-ppn.md#fitting); the model is only read. */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = "Fit post-hoc part-prototypes to a trained CNN (xai4j model file or TorchScript export); writes a prototype file.")
final class PpnFitCommand implements Callable<Integer> {

    @Option(names = "--model", description = "An xai4j model file (train, demo).")
    Path model;

    @Option(names = "--torchscript", description = "A TorchScript export with forward_features, forward_head, classifier_weight/bias.")
    Path torchscript;

    @Option(names = "--classes", split = ",", description = "TorchScript: class names in output order (default: the data's).")
    List<String> classes;

    @Option(names = "--mean", split = ",", defaultValue = "0.485,0.456,0.406", description = "TorchScript: normalisation mean (default: ImageNet).")
    float[] mean;

    @Option(names = "--std", split = ",", defaultValue = "0.229,0.224,0.225", description = "TorchScript: normalisation std (default: ImageNet).")
    float[] std;

    @Option(names = "--dataset", description = "partshapes, fashion-mnist or folder (default: the model file's, else partshapes).")
    String dataset;

    @Option(names = "--data-dir", description = "fashion-mnist / folder data (default: the model file's).")
    Path dataDir;

    @Option(names = "--data-seed", description = "PartShapes data seed (default: the model file's, else 0).")
    Long dataSeed;

    @Option(names = "--input-size", defaultValue = "64", description = "TorchScript and folder data: square input size (default: ${DEFAULT-VALUE}).")
    int inputSize;

    @Option(names = "-k", defaultValue = "3", description = "Part prototypes per class (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--max-images", defaultValue = "1000", description = "Images per class in the NMF, nMax (default: ${DEFAULT-VALUE}).")
    int maxImages;

    @Option(names = "--objective-images", defaultValue = "200", description = "Images in the β objective, nObj (default: ${DEFAULT-VALUE}).")
    int objectiveImages;

    @Option(names = "--max-iterations", defaultValue = "200", description = "NMF iterations (default: ${DEFAULT-VALUE}).")
    int maxIterations;

    @Option(names = "--tolerance", defaultValue = "1e-4", description = "NMF stopping tolerance (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--background", description = "Fit a background component besides the k parts.")
    boolean background;

    @Option(names = "--correct-only", description = "Use only correctly classified training images.")
    boolean correctOnly;

    @Option(names = "--seed", defaultValue = "0", description = "Fitting seed: image subsets and NMF initialisation (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--output", defaultValue = "out/ppn/prototypes.json", description = "Prototype file (default: ${DEFAULT-VALUE}).")
    Path output;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Checks.outputFile("--output", output);
        if ((model == null) == (torchscript == null)) {
            throw new IllegalArgumentException("give --model (an xai4j model file) or --torchscript (an exported PyTorch model), one of them");
        }
        if (model != null) {
            Checks.unused(spec, "with --model (the model file has its classes and normalisation)", "--classes", "--mean", "--std");
        }
        Checks.atLeast("-k", k, 1);
        Checks.atLeast("--max-images", maxImages, 1);
        Checks.atLeast("--objective-images", objectiveImages, 1);
        Checks.atLeast("--max-iterations", maxIterations, 1);
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("--tolerance must be ≥ 0, got " + tolerance);
        }
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("--mean and --std take three comma-separated values (R,G,B), got " + mean.length + " and " + std.length);
        }
        FitSettings settings = new FitSettings(k, maxImages, objectiveImages, maxIterations, tolerance, background, correctOnly, seed);
        try (NDManager root = NDManager.newBaseManager()) {
            ModelFile.Loaded loaded = model == null ? null : ModelFile.load(model, root);
            JsonNode recorded = loaded == null || loaded.header().extra() == null ? null : loaded.header().extra().get("data");
            String set = dataset != null ? dataset : recorded != null ? recorded.get("dataset").asText() : "partshapes";
            Path dir = dataDir != null ? dataDir : recorded != null && recorded.hasNonNull("dataDir") ? Path.of(recorded.get("dataDir").asText()) : null;
            long dseed = dataSeed != null ? dataSeed : recorded != null ? recorded.get("seed").asLong() : 0;
            boolean skipBad = recorded != null && recorded.path("skipBad").asBoolean();
            int size = loaded != null ? loaded.header().imageSize() : inputSize;
            DataSets.Splits data = DataSets.load(set, dir, size, dseed, skipBad);
            if (loaded == null && data.train().width() != inputSize) {
                if (spec.commandLine().getParseResult().hasMatchedOption("--input-size")) {
                    throw new IllegalArgumentException("--input-size " + inputSize + " but --dataset " + set + " has " + data.train().width()
                            + " px images");
                }
                size = data.train().width();
            }
            ImageClassifier net = loaded != null ? loaded.model()
                    : TorchScriptClassifier.load(torchscript, classes != null ? classes : data.train().classNames(), new int[] {3, size, size});
            Normalization norm = loaded != null ? loaded.header().normalization() : new Normalization(mean, std);
            Path file = loaded != null ? model : torchscript;
            DataSets.requireSameClasses(file, net.classNames(), set, data.train().classNames());
            com.fasterxml.jackson.databind.node.ObjectNode provenance = Json.MAPPER.createObjectNode();
            provenance.put("dataset", set);
            provenance.put("dataDir", dir == null ? null : dir.toAbsolutePath().toString());
            provenance.put("seed", dseed);
            provenance.put("skipBad", skipBad);
            PostHocPrototypes.BlackBox ref = new PostHocPrototypes.BlackBox(loaded != null ? "xai4j" : "torchscript", file.toAbsolutePath().toString(),
                    BlackBoxes.sha256(file), size, norm.mean(), norm.std(), net.featureLayer(), provenance);
            long t0 = System.nanoTime();
            PostHocPrototypes p = PrototypeFitter.builder().setModel(net).setData(data.train()).setNormalization(norm).optSettings(settings)
                    .optBlackBox(ref).optProgress(Console.interactive()).build().fit();
            double seconds = (System.nanoTime() - t0) / 1e9;
            p.save(output);
            for (var cp : p.classes()) {
                Console.info("%-12s %d images, NMF relative error %.4f, α %s, β %s", p.classNames().get(cp.classIndex()), cp.images(), cp.nmfError(),
                        fmt(cp.alpha()), fmt(cp.beta()));
            }
            Console.info("fitted %d×%d prototypes on %d training images in %.1f s; wrote %s", p.classes().size(), settings.components(),
                    data.train().size(), seconds, output);
            net.close();
        }
        return 0;
    }

    private static String fmt(double[] v) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            b.append(i > 0 ? ", " : "").append(String.format(java.util.Locale.ROOT, "%.3f", v[i]));
        }
        return b.append(']').toString();
    }
}

package io.xai4j.cli.nnexplainer;

import ai.djl.ndarray.NDManager;
import io.xai4j.cli.TorchScriptOptions;
import io.xai4j.vision.data.Normalization;
import io.xai4j.vision.model.ImageClassifier;
import io.xai4j.vision.model.ModelFile;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The frozen classifier: {@code --model} (an xai4j CNN file) or {@code --torchscript} with its options. */
final class ClassifierOptions {

    @Option(names = "--model", description = "The classifier to explain: an xai4j model file (or --torchscript).")
    Path model;

    @Mixin
    TorchScriptOptions torchscript;

    /** A loaded classifier, its input normalisation, its file and, for an xai4j file, its header. */
    record Loaded(ImageClassifier classifier, Normalization normalization, Path file, ModelFile.Header header) {}

    /** The data a command uses: the set, its folder, its seed and the classifier's input size. */
    record Data(String dataset, Path dir, long seed, int imageSize, com.fasterxml.jackson.databind.JsonNode recorded) {}

    /**
     * {@code --dataset}, {@code --data-dir} and {@code --seed} where given, else what the classifier's model file records
     * of its training data, else PartShapes with seed 0.
     */
    Data data(String dataset, Path dataDir, Long seed) {
        ModelFile.Header header = model == null ? null : ModelFile.readHeader(model);
        com.fasterxml.jackson.databind.JsonNode recorded = dataset != null || header == null || header.extra() == null ? null
                : header.extra().get("data");
        String set = dataset != null ? dataset : recorded != null ? recorded.get("dataset").asText() : "partshapes";
        Path dir = dataDir != null ? dataDir : recorded != null && recorded.hasNonNull("dataDir") ? Path.of(recorded.get("dataDir").asText()) : null;
        long dataSeed = seed != null ? seed : recorded != null ? recorded.get("seed").asLong() : 0;
        int size = header != null ? header.imageSize() : torchscript.inputSize();
        return new Data(set, dir, dataSeed, size, recorded);
    }

    void check(CommandSpec spec) {
        torchscript.checkAgainst(spec, model, false);
    }

    /** Loads the classifier; a TorchScript export takes {@code defaultClasses} unless --classes is given. */
    Loaded load(NDManager root, List<String> defaultClasses) {
        if (model != null) {
            ModelFile.Loaded loaded = ModelFile.load(model, root);
            return new Loaded(loaded.model(), loaded.header().normalization(), model, loaded.header());
        }
        TorchScriptOptions.Loaded loaded = torchscript.load(defaultClasses);
        return new Loaded(loaded.model(), loaded.normalization(), torchscript.file(), null);
    }
}

package io.xai4j.cli.nnexplainer;

import ai.djl.ndarray.NDManager;
import io.xai4j.cli.Console;
import io.xai4j.cli.ImageBatches;
import io.xai4j.core.io.Json;
import io.xai4j.core.report.HtmlReport;
import io.xai4j.vision.data.PartShapesSplit;
import io.xai4j.vision.model.ImageClassifier;
import io.xai4j.vision.nnexplainer.CompactUNet;
import io.xai4j.vision.nnexplainer.NnExplainer;
import io.xai4j.vision.nnexplainer.NnExplainerConfig;
import io.xai4j.vision.nnexplainer.NnExplainerEpoch;
import io.xai4j.vision.nnexplainer.NnExplainerTrainer;
import io.xai4j.vision.train.TrainingData;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The NN-Explainer part of {@code xai4j demo}: a short training of the explainer network for the frozen demo CNN (the
 * defaults of {@code nnexplainer train}, on the first {@link #TRAIN_IMAGES} training and {@link #VAL_IMAGES} validation
 * images, {@code epochs} epochs), then its section: the mask metrics and the class-specific softmax table of the explainer
 * and Grad-CAM on the demo's evaluation images. The demo adds {@code nnexplainer} to its common metric table and its
 * explanation gallery with the file written here, which stays ready for {@code xai4j nnexplainer explain | evaluate}.
 */
public final class NnExplainerDemo {

    /** Training and validation images of the short run: the reduced protocol's (docs/nn-explainer.md). */
    public static final int TRAIN_IMAGES = 640, VAL_IMAGES = 160;

    /** The trained explainer: its file, the training images it saw, its epochs and the minutes they took. */
    public record Trained(Path file, int trainImages, List<NnExplainerEpoch> history, double minutes) {}

    private NnExplainerDemo() {}

    /**
     * Trains the explainer of {@code classifier} for {@code epochs} epochs (without early stopping, which a short run would
     * not reach) and writes it to {@code outputDir/explainer.xai4j}; a killed demo started again resumes it.
     */
    public static Trained train(ImageClassifier classifier, String classifierName, ImageBatches train, ImageBatches val, Path outputDir,
            int epochs, long seed) {
        NnExplainerConfig config = NnExplainerConfig.defaults().withSeed(seed).withStopping(epochs, NnExplainerConfig.defaults().minDelta(), epochs);
        Path file = outputDir.resolve("explainer.xai4j");
        long t0 = System.nanoTime();
        TrainingData trainFirst = new ImageBatches(train.data().head(TRAIN_IMAGES), train.normalization());
        try (NDManager m = NDManager.newBaseManager()) {
            CompactUNet net = new CompactUNet(m, classifier.inputShape()[0], classifier.numClasses(), config.levels(), config.baseWidth(), seed);
            List<NnExplainerEpoch> history = new NnExplainerTrainer(config, file, Console.interactive(), classifierName)
                    .train(net, classifier, trainFirst, new ImageBatches(val.data().head(VAL_IMAGES), val.normalization()));
            return new Trained(file, trainFirst.size(), history, (System.nanoTime() - t0) / 6e10);
        }
    }

    /**
     * Adds the section "nnexplainer" and its tables (the explainer and Grad-CAM on the images {@code idx} of {@code parts})
     * to {@code report}, writes {@code metrics.json} beside the explainer file and returns its JSON.
     */
    public static Map<String, Object> addTo(HtmlReport report, Trained trained, ImageClassifier classifier, ImageBatches test, PartShapesSplit parts,
            int[] idx, long seed) {
        NnExplainerEpoch last = trained.history().get(trained.history().size() - 1);
        report.addSection("nnexplainer", "NN-Explainer", String.format(Locale.ROOT, "<p>NN-Explainer (Stalder et al., NeurIPS 2022): a"
                + " U-Net (%d levels, width %d) trained to explain the frozen CNN above, %d epochs on its first %d training images in %.1f min"
                + " (seed %d); one forward pass gives every class's mask. Last epoch: validation loss %.4f, mean target-mask area %.3f."
                + " A short demo run: docs/nn-explainer.md has longer trainings. Its maps are in the metric table and the gallery above"
                + " (<code>nnexplainer</code>); below, the paper's own metrics next to Grad-CAM's.</p>",
                NnExplainerConfig.defaults().levels(), NnExplainerConfig.defaults().baseWidth(), trained.history().size(),
                trained.trainImages(), trained.minutes(), seed, last.valLoss(), last.valMaskMean()));
        NnExplainer explainer = NnExplainer.load(trained.file(), classifier);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("epochs", trained.history().size());
        json.put("minutes", trained.minutes());
        json.put("history", trained.history());
        json.putAll(NnExplainerReports.evaluate(classifier, explainer, trained.file().getFileName().toString(), test, idx, parts,
                List.of("gradcam"), 1, 16, report, "nnexplainer-"));
        Json.writeFile(trained.file().resolveSibling("metrics.json"), json);
        return json;
    }
}

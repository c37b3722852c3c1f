package io.xai4j.cli.nnexplainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import io.xai4j.cli.ImageBatches;
import io.xai4j.core.io.Json;
import io.xai4j.core.report.HtmlReport;
import io.xai4j.vision.data.Normalization;
import io.xai4j.vision.data.PartShapesConfig;
import io.xai4j.vision.data.PartShapesGenerator;
import io.xai4j.vision.data.PartShapesSplit;
import io.xai4j.vision.data.Split;
import io.xai4j.vision.experiment.ImageEvaluation;
import io.xai4j.vision.model.CnnClassifier;
import io.xai4j.vision.model.SmallResNet;
import io.xai4j.vision.model.SmallResNetConfig;
import io.xai4j.vision.nnexplainer.NnExplainer;
import io.xai4j.vision.nnexplainer.NnExplainerEvaluation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The NN-Explainer part of {@code xai4j demo}: the short training, its file, its section and its place in the common table. */
class NnExplainerDemoTest {

    @Test
    void trainsTheExplainerAndReportsItNextToGradCam(@TempDir Path dir) throws Exception {
        PartShapesGenerator g = new PartShapesGenerator(PartShapesConfig.defaults().toBuilder().optSeed(0).optSplitSizes(48, 16, 16, 8).build());
        PartShapesSplit train = g.generate(Split.TRAIN), val = g.generate(Split.VAL), test = g.generate(Split.TEST);
        Normalization norm = Normalization.fit(train);
        SmallResNetConfig arch = SmallResNetConfig.forImageSize(train.width(), 3, train.classNames().size());
        HtmlReport report = new HtmlReport("demo");
        try (NDManager root = NDManager.newBaseManager()) {
            CnnClassifier cnn = SmallResNet.create(root.newSubManager(), arch, train.classNames(), train.width(), 0);
            ImageBatches testData = new ImageBatches(test, norm);
            NnExplainerDemo.Trained trained = NnExplainerDemo.train(cnn, "model.xai4j", new ImageBatches(train, norm), new ImageBatches(val, norm),
                    dir.resolve("nnexplainer"), 1, 0);
            assertEquals(48, trained.trainImages(), "a split smaller than the short run's 640 images is taken whole");
            assertEquals(1, trained.history().size());
            assertTrue(Files.exists(trained.file()));
            // a demo started again finds the finished run and resumes nothing
            NnExplainerDemo.Trained again = NnExplainerDemo.train(cnn, "model.xai4j", new ImageBatches(train, norm), new ImageBatches(val, norm),
                    dir.resolve("nnexplainer"), 1, 0);
            assertEquals(trained.history().get(0).valLoss(), again.history().get(0).valLoss(), 0.0);

            int[] idx = {0, 1, 2, 3, 4};
            JsonNode json = Json.MAPPER.valueToTree(NnExplainerDemo.addTo(report, trained, cnn, testData, test, idx, 0));
            assertEquals(5, json.get("images").asInt());
            assertEquals(1, json.get("epochs").asInt());
            assertEquals(List.of("nnexplainer", "gradcam"), iterable(json.get("methods").fieldNames()));
            // the section's figures are those of the saved file, scored on its own
            NnExplainerEvaluation.MethodResult own = NnExplainerEvaluation.run("nnexplainer", cnn,
                    NnExplainerEvaluation.of(NnExplainer.load(trained.file(), cnn)), testData, idx, test::evidenceMask, cnn.classNames(), 2);
            assertEquals(own.continuousIou().mean(), json.get("methods").get("nnexplainer").get("continuousIou").get("mean").asDouble(), 1e-9);
            assertTrue(Files.exists(dir.resolve("nnexplainer").resolve("metrics.json")));

            // what the demo adds to its common metric table: the same file through the method registry
            ImageEvaluation.Result r = ImageEvaluation.run(cnn, testData, idx, i -> new boolean[][][] {test.evidenceMask(i), test.distractorMask(i)},
                    List.of("nnexplainer"), 16, 1, 0, 0, trained.file().toString(), null, false);
            assertEquals("nnexplainer", r.methods().get(0).method());
            assertTrue(Double.isFinite(r.methods().get(0).headline("energy_pointing_game")));
        }
        report.write(dir.resolve("report.html"));
        String html = Files.readString(dir.resolve("report.html"));
        for (String id : new String[] {"id=\"nnexplainer\"", "id=\"nnexplainer-metrics\"", "id=\"nnexplainer-class-specific\""}) {
            assertTrue(html.contains(id), id);
        }
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}

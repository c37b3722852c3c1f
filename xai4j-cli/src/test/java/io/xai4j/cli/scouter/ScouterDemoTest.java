package io.xai4j.cli.scouter;

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
import io.xai4j.vision.model.CnnClassifier;
import io.xai4j.vision.model.SmallResNet;
import io.xai4j.vision.model.SmallResNetConfig;
import io.xai4j.vision.scouter.ScouterFile;
import io.xai4j.vision.scouter.ScouterTrainer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SCOUTER part of {@code xai4j demo}: both variants on the demo CNN's backbone, their files, metrics and report sections. */
class ScouterDemoTest {

    @Test
    void trainsBothVariantsOnTheCnnsBackboneAndReportsThem(@TempDir Path dir) throws Exception {
        PartShapesGenerator g = new PartShapesGenerator(PartShapesConfig.defaults().toBuilder().optSeed(0).optSplitSizes(64, 16, 16, 8).build());
        PartShapesSplit train = g.generate(Split.TRAIN), val = g.generate(Split.VAL);
        Normalization norm = Normalization.fit(train);
        SmallResNetConfig arch = SmallResNetConfig.forImageSize(train.width(), 3, train.classNames().size());
        HtmlReport report = new HtmlReport("demo");
        try (NDManager root = NDManager.newBaseManager()) {
            CnnClassifier cnn = SmallResNet.create(root.newSubManager(), arch, train.classNames(), train.width(), 0);
            JsonNode json = Json.MAPPER.valueToTree(ScouterDemo.addTo(report, cnn, dir.resolve("model.xai4j"), arch, norm,
                    new ImageBatches(train, norm), new ImageBatches(val, norm), dir.resolve("scouter"), 1, 5, 2, 0));
            assertEquals(2, json.get("scouter").size());
            assertEquals("scouter+", json.get("scouter").get(0).get("variant").asText());
            assertEquals("scouter-", json.get("scouter").get(1).get("variant").asText());
            assertEquals(5, json.get("images").asInt());
            for (String f : new String[] {"scouter-pos.xai4j", "scouter-neg.xai4j", "metrics.json"}) {
                assertTrue(Files.exists(dir.resolve("scouter").resolve(f)), f);
            }
            // the top-1 reported is the saved model's on the test split its header records (what scouter evaluate would say)
            ScouterData saved = ScouterData.load(dir.resolve("scouter").resolve("scouter-neg.xai4j"), root);
            assertEquals(ScouterTrainer.accuracy(saved.model(), saved.batches, 128), json.get("scouter").get(1).get("top1").asDouble(), 1e-12);
            assertEquals(1.0, saved.lambda());
            assertEquals(dir.resolve("model.xai4j").toAbsolutePath().toString(), saved.loaded.header().extra().get("baseline").asText());
            saved.close();
            assertEquals(1, ScouterFile.load(dir.resolve("scouter").resolve("scouter-pos.xai4j"), root).header().extra().get("history").size(),
                    "one epoch of history");
        }
        report.write(dir.resolve("report.html"));
        String html = Files.readString(dir.resolve("report.html"));
        for (String id : new String[] {"id=\"scouter\"", "id=\"scouter-bench\"", "id=\"scouter-why\""}) {
            assertTrue(html.contains(id), id);
        }
        assertTrue(html.contains("why not"), "SCOUTER-'s least-similar class explained");
    }
}

package io.xai4j.cli.scouter;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import io.xai4j.cli.Checks;
import io.xai4j.cli.Console;
import io.xai4j.cli.ImageBatches;
import io.xai4j.core.io.Json;
import io.xai4j.core.report.HtmlReport;
import io.xai4j.vision.explain.Explainers;
import io.xai4j.vision.model.ModelFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * SCOUTER's metrics (docs/methods/scouter.md#metrics) on the test split its model records: top-1 of each SCOUTER model
 * and of the FC baseline; area size, precision, IAUC and DAUC of the explained class's map; the true class's area
 * next to the others' (the "why not" check); and the method × metric table of the other commands, with SCOUTER on its
 * model and Grad-CAM and RISE on the FC baseline, on the same images.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, description = "Accuracy and explanation metrics of SCOUTER models and the FC baseline.")
final class ScouterEvaluateCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, split = ",", description = "SCOUTER model file(s) trained on the same data.")
    List<Path> models;

    @Option(names = "--baseline", description = "The FC baseline (default: the one the first model records, if its file exists).")
    Path baseline;

    @Option(names = "--images", defaultValue = "100", description = "Test images for the explanation metrics (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--baseline-methods", split = ",", defaultValue = "gradcam,rise",
            description = "Methods run on the FC baseline for comparison (default: ${DEFAULT-VALUE}).")
    List<String> baselineMethods;

    @Option(names = "--rise-masks", defaultValue = "1000", description = "(default: ${DEFAULT-VALUE})")
    int riseMasks;

    @Option(names = "--show-images", defaultValue = "6", description = "Images in the why / why-not section (default: ${DEFAULT-VALUE}).")
    int showImages;

    @Option(names = "--seed", defaultValue = "0", description = "RISE's masks (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--output-dir", defaultValue = "out/scouter-evaluate", description = "(default: ${DEFAULT-VALUE})")
    Path outputDir;

    @Override
    public Integer call() {
        Checks.atLeast("--images", images, 1);
        Checks.atLeast("--rise-masks", riseMasks, 1);
        Checks.atLeast("--show-images", showImages, 0);
        Checks.outputFolder("--output-dir", outputDir);
        baselineMethods = Explainers.registry().canonical(baselineMethods);
        try (NDManager root = NDManager.newBaseManager()) {
            List<ScouterData> loaded = new ArrayList<>();
            try {
                for (Path m : models) {
                    loaded.add(ScouterData.load(m, root));
                }
                ScouterData first = loaded.get(0);
                int n = Math.min(images, first.test.size());
                Path fc = baseline;
                JsonNode recorded = first.loaded.header().extra() == null ? null : first.loaded.header().extra().get("baseline");
                if (fc == null && recorded != null && Files.exists(Path.of(recorded.asText()))) {
                    fc = Path.of(recorded.asText());
                }
                HtmlReport report = new HtmlReport("xai4j scouter evaluate");
                Map<String, Object> out;
                if (fc != null) {
                    ModelFile.Loaded b = ModelFile.load(fc, root);
                    try {
                        out = ScouterReports.evaluate(loaded, new ScouterReports.Baseline(b.model(), new ImageBatches(first.test,
                                b.header().normalization()), fc.getFileName().toString(), baselineMethods), n, riseMasks, seed, showImages,
                                report, "", "");
                    } finally {
                        b.model().close();
                    }
                } else {
                    out = ScouterReports.evaluate(loaded, null, n, riseMasks, seed, showImages, report, "", "");
                }
                report.write(outputDir.resolve("report.html"));
                Json.writeFile(outputDir.resolve("metrics.json"), out);
                Console.info("wrote metrics.json and report.html to %s", outputDir);
            } finally {
                loaded.forEach(ScouterData::close);
            }
        }
        return 0;
    }
}

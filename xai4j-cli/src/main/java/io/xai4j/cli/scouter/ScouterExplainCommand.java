package io.xai4j.cli.scouter;

import ai.djl.ndarray.NDManager;
import io.xai4j.cli.Checks;
import io.xai4j.cli.Console;
import io.xai4j.core.io.Json;
import io.xai4j.core.render.Images;
import io.xai4j.core.report.HtmlReport;
import io.xai4j.vision.scouter.ClassEvidence;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Explains test images with SCOUTER models: per image every class's map, logits and evidence sums in
 * {@code explanations.json}; overlays of the predicted class, the true class and (SCOUTER−) the least-similar class as
 * PNGs; a report with "why" and "why not" side by side when a SCOUTER+ and a SCOUTER− model are given.
 */
@Command(name = "explain", mixinStandardHelpOptions = true, description = "Class maps, logits and evidence of SCOUTER models on test images.")
final class ScouterExplainCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, split = ",", description = "SCOUTER model file(s); give a SCOUTER+ and a SCOUTER- model"
            + " for why and why not side by side.")
    List<Path> models;

    @Option(names = "--images", defaultValue = "8", description = "Test images to explain (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--output-dir", defaultValue = "out/scouter-explain", description = "(default: ${DEFAULT-VALUE})")
    Path outputDir;

    @Override
    public Integer call() {
        Checks.atLeast("--images", images, 1);
        Checks.outputFolder("--output-dir", outputDir);
        try (NDManager root = NDManager.newBaseManager()) {
            List<ScouterData> loaded = new ArrayList<>();
            try {
                for (Path m : models) {
                    loaded.add(ScouterData.load(m, root));
                }
                int n = Math.min(images, loaded.get(0).test.size());
                int[] idx = new int[n];
                for (int i = 0; i < n; i++) {
                    idx[i] = i;
                }
                Map<String, Object> json = new LinkedHashMap<>();
                for (int k = 0; k < loaded.size(); k++) {
                    ScouterData d = loaded.get(k);
                    String variant = d.model().config().variant();
                    String tag = loaded.size() == 1 ? "" : variant.replace('+', 'p').replace('-', 'n') + "-";
                    List<ClassEvidence> ev = d.evidence(idx);
                    List<Map<String, Object>> records = new ArrayList<>();
                    for (int r = 0; r < n; r++) {
                        ClassEvidence e = ev.get(r);
                        int label = d.test.label(idx[r]);
                        Map<String, Object> rec = new LinkedHashMap<>();
                        rec.put("image", d.test.source(idx[r]));
                        rec.put("label", label);
                        rec.put("predicted", e.predicted());
                        rec.put("leastSimilar", e.leastSimilar());
                        rec.put("explainedClass", e.explainedClass(label));
                        rec.put("logits", e.logits());
                        rec.put("evidence", e.evidence());
                        rec.put("maps", e.maps());
                        records.add(rec);
                        String base = tag + "image" + idx[r];
                        Images.writePng(outputDir.resolve(base + "-predicted.png"), d.overlay(idx[r], e, e.predicted()));
                        Images.writePng(outputDir.resolve(base + "-true.png"), d.overlay(idx[r], e, label));
                        if (e.sign() < 0) {
                            Images.writePng(outputDir.resolve(base + "-lsc.png"), d.overlay(idx[r], e, e.leastSimilar()));
                        }
                    }
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("model", models.get(k).toString());
                    entry.put("variant", variant);
                    entry.put("classes", d.model().classNames());
                    entry.put("images", records);
                    json.put(variant + (json.containsKey(variant) ? "#" + k : ""), entry);
                }
                Json.writeFile(outputDir.resolve("explanations.json"), json);
                HtmlReport report = new HtmlReport("xai4j scouter explain");
                report.addSection("why", "Why and why not", ScouterData.whyAndWhyNot(loaded, idx));
                report.write(outputDir.resolve("report.html"));
                Console.info("explained %d images with %d model%s; wrote explanations.json, PNG overlays and report.html to %s", n, loaded.size(),
                        loaded.size() == 1 ? "" : "s", outputDir);
            } finally {
                loaded.forEach(ScouterData::close);
            }
        }
        return 0;
    }
}

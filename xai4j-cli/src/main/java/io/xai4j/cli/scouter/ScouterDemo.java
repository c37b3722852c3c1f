package io.xai4j.cli.scouter;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.xai4j.cli.Console;
import io.xai4j.cli.DataSets;
import io.xai4j.cli.ImageBatches;
import io.xai4j.core.io.Json;
import io.xai4j.core.report.HtmlReport;
import io.xai4j.vision.data.Normalization;
import io.xai4j.vision.model.CnnClassifier;
import io.xai4j.vision.model.SmallResNetConfig;
import io.xai4j.vision.scouter.ResNetBackbone;
import io.xai4j.vision.scouter.Scouter;
import io.xai4j.vision.scouter.ScouterFile;
import io.xai4j.vision.scouter.ScouterTrainer;
import io.xai4j.vision.scouter.ScouterTrainingConfig;
import io.xai4j.vision.scouter.SlotAttention;
import io.xai4j.vision.scouter.SlotConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The SCOUTER part of {@code xai4j demo}: SCOUTER+ and SCOUTER− on the demo CNN's backbone (the demo CNN is their FC
 * baseline, use_pre), a short run with {@code scouter train}'s defaults otherwise; their metrics, their maps in the
 * common metric table on the demo's evaluation images, and the why / why-not figures. The two model files stay in the
 * output folder, ready for {@code xai4j scouter explain | evaluate}.
 */
public final class ScouterDemo {

    private ScouterDemo() {}

    /**
     * Trains both variants for {@code epochs} epochs, writes {@code scouter-pos.xai4j}, {@code scouter-neg.xai4j} and
     * {@code metrics.json} to {@code outputDir}, and adds the SCOUTER sections to {@code report}.
     *
     * @param baseline the trained demo CNN, saved as {@code baselineFile}
     * @param evalImages the first test images for the explanation metrics (the demo's evaluation images)
     * @return the JSON written to metrics.json
     */
    public static Map<String, Object> addTo(HtmlReport report, CnnClassifier baseline, Path baselineFile, SmallResNetConfig arch,
            Normalization norm, ImageBatches train, ImageBatches val, Path outputDir, int epochs, int evalImages, int showImages, long seed) {
        long t0 = System.nanoTime();
        List<Path> files = new ArrayList<>();
        List<String> trained = new ArrayList<>();
        for (boolean positive : new boolean[] {true, false}) {
            Path file = outputDir.resolve(positive ? "scouter-pos.xai4j" : "scouter-neg.xai4j");
            ScouterTrainingConfig config = new ScouterTrainingConfig(epochs, 64, 1e-4, 0.01, 70, 0.1, 1, 2, 0, seed);
            try (NDManager m = NDManager.newBaseManager()) {
                ResNetBackbone r = ResNetBackbone.create(m, arch, baseline.classNames(), baseline.inputShape()[1], seed);
                r.copyFrom(baseline);
                SlotConfig slot = SlotConfig.defaults(baseline.classNames().size(), r.channels(), 1, positive);
                try (Scouter model = new Scouter(m, r, SlotAttention.create(m, slot, seed), baseline.classNames(), baseline.inputShape()[1])) {
                    ObjectNode extra = DataSets.provenance("partshapes", null, seed, false);
                    extra.put("baseline", baselineFile.toAbsolutePath().toString());
                    ScouterFile.Header header = ScouterFile.Header.of(model, norm, extra);
                    var history = new ScouterTrainer(config, header, Path.of(file + ".ckpt"), Console.interactive()).train(model, train, val);
                    ObjectNode done = extra.deepCopy();
                    done.set("history", Json.MAPPER.valueToTree(history));
                    done.set("training", Json.MAPPER.valueToTree(config));
                    ScouterFile.save(file, model, header.withExtra(done), null);
                    trained.add(slot.variant());
                }
            }
            files.add(file);
        }
        double minutes = (System.nanoTime() - t0) / 6e10;
        try (NDManager root = NDManager.newBaseManager()) {
            List<ScouterData> loaded = new ArrayList<>();
            try {
                for (Path f : files) {
                    loaded.add(ScouterData.load(f, root));
                }
                String intro = String.format(Locale.ROOT, "<p>SCOUTER (Li et al., ICCV 2021): %s on the backbone of the CNN above, which is"
                        + " their FC baseline, trained %d epochs each in %.1f min (λ 1, lr 1e-4, seed %d). A short demo run: see"
                        + " docs/scouter.md for full trainings. Grad-CAM and RISE on the FC baseline are in the metric table above, on the"
                        + " same images.</p>", String.join(" and ", trained), epochs, minutes, seed);
                Map<String, Object> json = ScouterReports.evaluate(loaded, null, Math.min(evalImages, loaded.get(0).test.size()), 1, seed,
                        showImages, report, intro, "scouter-");
                json.put("epochs", epochs);
                json.put("minutes", minutes);
                Json.writeFile(outputDir.resolve("metrics.json"), json);
                return json;
            } finally {
                loaded.forEach(ScouterData::close);
            }
        }
    }
}

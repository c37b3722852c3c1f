package io.xai4j.cli.scouter;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import io.xai4j.cli.DataSets;
import io.xai4j.cli.ImageBatches;
import io.xai4j.core.render.Images;
import io.xai4j.core.report.HtmlReport;
import io.xai4j.vision.data.ImageDataset;
import io.xai4j.vision.data.PartShapesSplit;
import io.xai4j.vision.scouter.ClassEvidence;
import io.xai4j.vision.scouter.Scouter;
import io.xai4j.vision.scouter.ScouterExplainer;
import io.xai4j.vision.scouter.ScouterFile;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What the SCOUTER commands share: a model with the test split of the data it records, overlays and the why / why-not figures. */
final class ScouterData {

    /** Opacity of the jet map over the image (0.6·image + 0.4·jet, as the official visualisation). */
    static final double ALPHA = 0.4;

    final Path file;
    final ScouterFile.Loaded loaded;
    final ImageDataset test;
    final ImageBatches batches;

    private ScouterData(Path file, ScouterFile.Loaded loaded, ImageDataset test) {
        this.file = file;
        this.loaded = loaded;
        this.test = test;
        this.batches = new ImageBatches(test, loaded.header().normalization());
    }

    /** Loads {@code file} and the test split of the data its header records. */
    static ScouterData load(Path file, NDManager root) {
        ScouterFile.Loaded loaded = ScouterFile.load(file, root);
        JsonNode data = loaded.header().extra() == null ? null : loaded.header().extra().get("data");
        if (data == null) {
            loaded.model().close();
            throw new IllegalArgumentException(file + " records no training data (extra.data); train it with xai4j scouter train");
        }
        String dataset = data.get("dataset").asText();
        Path dir = data.hasNonNull("dataDir") ? Path.of(data.get("dataDir").asText()) : null;
        ImageDataset test = DataSets.loadTest(dataset, dir, loaded.header().imageSize(), data.get("seed").asLong(), data.path("skipBad").asBoolean())
                .toRgb();
        DataSets.requireSameClasses(file, loaded.model().classNames(), dataset, test.classNames());
        return new ScouterData(file, loaded, test);
    }

    Scouter model() {
        return loaded.model();
    }

    /** The model file's name. */
    String name() {
        return file.getFileName().toString();
    }

    /** The area-loss weight λ the model was trained with (NaN if its header does not record it). */
    double lambda() {
        JsonNode training = loaded.header().extra() == null ? null : loaded.header().extra().get("training");
        return training == null ? Double.NaN : training.path("lambda").asDouble(Double.NaN);
    }

    /** Every class's evidence for {@code indices} of the test split. */
    List<ClassEvidence> evidence(int[] indices) {
        try (NDManager sub = model().manager().newSubManager()) {
            NDArray x = batches.batch(sub, indices);
            return new ScouterExplainer(model()).evidence(x);
        }
    }

    /** The precision region of test image {@code i}: the evidence mask (SCOUTER+) or all part instances (SCOUTER−); null without masks. */
    boolean[][] region(int i) {
        if (!(test instanceof PartShapesSplit p)) {
            return null;
        }
        if (model().config().sign() > 0) {
            return p.evidenceMask(i);
        }
        int[][] inst = p.instanceMask(i);
        boolean[][] out = new boolean[inst.length][inst[0].length];
        for (int y = 0; y < inst.length; y++) {
            for (int x = 0; x < inst[0].length; x++) {
                out[y][x] = inst[y][x] > 0;
            }
        }
        return out;
    }

    /** Test image {@code i} with class {@code c}'s jointly normalised map over it. */
    BufferedImage overlay(int i, ClassEvidence e, int c) {
        BufferedImage base = Images.fromPlanarRgb(test.pixels(i), test.height(), test.width());
        return Images.overlay(base, e.upsampled(c, test.width()), ALPHA);
    }

    /**
     * One row per image: the image, then per model the map it explains with ("why &lt;true class&gt;" for SCOUTER+, "why not
     * &lt;least-similar class&gt;" for SCOUTER−), side by side.
     */
    static String whyAndWhyNot(List<ScouterData> models, int[] indices) {
        StringBuilder html = new StringBuilder("<p>Each row: the image, then each model's explanation of it (maps normalised jointly over"
                + " the classes). SCOUTER+ shows the evidence for the true class (\"why\"); SCOUTER- the evidence against the least-similar"
                + " class (\"why not\").</p>");
        List<List<ClassEvidence>> all = new ArrayList<>();
        for (ScouterData d : models) {
            all.add(d.evidence(indices));
        }
        ScouterData first = models.get(0);
        List<String> names = first.test.classNames();
        for (int r = 0; r < indices.length; r++) {
            int i = indices[r], label = first.test.label(i);
            html.append("<div class=\"row\">");
            BufferedImage img = Images.fromPlanarRgb(first.test.pixels(i), first.test.height(), first.test.width());
            html.append(HtmlReport.figure(Images.dataUri(Images.scale(img, 2)), "image " + i + " (" + names.get(label) + ")"));
            for (int k = 0; k < models.size(); k++) {
                ClassEvidence e = all.get(k).get(r);
                int c = e.explainedClass(label);
                String caption = String.format(Locale.ROOT, "%s: %s %s (predicted %s)", models.get(k).model().config().variant(),
                        e.sign() > 0 ? "why" : "why not", names.get(c), names.get(e.predicted()));
                html.append(HtmlReport.figure(Images.dataUri(Images.scale(models.get(k).overlay(i, e, c), 2)), caption));
            }
            html.append("</div>");
        }
        return html.toString();
    }

    void close() {
        model().close();
    }
}

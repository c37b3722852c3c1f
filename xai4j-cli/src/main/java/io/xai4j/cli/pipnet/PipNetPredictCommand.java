package io.xai4j.cli.pipnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.xai4j.cli.Checks;
import io.xai4j.cli.Console;
import io.xai4j.cli.ImageFiles;
import io.xai4j.core.io.CsvTables;
import io.xai4j.core.io.Json;
import io.xai4j.core.io.JsonArrayWriter;
import io.xai4j.core.report.HtmlReport;
import io.xai4j.vision.data.DataFormatException;
import io.xai4j.vision.data.ImageDataset;
import io.xai4j.vision.data.ImageFolderDataset;
import io.xai4j.vision.pipnet.GlobalExplanation;
import io.xai4j.vision.pipnet.LocalExplanation;
import io.xai4j.vision.pipnet.OodThresholds;
import io.xai4j.vision.pipnet.PatchGeometry;
import io.xai4j.vision.pipnet.PipNet;
import io.xai4j.vision.pipnet.PipNetFile;
import io.xai4j.vision.pipnet.PipNetReport;
import io.xai4j.vision.pipnet.PipNetTrainer;
import io.xai4j.vision.pipnet.PresenceTable;
import io.xai4j.vision.pipnet.ScoringSheet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code xai4j pipnet predict}: a trained PIP-Net on image files. Each image gets its class, or the abstention "not
 * seen before" (every class score 0, docs/methods/pipnet.md#inference-and-abstention), with the evidence behind the top-3 classes
 * (docs/methods/pipnet.md#local-explanation). Records are
 * streamed to {@code predictions.json} and {@code predictions.csv}, so any number of images runs in flat memory.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Classify image files with a trained PIP-Net, or abstain (\"not seen before\"); writes predictions.json,"
                + " predictions.csv and report.html with the prototypes behind each decision.")
final class PipNetPredictCommand implements Callable<Integer> {

    /** The prediction of an abstaining image in the CSV and on the console. */
    static final String NOT_SEEN_BEFORE = "not seen before";

    @Option(names = "--model", required = true, description = "A PIP-Net file written by 'pipnet train'.")
    Path model;

    @Parameters(arity = "1..*", paramLabel = "IMAGES_OR_FOLDERS", description = "Image files (png, jpg, bmp, gif) or folders of them;"
            + " each is resized to the model's input side S.")
    List<Path> inputs;

    @Option(names = "--output-dir", defaultValue = "out/pipnet-predict", description = "(default: ${DEFAULT-VALUE})")
    Path outputDir;

    @Option(names = "--batch-size", defaultValue = "32", description = "(default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--report-images", defaultValue = "20", description = "Images shown in report.html, the first ones (0: no report)"
            + " (default: ${DEFAULT-VALUE}).")
    int reportImages;

    @Option(names = "--gallery", description = "Add the prototype gallery (top-10 training patches per prototype) to report.html; reads"
            + " the training data the model file records, as pipnet explain does.")
    boolean gallery;

    @Option(names = "--skip-bad", description = "Skip unreadable images (listed and counted) instead of failing.")
    boolean skipBad;

    @Option(names = "--ood-thresholds", paramLabel = "METRICS_JSON", description = "A metrics.json of pipnet evaluate (or explain,"
            + " train) for this model: also flag an image as out of distribution when its top class score (without the 0.1 clamp) is"
            + " below that class's threshold (docs/methods/pipnet.md#ood-detection; the thresholds keep 95%% of the evaluated test images).")
    Path oodThresholds;

    @Mixin
    PatchSizeOptions patch = new PatchSizeOptions();

    @Mixin
    io.xai4j.cli.ResizeOption resize = new io.xai4j.cli.ResizeOption();

    @Override
    public Integer call() {
        Checks.outputFolder("--output-dir", outputDir);
        ImageFolderDataset.Fit fit = resize.fit();
        Checks.atLeast("--batch-size", batchSize, 1);
        Checks.atLeast("--report-images", reportImages, 0);
        if (gallery && reportImages == 0) {
            throw new IllegalArgumentException("--gallery adds to report.html, which --report-images 0 turns off");
        }
        PatchGeometry.Size patchSize = patch.size();
        List<Path> files = ImageFiles.expand(inputs);
        Checks.reportFolder("--output-dir", outputDir, "xai4j pipnet predict"); // never replaces another command's report
        try (NDManager root = NDManager.newBaseManager()) {
            PipNetFile.Loaded loaded = PipNetFile.load(model, root);
            PipNet net = loaded.model();
            int s = net.imageSize();
            patch.requireFits(s);
            List<String> classes = net.classNames();
            OodThresholds thresholds = oodThresholds == null ? null : readThresholds(oodThresholds, classes);
            // --gallery needs the training data the model file records: found (or refused) before any prediction
            PipNetData galleryData = gallery ? PipNetData.forModel(loaded, model, null, null, null) : null;
            int outOfDistribution = 0;
            List<LocalExplanation> shown = new ArrayList<>();
            List<float[]> shownPixels = new ArrayList<>();
            List<String> shownNames = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            TreeMap<String, Integer> counts = new TreeMap<>();
            List<String> header = new ArrayList<>(List.of("file", "prediction", "abstained"));
            if (thresholds != null) {
                header.add("out_of_distribution");
            }
            classes.forEach(c -> header.add("score " + c));
            try (JsonArrayWriter json = JsonArrayWriter.toFile(outputDir.resolve("predictions.json"));
                    CsvTables.Writer csv = CsvTables.Writer.open(outputDir.resolve("predictions.csv"), header)) {
                for (int start = 0; start < files.size(); start += batchSize) {
                    List<Path> batch = new ArrayList<>();
                    List<float[]> pixels = new ArrayList<>();
                    for (Path f : files.subList(start, Math.min(files.size(), start + batchSize))) {
                        try {
                            pixels.add(ImageFolderDataset.readImage(f, 3, s, s, fit));
                            batch.add(f);
                        } catch (DataFormatException e) {
                            if (!skipBad) {
                                throw e;
                            }
                            skipped.add(f.toString());
                        }
                    }
                    if (batch.isEmpty()) {
                        continue;
                    }
                    int[] ids = new int[batch.size()];
                    for (int i = 0; i < ids.length; i++) {
                        ids[i] = shown.size() + i; // the report's index; only the first reportImages are kept
                    }
                    List<LocalExplanation> local;
                    boolean[] accepted = null;
                    float[][] unclamped = null;
                    try (NDManager m = root.newSubManager()) {
                        NDArray x = net.normalization().batch(m, new int[] {3, s, s}, pixels);
                        io.xai4j.vision.pipnet.Prediction p = net.predict(x); // one forward serves the evidence and the thresholds
                        local = LocalExplanation.explain(net, x, ids, patchSize, p);
                        if (thresholds != null) {
                            unclamped = p.unclampedScores();
                            accepted = thresholds.accept(unclamped);
                        }
                    }
                    for (int i = 0; i < local.size(); i++) {
                        LocalExplanation e = local.get(i);
                        String prediction = e.abstained() ? NOT_SEEN_BEFORE : classes.get(e.predicted());
                        counts.merge(prediction, 1, Integer::sum);
                        ObjectNode rec = record(batch.get(i), e, classes);
                        List<Object> row = new ArrayList<>(List.of(batch.get(i).toString(), prediction, e.abstained()));
                        if (accepted != null) {
                            int top = argmax(unclamped[i]);
                            rec.put("outOfDistribution", !accepted[i]);
                            rec.put("topScoreUnclamped", unclamped[i][top]);
                            rec.put("oodThreshold", thresholds.thresholds()[top]);
                            row.add(!accepted[i]);
                            outOfDistribution += accepted[i] ? 0 : 1;
                        }
                        json.write(rec);
                        for (float v : e.scores()) {
                            row.add(v);
                        }
                        csv.row(row);
                        if (shown.size() < reportImages) {
                            shown.add(e);
                            shownPixels.add(pixels.get(i));
                            shownNames.add(batch.get(i) + (accepted != null && !accepted[i] ? " · out of distribution (below the class threshold)" : ""));
                        }
                        if (json.count() <= 20) {
                            Console.info("%s: %s%s", batch.get(i), e.abstained() ? NOT_SEEN_BEFORE + " (every class score is 0)"
                                    : String.format(Locale.ROOT, "%s (score %.3f)", prediction, e.scores()[e.predicted()]),
                                    accepted != null && !accepted[i] ? "; out of distribution (below the class threshold)" : "");
                        }
                    }
                }
                if (json.count() == 0) {
                    throw new IllegalArgumentException("no readable image among the " + files.size() + " inputs " + inputs);
                }
                json.commit();
                csv.commit();
            }
            if (reportImages > 0) {
                writeReport(net, shown, shownPixels, shownNames, patchSize, galleryData);
            } else if (removeEarlierReport()) {
                Console.info("removed the earlier report.html in %s (--report-images 0)", outputDir);
            }
            if (!skipped.isEmpty()) {
                Console.info("skipped %s: %s", Console.count(skipped.size(), "unreadable image"), skipped);
            }
            Console.info("%s: %s%s; wrote %s, predictions.csv%s", Console.count(counts.values().stream().mapToInt(Integer::intValue).sum(), "image"), counts,
                    thresholds == null ? "" : "; " + outOfDistribution + " out of distribution", outputDir.resolve("predictions.json"),
                    reportImages > 0 ? " and report.html" : "");
            net.close();
        }
        return 0;
    }

    /**
     * The class thresholds of a metrics.json written for a model with {@code classes}: refused, in one line, when
     * the file is not there, not JSON, has no thresholds for that many classes, or names other classes.
     */
    static OodThresholds readThresholds(Path file, List<String> classes) {
        if (java.nio.file.Files.isDirectory(file)) {
            throw new IllegalArgumentException("--ood-thresholds " + file + " is a folder; give the metrics.json in it");
        }
        com.fasterxml.jackson.databind.JsonNode json;
        try {
            json = Json.MAPPER.readTree(file.toFile());
        } catch (java.io.FileNotFoundException e) {
            throw new IllegalArgumentException("--ood-thresholds file not found: " + file, e);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("--ood-thresholds " + file + " is not JSON; give the metrics.json of pipnet evaluate", e);
        }
        com.fasterxml.jackson.databind.JsonNode t = json == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : json.path("thresholds");
        com.fasterxml.jackson.databind.JsonNode values = t.path("thresholds");
        if (!values.isArray() || values.size() != classes.size()) {
            throw new IllegalArgumentException("--ood-thresholds " + file + " has no thresholds.thresholds array of " + classes.size()
                    + " numbers (one per class of the model); give the metrics.json of pipnet evaluate for this model");
        }
        if (json.has("classes") && !Json.MAPPER.convertValue(json.get("classes"), List.class).equals(classes)) {
            throw new IllegalArgumentException("--ood-thresholds " + file + " was written for classes " + json.get("classes")
                    + " but the model has " + classes + "; give the metrics.json of pipnet evaluate for this model");
        }
        double[] v = new double[classes.size()];
        for (int c = 0; c < v.length; c++) {
            v[c] = values.get(c).asDouble(Double.NaN);
        }
        return new OodThresholds(v, t.path("rounds").asInt(), t.path("tpr").asDouble(Double.NaN));
    }

    /** A report.html of an earlier run in the output folder would describe other images. */
    private boolean removeEarlierReport() {
        try {
            return java.nio.file.Files.deleteIfExists(outputDir.resolve("report.html"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot remove the earlier " + outputDir.resolve("report.html") + ": " + e.getMessage(), e);
        }
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int c = 1; c < v.length; c++) {
            if (v[c] > v[best]) {
                best = c;
            }
        }
        return best;
    }

    /** One image's record: its file, prediction (null when abstaining), every class score and the top-3 classes' evidence. */
    private static ObjectNode record(Path file, LocalExplanation e, List<String> classes) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("file", file.toString());
        if (e.abstained()) {
            n.putNull("prediction");
            n.putNull("predictionIndex");
        } else {
            n.put("prediction", classes.get(e.predicted()));
            n.put("predictionIndex", e.predicted());
        }
        n.put("abstained", e.abstained());
        ObjectNode scores = n.putObject("scores");
        for (int c = 0; c < classes.size(); c++) {
            scores.put(classes.get(c), e.scores()[c]);
        }
        ArrayNode evidence = n.putArray("evidence");
        for (LocalExplanation.ClassEvidence c : e.classes()) {
            ObjectNode cn = evidence.addObject();
            cn.put("class", c.className());
            cn.put("classIndex", c.classId());
            cn.put("score", c.score());
            cn.put("bias", c.bias());
            ArrayNode parts = cn.putArray("prototypes");
            for (LocalExplanation.Contribution k : c.contributions()) {
                ObjectNode kn = parts.addObject();
                kn.put("prototype", k.prototype());
                kn.put("presence", k.presence());
                kn.put("weight", k.weight());
                kn.put("contribution", k.contribution());
                kn.set("box", Json.MAPPER.valueToTree(k.box()));
            }
        }
        return n;
    }

    private void writeReport(PipNet net, List<LocalExplanation> shown, List<float[]> pixels, List<String> names, PatchGeometry.Size patchSize,
            PipNetData data) {
        ScoringSheet sheet = ScoringSheet.of(net);
        HtmlReport report = new HtmlReport("PIP-Net predictions — " + model.getFileName());
        report.addSection("pipnet-sheet", "PIP-Net scoring sheet", PipNetReport.scoringSheet(sheet, data != null));
        report.addSection("pipnet-local", "Predictions and their evidence" + (oodThresholds == null ? "" : " (class thresholds of " + oodThresholds + ")"),
                PipNetReport.localExplanations(shown, new Shown(pixels, net.imageSize(), net.classNames()), null, names, sheet, net.imageSize(),
                        data != null));
        if (data != null) {
            PresenceTable projection = PresenceTable.compute(net, data.train(), 128);
            PatchGeometry g = patchSize.geometry(net.imageSize(), projection.gridHeight(), projection.gridWidth(), net.backbone().receptiveField());
            report.addSection("pipnet-prototypes", "PIP-Net prototypes (global explanation)",
                    PipNetReport.gallery(GlobalExplanation.of(net, projection, PipNetTrainer.TOP_K, g), data.train()));
        }
        Checks.ownReport(outputDir, "xai4j pipnet predict");
        report.write(outputDir.resolve("report.html"));
    }

    /** The images shown in the report, already at the model's input side. */
    private record Shown(List<float[]> pixels, int side, List<String> classNames) implements ImageDataset {

        @Override
        public int size() {
            return pixels.size();
        }

        @Override
        public int channels() {
            return 3;
        }

        @Override
        public int height() {
            return side;
        }

        @Override
        public int width() {
            return side;
        }

        @Override
        public float[] pixels(int index) {
            return pixels.get(index).clone();
        }

        @Override
        public int label(int index) {
            return -1;
        }
    }
}

package io.xai4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.xai4j.core.explain.Attribution;
import io.xai4j.core.explain.MethodOptions;
import io.xai4j.core.metrics.DeletionAuc;
import io.xai4j.core.metrics.EnergyPointingGame;
import io.xai4j.core.metrics.GiniSparseness;
import io.xai4j.core.metrics.InsertionAuc;
import io.xai4j.core.metrics.LocalisationIoU;
import io.xai4j.core.metrics.PointingGame;
import io.xai4j.core.runtime.Tensors;
import io.xai4j.vision.data.ImageFolderDataset;
import io.xai4j.vision.explain.Explainers;
import io.xai4j.vision.model.ImageClassifier;
import io.xai4j.vision.model.ModelFile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The per-row metrics of {@code --metrics} against the core metric classes, the job's summary, and the option's errors. */
@Tag("spark")
class ImageMetricsColumnsTest {

    private static final List<String> METHODS = List.of("gradcam", "eb");
    private static final List<String> METRICS = List.of("gini", "deletion_auc", "insertion_auc", "pointing_game", "energy_pointing_game",
            "iou_top20");
    private static final int S = Fixtures.SIZE;
    /** Weights that predict two classes on img0..img4 (3, 0, 0, 3, 3), so the summary has two target classes per method. */
    private static final long MODEL_SEED = 10;

    @TempDir
    Path dir;

    /**
     * Five images with ground truth (img0 without a mask: its localisation metrics are NaN), one whose mask has another size
     * and one truncated image (an error row each, metrics null), on two partitions in batches of 2: each row's six metrics
     * equal the core classes' values ({@code GiniSparseness}, {@code DeletionAuc}, {@code InsertionAuc},
     * {@code PointingGame}, {@code EnergyPointingGame}, {@code LocalisationIoU.topK(0.2)}, as {@code xai4j evaluate} builds
     * them) called in this process on all images in one batch, the model's logits computed here.
     */
    @Test
    void everyRowsMetricsEqualTheCoreMetricsOnTheSameMapsRowForRow() throws Exception {
        Path model = Fixtures.cnnFile(dir, MODEL_SEED);
        Inputs in = inputs(Files.createDirectories(dir.resolve("images")));
        List<Row> rows = ImageExplanations.builder().setModel(model).optMethods(METHODS).optBatchSize(2).optMetrics(METRICS)
                .optMaskColumn("mask").build().explain(in.frame().repartition(2)).collectAsList();

        Map<String, double[]> expected = singleProcess(model, in);
        Map<String, Row> actual = new HashMap<>();
        List<Row> errors = new ArrayList<>();
        for (Row r : rows) {
            if (r.isNullAt(r.fieldIndex("method"))) {
                errors.add(r);
                continue;
            }
            assertNull(actual.put(r.getString(0) + " " + r.getString(1), r), "a second row for " + r.getString(0) + " " + r.getString(1));
        }
        assertEquals(expected.keySet(), actual.keySet(), "one row per readable image (and mask) and method");
        for (Map.Entry<String, double[]> e : expected.entrySet()) {
            Row got = actual.get(e.getKey());
            for (int k = 0; k < METRICS.size(); k++) {
                assertSame(e.getValue()[k], got.getDouble(got.fieldIndex(METRICS.get(k))), e.getKey() + " " + METRICS.get(k));
            }
        }
        for (String metric : List.of("gini", "deletion_auc", "insertion_auc", "energy_pointing_game")) {
            Set<Double> values = new HashSet<>();
            expected.values().forEach(v -> values.add(v[METRICS.indexOf(metric)]));
            assertTrue(values.size() > 3, metric + " differs between images, so a row given another image's value fails: " + values);
        }
        for (String method : METHODS) {
            double[] noMask = expected.get("img0.png " + method);
            assertTrue(Double.isNaN(noMask[3]) && Double.isNaN(noMask[4]) && Double.isNaN(noMask[5]) && !Double.isNaN(noMask[0]),
                    "without a mask only the localisation metrics are undefined");
        }

        assertEquals(2, errors.size(), "an error row for the truncated image and for the mask of another size: " + errors);
        for (Row r : errors) {
            for (String m : METRICS) {
                assertTrue(r.isNullAt(r.fieldIndex(m)), m + " is null on an error row: " + r);
            }
        }
        Map<String, String> messages = new HashMap<>();
        errors.forEach(r -> messages.put(r.getString(0), r.getString(r.fieldIndex("error"))));
        assertEquals("img5.png (mask): the mask is 8x8 px, expected 16x16 (the model's input size, where the maps are scored)",
                messages.get("img5.png"));
        assertTrue(messages.get("truncated.png").contains("corrupt or truncated image"), messages.toString());
    }

    /**
     * The job's summary (written as JSON lines, read back): per method and target class the count, the mean target score
     * and each metric's mean over the rows where it is defined (img0's NaN localisation values left out).
     */
    @Test
    void theSummaryHoldsTheMeansOfTheWrittenRows() throws Exception {
        Path model = Fixtures.cnnFile(dir, MODEL_SEED);
        Inputs in = inputs(Files.createDirectories(dir.resolve("images")));
        ImageExplanations job = ImageExplanations.builder().setModel(model).optMethods(METHODS).optBatchSize(2).optMetrics(METRICS)
                .optMaskColumn("mask").build();
        assertEquals(METRICS, job.metrics(), "the columns in the order asked for");
        Path out = dir.resolve("explained.json");
        List<Row> summary = SparkExplainJob.write(LocalSpark.session(), job.explain(in.frame().repartition(2)), out, "json", "images",
                job.metrics());

        List<Row> written = LocalSpark.session().read().schema(job.schema()).json(out.toString()).collectAsList();
        Map<String, List<Row>> groups = new HashMap<>();
        boolean undefined = false;
        for (Row r : written) {
            if (r.isNullAt(r.fieldIndex("error"))) {
                String key = r.getString(r.fieldIndex("method")) + " " + r.getString(r.fieldIndex("target"));
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
                undefined |= Double.isNaN(r.getDouble(r.fieldIndex("pointing_game")));
            }
        }
        assertTrue(undefined, "NaN survives the JSON round trip, and the summary has undefined values to leave out");
        assertEquals(2 * METHODS.size(), groups.size(), "two target classes per method: " + groups.keySet());
        assertEquals(groups.size(), summary.size(), "one summary row per method and target class: " + summary);
        for (Row s : summary) {
            String key = s.getString(s.fieldIndex("method")) + " " + s.getString(s.fieldIndex("target"));
            List<Row> group = groups.get(key);
            assertEquals(group.size(), s.getLong(s.fieldIndex("explanations")), key);
            double score = group.stream().mapToDouble(r -> r.getFloat(r.fieldIndex("targetScore"))).average().orElseThrow();
            assertEquals(score, s.getDouble(s.fieldIndex("meanTargetScore")), 1e-6, key + " mean target score");
            for (String m : METRICS) {
                double[] defined = group.stream().mapToDouble(r -> r.getDouble(r.fieldIndex(m))).filter(v -> !Double.isNaN(v)).toArray();
                int at = s.fieldIndex("mean_" + m);
                if (defined.length == 0) {
                    assertTrue(s.isNullAt(at), key + " " + m + ": no defined value, no mean");
                } else {
                    assertEquals(java.util.Arrays.stream(defined).average().orElseThrow(), s.getDouble(at), 1e-12, key + " mean " + m);
                }
            }
        }
    }

    /**
     * An unknown metric name, a localisation metric without a mask column, and a mask column no metric reads fail on the
     * driver before Spark starts, in one line naming the option (the command line exits with code 2).
     */
    @Test
    void aBadMetricsOptionIsOneLineBeforeAnyTask() throws IOException {
        Path model = Fixtures.cnnFile(dir);
        Fixtures.pngs(Files.createDirectories(dir.resolve("few")), 1);
        String unknown = "--metrics auc: not a metric of the Spark job; supported: gini, deletion_auc, insertion_auc, and with a ground-truth"
                + " mask (--mask-column) pointing_game, energy_pointing_game, iou_top20";
        assertEquals(unknown, assertThrows(IllegalArgumentException.class,
                () -> ImageExplanations.builder().setModel(model).optMetrics(List.of("gini", "auc")).build()).getMessage());
        assertEquals("xai4j-spark explain: " + unknown, runCli(model, "--metrics", "gini,auc"));
        assertEquals("xai4j-spark explain: --metrics iou_top20,pointing_game needs a ground-truth mask: give --mask-column, a binary column"
                + " of PNG masks at the model's input size (pixel > 0 inside)", runCli(model, "--metrics", "iou_top20,gini,pointing_game"));
        assertEquals("xai4j-spark explain: --mask-column mask: no metric reads it; add pointing_game, energy_pointing_game, iou_top20 to"
                + " --metrics", runCli(model, "--metrics", "gini", "--mask-column", "mask"));
        assertFalse(Files.exists(dir.resolve("out")), "nothing written");
    }

    /** What {@code explain} prints on standard error for {@code options}, after checking its exit code 2. */
    private String runCli(Path model, String... options) {
        StringWriter err = new StringWriter();
        CommandLine cli = SparkExplainJob.commandLine();
        cli.setErr(new PrintWriter(err, true));
        List<String> args = new ArrayList<>(List.of("explain", "--model", model.toString(), "--input", dir.resolve("few").toString(), "--output",
                dir.resolve("out").toString(), "--master", "local[1]"));
        args.addAll(List.of(options));
        assertEquals(2, cli.execute(args.toArray(new String[0])), err.toString());
        return err.toString().strip();
    }

    /**
     * The images and their masks.
     *
     * @param files img0..img5.png (img5's mask has another size, so it gives an error row)
     * @param masks the ground truth of img0..img4 at the input size (img0: none)
     */
    private record Inputs(Dataset<Row> frame, List<Path> files, List<boolean[][]> masks) {}

    private static Inputs inputs(Path images) throws IOException {
        List<Path> files = Fixtures.pngs(images, 6);
        List<boolean[][]> masks = new ArrayList<>();
        masks.add(null);
        masks.add(block(0, 0, 4, 4));
        masks.add(block(10, 12, 6, 4));
        masks.add(block(15, 0, 1, 1));
        masks.add(block(5, 3, 3, 9));
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            byte[] mask = i == 5 ? png(new boolean[8][8]) : masks.get(i) == null ? null : png(masks.get(i));
            rows.add(RowFactory.create(files.get(i).getFileName().toString(), Files.readAllBytes(files.get(i)), mask));
        }
        Path truncated = Fixtures.truncatedPng(images);
        rows.add(RowFactory.create("truncated.png", Files.readAllBytes(truncated), png(block(0, 0, 2, 2))));
        StructType schema = new StructType().add("path", DataTypes.StringType).add("content", DataTypes.BinaryType).add("mask", DataTypes.BinaryType);
        return new Inputs(LocalSpark.session().createDataFrame(rows, schema), files.subList(0, 5), masks);
    }

    /**
     * The reference: every method on img0..img4 in one batch, and the core metric classes called directly on its maps,
     * the images and the model's logits; by "file method", the values in the order of {@link #METRICS}.
     */
    private static Map<String, double[]> singleProcess(Path model, Inputs in) {
        Map<String, double[]> out = new HashMap<>();
        try (NDManager root = NDManager.newBaseManager()) {
            ModelFile.Loaded loaded = ModelFile.load(model, root);
            ImageClassifier net = loaded.model();
            List<float[]> pixels = new ArrayList<>();
            for (Path f : in.files()) {
                pixels.add(ImageFolderDataset.readImage(f, 3, S, S));
            }
            boolean[][][] masks = in.masks().toArray(new boolean[0][][]);
            try (NDManager sub = net.manager().newSubManager()) {
                NDArray x = loaded.header().normalization().batch(sub, net.inputShape(), pixels);
                float[][] logits = Tensors.toArray2(net.logits(x));
                for (String method : METHODS) {
                    Attribution a = Explainers.create(method, net, MethodOptions.defaults()).explain(x, io.xai4j.core.explain.Targets.top1());
                    double[][] values = {
                        new GiniSparseness().evaluate(a.maps()).values(),
                        DeletionAuc.builder().build().evaluate(net, x, a.maps(), a.targets(), logits).result().values(),
                        InsertionAuc.builder().build().evaluate(net, x, a.maps(), a.targets(), logits).result().values(),
                        PointingGame.builder().build().evaluate(a.maps(), a.targets(), masks).result().values(),
                        new EnergyPointingGame().evaluate(a.maps(), masks).values(),
                        LocalisationIoU.topK(0.2).evaluate(a.maps(), masks).values()};
                    for (int i = 0; i < pixels.size(); i++) {
                        double[] row = new double[METRICS.size()];
                        for (int k = 0; k < row.length; k++) {
                            row[k] = values[k][i];
                        }
                        out.put(in.files().get(i).getFileName() + " " + method, row);
                    }
                }
            }
        }
        return out;
    }

    /** A [S][S] mask, true in the {@code h}×{@code w} block at row {@code y}, column {@code x}. */
    private static boolean[][] block(int y, int x, int h, int w) {
        boolean[][] m = new boolean[S][S];
        for (int r = y; r < y + h; r++) {
            for (int c = x; c < x + w; c++) {
                m[r][c] = true;
            }
        }
        return m;
    }

    /** {@code mask} as an 8-bit grey PNG: 255 inside, 0 outside. */
    private static byte[] png(boolean[][] mask) throws IOException {
        BufferedImage img = new BufferedImage(mask[0].length, mask.length, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < mask.length; y++) {
            for (int x = 0; x < mask[0].length; x++) {
                img.getRaster().setSample(x, y, 0, mask[y][x] ? 255 : 0);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** Equal within float tolerance, or both NaN (undefined). */
    private static void assertSame(double expected, double actual, String what) {
        boolean same = Double.isNaN(expected) ? Double.isNaN(actual) : Math.abs(expected - actual) <= 1e-5 * Math.max(1, Math.abs(expected));
        assertTrue(same, what + ": expected " + expected + ", got " + actual);
    }
}

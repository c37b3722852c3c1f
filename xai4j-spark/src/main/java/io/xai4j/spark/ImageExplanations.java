package io.xai4j.spark;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.xai4j.core.explain.Attribution;
import io.xai4j.core.explain.Explainer;
import io.xai4j.core.io.Json;
import io.xai4j.vision.data.ImageFolderDataset;
import io.xai4j.vision.data.Normalization;
import io.xai4j.vision.experiment.ImageExplanationRun;
import io.xai4j.vision.experiment.ImageMetrics;
import io.xai4j.vision.explain.Explainers;
import io.xai4j.vision.model.ImageClassifier;
import io.xai4j.vision.model.ModelFile;
import io.xai4j.vision.model.TorchScriptClassifier;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Image explanations as a Spark job: every row of a {@code Dataset<Row>} holding encoded images (Spark's
 * {@code binaryFile} source: {@code path}, {@code content}; or any string and binary column) becomes one row per method
 * with the same fields and numbers as {@code xai4j explain}'s records ({@link ImageExplanationRun}, which runs here
 * unchanged on each batch), plus the method's parameters as JSON.
 *
 * <p>The model file is read on the driver and broadcast; each executor loads it once per concurrently running task and
 * keeps it for later tasks ({@link ExecutorModels}). Rows are explained {@code batchSize} at a time inside
 * {@code mapPartitions}; every native tensor of a batch lives in a sub-manager closed after the batch (as in
 * {@code explain}). A row whose bytes cannot be decoded gives one row with {@code method} null and the decoder's message
 * in {@code error}, never a failed job; every other row has {@code error} null.
 *
 * <p>With {@link Builder#optMetrics} each row also carries the per-image metrics of {@code xai4j evaluate} for its map
 * ({@link ImageMetrics}, the same classes and settings, on the same maps: the raw map upsampled to the input size and
 * min–max normalised), one double column per metric; the localisation metrics compare the map with a ground-truth mask
 * column ({@link Builder#optMaskColumn}).
 *
 * <pre>{@code
 * Dataset<Row> images = spark.read().format("binaryFile").option("recursiveFileLookup", "true").load("images/");
 * Dataset<Row> maps = ImageExplanations.builder().setModel(Path.of("model.xai4j")).optMethods(List.of("gradcam", "eb"))
 *         .build().explain(images);
 * }</pre>
 */
public final class ImageExplanations {

    /**
     * The metrics a job can add to its rows: those of the map and the model alone, then those against a ground-truth
     * mask ({@link ImageMetrics#AGAINST_EVIDENCE}, which need {@link Builder#optMaskColumn}).
     */
    public static final List<String> METRICS = java.util.stream.Stream.concat(ImageMetrics.WITHOUT_GROUND_TRUTH.stream(),
            ImageMetrics.AGAINST_EVIDENCE.stream()).toList();

    /**
     * The output rows without metrics: {@code explain}'s record fields, then {@code params} (JSON) and {@code error};
     * {@link #schema()} adds a column per requested metric.
     */
    public static final StructType SCHEMA = new StructType(new StructField[] {
        field("path", DataTypes.StringType),
        field("method", DataTypes.StringType),
        field("predicted", DataTypes.StringType),
        field("predictedIndex", DataTypes.IntegerType),
        field("target", DataTypes.StringType),
        field("targetIndex", DataTypes.IntegerType),
        field("targetScore", DataTypes.FloatType),
        field("layer", DataTypes.StringType),
        field("degenerate", DataTypes.BooleanType),
        field("raw", DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.FloatType, false), false)),
        field("params", DataTypes.StringType),
        field("error", DataTypes.StringType)});

    private final Path model;
    private final Settings settings;

    private ImageExplanations(Builder b, List<String> metrics) {
        this.model = b.model;
        this.settings = new Settings(List.copyOf(b.methods), b.targetClass, b.batchSize, b.riseMasks, b.seed, b.layer, b.fit, b.imageColumn,
                b.pathColumn, b.torchScript, metrics, b.maskColumn);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The rows this job writes: {@link #SCHEMA}, then one nullable double column per requested metric, named by the
     * metric, in the order asked for (null on error rows, NaN where the metric is undefined).
     */
    public StructType schema() {
        return withMetricColumns(SCHEMA, settings.metrics());
    }

    /** {@code base}, then one nullable double column per metric, named by the metric (the image and the graph job's rows). */
    static StructType withMetricColumns(StructType base, List<String> metrics) {
        StructType s = base;
        for (String m : metrics) {
            s = s.add(field(m, DataTypes.DoubleType));
        }
        return s;
    }

    /** The metrics the rows carry, in column order. */
    public List<String> metrics() {
        return settings.metrics();
    }

    /**
     * The explanations of {@code images}, one row per readable image and method ({@link #schema()}) and one error row per
     * unreadable image (or unreadable mask). Lazy like any Spark transformation: the work runs when the result is written
     * or collected.
     *
     * @throws IllegalArgumentException before any task runs: a missing column or one of another type, a missing model
     *     file, a target class the model does not have, a method the model cannot support (naming what it lacks)
     */
    public Dataset<Row> explain(Dataset<Row> images) {
        StructType in = images.schema();
        int content = column(in, settings.imageColumn(), DataTypes.BinaryType, "the encoded image bytes (binaryFile's content)");
        int path = column(in, settings.pathColumn(), DataTypes.StringType, "each image's name or path");
        int mask = settings.maskColumn() == null ? -1
                : column(in, settings.maskColumn(), DataTypes.BinaryType, "a ground-truth mask per image: PNG at the model's input size,"
                        + " pixel > 0 inside");
        requireExplainable();
        ModelBytes bytes = ModelBytes.broadcast(images.sparkSession(), model);
        return images.mapPartitions(new Partition(bytes, settings, content, path, mask), Encoders.row(schema()));
    }

    /** Loads the model on the driver and builds every explainer once, so a method the model cannot support fails here. */
    private void requireExplainable() {
        try (NDManager root = NDManager.newBaseManager()) {
            ImageClassifier net = settings.load(model, root).net();
            Integer target = settings.targetClass();
            if (target != null && (target < 0 || target >= net.classNames().size())) {
                throw new IllegalArgumentException("target class " + target + ": " + model + " has classes 0.." + (net.classNames().size() - 1)
                        + " " + net.classNames());
            }
            ImageExplanationRun.explainers(net, settings.run());
            net.close();
        }
    }

    /**
     * An exported PyTorch classifier (what {@code explain --torchscript} takes): its class names in output order, its
     * square input side and the normalisation its inputs need.
     */
    public record TorchScript(List<String> classes, int inputSize, float[] mean, float[] std) implements Serializable {
        public TorchScript {
            classes = List.copyOf(classes);
            if (mean.length != 3 || std.length != 3) {
                throw new IllegalArgumentException("TorchScript mean and std take three values (R,G,B), got " + mean.length + " and " + std.length);
            }
        }

        /** With the values of mean and std: part of the key under which executors keep loaded models. */
        @Override
        public String toString() {
            return "TorchScript[classes=" + classes + ", inputSize=" + inputSize + ", mean=" + java.util.Arrays.toString(mean) + ", std="
                    + java.util.Arrays.toString(std) + "]";
        }
    }

    /** The settings of a job, as they travel to the executors. */
    record Settings(List<String> methods, Integer targetClass, int batchSize, int riseMasks, long seed, String layer,
            ImageFolderDataset.Fit fit, String imageColumn, String pathColumn, TorchScript torchScript, List<String> metrics,
            String maskColumn) implements Serializable {

        ImageExplanationRun.Settings run() {
            return new ImageExplanationRun.Settings(methods, targetClass, batchSize, riseMasks, seed, layer, ImageExplanationRun.Outputs.NONE, false);
        }

        /** The model in {@code file} (an xai4j model file, or the TorchScript export) with its input normalisation. */
        Network load(Path file, NDManager root) {
            if (torchScript == null) {
                ModelFile.Loaded loaded = ModelFile.load(file, root);
                return new Network(loaded.model(), loaded.header().normalization());
            }
            int side = torchScript.inputSize();
            return new Network(TorchScriptClassifier.load(file, torchScript.classes(), new int[] {3, side, side}),
                    new Normalization(torchScript.mean(), torchScript.std()));
        }
    }

    /** A loaded classifier and the normalisation of its inputs. */
    record Network(ImageClassifier net, Normalization norm) {}

    /** One executor's model: the network, its input normalisation, and the job's explainers, each recording its parameters. */
    private record Loaded(ImageClassifier net, Normalization norm, Map<String, Explainer> explainers, Map<String, ParamsRecorder> params) {

        static Loaded of(Path file, Settings s) {
            NDManager root = NDManager.newBaseManager(); // lives as long as the executor keeps the model
            Network loaded = s.load(file, root);
            Map<String, ParamsRecorder> recorders = new LinkedHashMap<>();
            ImageExplanationRun.explainers(loaded.net(), s.run()).forEach((m, e) -> recorders.put(m, new ParamsRecorder(e)));
            return new Loaded(loaded.net(), loaded.norm(), new LinkedHashMap<>(recorders), recorders);
        }
    }

    /** Passes every call through and keeps the parameters of the last attribution (an explain record has none). */
    private static final class ParamsRecorder implements Explainer {
        private final Explainer inner;
        private String json;

        ParamsRecorder(Explainer inner) {
            this.inner = inner;
        }

        @Override
        public Attribution explain(NDArray images, int[] targets) {
            Attribution a = inner.explain(images, targets);
            json = Json.withNullForNaN(a.params()).toString();
            return a;
        }

        @Override
        public int numClasses() {
            return inner.numClasses();
        }

        @Override
        public String name() {
            return inner.name();
        }
    }

    /** The function each task runs on its partition. */
    private static final class Partition implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final ModelBytes model;
        private final Settings settings;
        private final int content;
        private final int path;
        private final int mask;

        /** {@code mask}: the mask column's index, or −1 for none. */
        Partition(ModelBytes model, Settings settings, int content, int path, int mask) {
            this.model = model;
            this.settings = settings;
            this.content = content;
            this.path = path;
            this.mask = mask;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            ImageExplanationRun.Settings run = settings.run();
            Loaded m = ExecutorModels.borrow(model.sha256() + " " + settings, () -> Loaded.of(model.localFile(), settings));
            return new Batches(rows, settings.batchSize(), batch -> explainBatch(m, run, batch));
        }

        private List<Row> explainBatch(Loaded m, ImageExplanationRun.Settings run, List<Row> batch) {
            int[] shape = m.net().inputShape();
            List<String> metrics = settings.metrics();
            int width = SCHEMA.size() + metrics.size();
            List<Row> out = new ArrayList<>();
            List<String> names = new ArrayList<>(batch.size());
            List<float[]> pixels = new ArrayList<>(batch.size());
            List<boolean[][]> evidence = new ArrayList<>(batch.size());
            for (Row r : batch) {
                String name = r.isNullAt(path) ? "(row without " + settings.pathColumn() + ")" : r.getString(path);
                byte[] encoded = r.isNullAt(content) ? null : (byte[]) r.get(content);
                try {
                    float[] read = ImageFolderDataset.readImage(encoded, name, shape[0], shape[1], shape[2], settings.fit());
                    // a row without a mask has no ground truth: its localisation metrics are NaN
                    boolean[][] truth = mask < 0 || r.isNullAt(mask) ? null
                            : ImageFolderDataset.readMask((byte[]) r.get(mask), name + " (" + settings.maskColumn() + ")", shape[1], shape[2]);
                    pixels.add(read);
                    evidence.add(truth);
                    names.add(name);
                } catch (IllegalArgumentException e) {
                    Object[] error = new Object[width];
                    error[0] = name;
                    error[SCHEMA.fieldIndex("error")] = e.getMessage();
                    out.add(RowFactory.create(error));
                }
            }
            if (pixels.isEmpty()) {
                return out;
            }
            ImageExplanationRun.Source source = new ImageExplanationRun.Source() {
                @Override
                public int size() {
                    return pixels.size();
                }

                @Override
                public String name(int i) {
                    return names.get(i);
                }

                @Override
                public float[] pixels(int i) {
                    return pixels.get(i);
                }

                @Override
                public boolean[][] evidence(int i) {
                    return evidence.get(i);
                }
            };
            Consumer<Map<String, Object>> rows = r -> {
                Object[] row = new Object[width];
                Object[] fields = {r.get("file"), r.get("method"), r.get("predicted"), r.get("predictedIndex"), r.get("target"),
                    r.get("targetIndex"), r.get("targetScore"), r.get("layer"), r.get("degenerate"), r.get("raw"),
                    m.params().get((String) r.get("method")).json, null};
                System.arraycopy(fields, 0, row, 0, fields.length);
                for (int k = 0; k < metrics.size(); k++) {
                    row[SCHEMA.size() + k] = r.get(metrics.get(k));
                }
                out.add(RowFactory.create(row));
            };
            ImageExplanationRun.run(m.net(), m.explainers(), m.norm(), source, null, run, ImageMetrics.of(metrics), rows, k -> { });
            return out;
        }
    }

    /**
     * The index of column {@code name} in {@code schema}.
     *
     * @throws IllegalArgumentException naming the column, what it should hold and the columns there are
     */
    static int column(StructType schema, String name, DataType type, String what) {
        List<String> names = List.of(schema.fieldNames());
        if (!names.contains(name)) {
            throw new IllegalArgumentException("the input has no column '" + name + "' (expected " + what + ", of type " + type.simpleString()
                    + "); its columns are " + names);
        }
        DataType actual = schema.apply(name).dataType();
        if (!actual.equals(type)) {
            throw new IllegalArgumentException("column '" + name + "' is " + actual.simpleString() + ", expected " + type.simpleString()
                    + " (" + what + ")");
        }
        return names.indexOf(name);
    }

    private static StructField field(String name, DataType type) {
        return DataTypes.createStructField(name, type, true);
    }

    /** Builder: {@code setModel} required; the other settings default to {@code xai4j explain}'s. */
    public static final class Builder {
        private Path model;
        private List<String> methods = List.of("gradcam");
        private Integer targetClass;
        private int batchSize = 16;
        private int riseMasks = 4000;
        private long seed;
        private String layer;
        private ImageFolderDataset.Fit fit = ImageFolderDataset.Fit.STRETCH;
        private String imageColumn = "content";
        private String pathColumn = "path";
        private TorchScript torchScript;
        private List<String> metrics = List.of();
        private String maskColumn;

        private Builder() {}

        /** An xai4j model file ({@code train}, {@code demo}), read on the driver. */
        public Builder setModel(Path modelFile) {
            this.model = modelFile;
            this.torchScript = null;
            return this;
        }

        /** An exported PyTorch classifier instead of an xai4j model file, read on the driver. */
        public Builder setTorchScript(Path export, TorchScript description) {
            this.model = export;
            this.torchScript = description;
            return this;
        }

        /** Method names or aliases of the image registry ({@link Explainers#names()}); default {@code gradcam}. */
        public Builder optMethods(List<String> names) {
            this.methods = List.copyOf(new java.util.LinkedHashSet<>(Explainers.registry().canonical(names)));
            return this;
        }

        /** The class to explain for every image; default each image's predicted class. */
        public Builder optTargetClass(Integer target) {
            this.targetClass = target;
            return this;
        }

        /** Images per batch (default 16). */
        public Builder optBatchSize(int n) {
            this.batchSize = atLeastOne("batch size", n);
            return this;
        }

        /** RISE's number of masks (default 4000, as {@code explain}). */
        public Builder optRiseMasks(int n) {
            this.riseMasks = atLeastOne("number of RISE masks", n);
            return this;
        }

        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The layer the layer methods read (default each method's own). */
        public Builder optLayer(String layer) {
            this.layer = layer;
            return this;
        }

        /** How an image of another aspect ratio is brought to the model's input size (default stretch, as {@code explain}). */
        public Builder optFit(ImageFolderDataset.Fit fit) {
            this.fit = fit;
            return this;
        }

        /** The binary column of encoded images (default {@code content}, as Spark's {@code binaryFile} source). */
        public Builder optImageColumn(String column) {
            this.imageColumn = column;
            return this;
        }

        /** The string column naming each image (default {@code path}, as Spark's {@code binaryFile} source). */
        public Builder optPathColumn(String column) {
            this.pathColumn = column;
            return this;
        }

        /**
         * Per-image metrics added to every row as double columns named by the metric ({@code --metrics}): any of
         * {@link #METRICS}; those against ground truth need {@link #optMaskColumn}. Default none (the rows are {@link #SCHEMA}).
         */
        public Builder optMetrics(List<String> names) {
            this.metrics = List.copyOf(names);
            return this;
        }

        /**
         * The binary column of ground-truth masks the localisation metrics read ({@code --mask-column}): a PNG per image at
         * the model's input size, a pixel above 0 inside; a null value makes that row's localisation metrics NaN. Default none.
         */
        public Builder optMaskColumn(String column) {
            this.maskColumn = column;
            return this;
        }

        /**
         * @throws IllegalArgumentException without a model, for a metric name not in {@link #METRICS}, a ground-truth metric
         *     without a mask column or a mask column without a ground-truth metric (naming the command line's option)
         */
        public ImageExplanations build() {
            if (model == null) {
                throw new IllegalArgumentException("no model: call setModel with an xai4j model file or setTorchScript with an export");
            }
            for (String m : metrics) {
                if (!METRICS.contains(m)) {
                    throw new IllegalArgumentException("--metrics " + m + ": not a metric of the Spark job; supported: "
                            + String.join(", ", ImageMetrics.WITHOUT_GROUND_TRUTH) + ", and with a ground-truth mask (--mask-column) "
                            + String.join(", ", ImageMetrics.AGAINST_EVIDENCE));
                }
            }
            List<String> ordered = List.copyOf(new java.util.LinkedHashSet<>(metrics));
            List<String> ground = ordered.stream().filter(ImageMetrics.AGAINST_EVIDENCE::contains).toList();
            if (!ground.isEmpty() && maskColumn == null) {
                throw new IllegalArgumentException("--metrics " + String.join(",", ground) + " needs a ground-truth mask: give --mask-column, a"
                        + " binary column of PNG masks at the model's input size (pixel > 0 inside)");
            }
            if (ground.isEmpty() && maskColumn != null) {
                throw new IllegalArgumentException("--mask-column " + maskColumn + ": no metric reads it; add "
                        + String.join(", ", ImageMetrics.AGAINST_EVIDENCE) + " to --metrics");
            }
            return new ImageExplanations(this, ordered);
        }
    }

    static int atLeastOne(String what, int n) {
        if (n < 1) {
            throw new IllegalArgumentException(what + " " + n + ": expected at least 1");
        }
        return n;
    }
}

package io.xai4j.spark;

import io.xai4j.vision.data.ImageFolderDataset;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code spark-submit} entry point: {@code explain} (images) and {@code graph-explain} (SMILES or JSON graphs) read
 * their input, run {@link ImageExplanations} / {@link GraphExplanations}, write the rows through Spark's output committer
 * (a retried task leaves no duplicate or partial file) and print a summary per method and target class from what was
 * written. docs/spark.md shows the command lines.
 */
@Command(name = "xai4j-spark", mixinStandardHelpOptions = true, subcommands = {SparkExplainJob.Images.class, SparkExplainJob.Graphs.class},
        description = "xai4j explanations as a Spark job.")
public final class SparkExplainJob {

    SparkExplainJob() {}

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** The command line: a user error ({@link IllegalArgumentException}) is one line on standard error and exit code 2. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new SparkExplainJob());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException) { // a user error: one line
                cmd.getErr().println("xai4j-spark " + cmd.getCommandName() + ": " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli;
    }

    /** The options both commands share: output, its format, the Spark master when run without spark-submit. */
    static class Common {
        @Option(names = "--output", required = true, description = "Output folder (Parquet or JSON lines); must not exist yet.")
        Path output;

        @Option(names = "--output-format", defaultValue = "parquet", description = "parquet or json (default: ${DEFAULT-VALUE}).")
        String outputFormat;

        @Option(names = "--batch-size", description = "Inputs per batch (default: 16 images, 32 graphs).")
        Integer batchSize;

        @Option(names = "--master", description = "Spark master when run without spark-submit, e.g. local[2] (default: spark-submit's).")
        String master;

        SparkSession session(String app) {
            SparkSession.Builder b = SparkSession.builder().appName(app);
            if (master != null) {
                b.master(master);
            }
            return b.getOrCreate();
        }

        void write(SparkSession spark, Dataset<Row> rows, String what, List<String> metrics) {
            SparkExplainJob.write(spark, rows, output, outputFormat, what, metrics);
        }
    }

    /**
     * Writes {@code rows} to {@code output} through Spark's output committer (only a task attempt that completes is
     * committed), then reads back what was written and prints the number of explanations, the mean target score and the
     * mean of each of {@code metrics} (columns of {@code rows}) per method and target class ({@link #summary}), and the
     * number of error rows.
     *
     * @return the summary it printed
     */
    static List<Row> write(SparkSession spark, Dataset<Row> rows, Path output, String outputFormat, String what, List<String> metrics) {
        String format = outputFormat.toLowerCase(Locale.ROOT);
        if (!format.equals("parquet") && !format.equals("json")) {
            throw new IllegalArgumentException("--output-format " + outputFormat + ": expected parquet or json");
        }
        rows.write().mode(SaveMode.ErrorIfExists).format(format).save(output.toString());
        Dataset<Row> written = spark.read().schema(rows.schema()).format(format).load(output.toString());
        Column ok = functions.col("error").isNull();
        Dataset<Row> summary = summary(written.filter(ok), metrics);
        summary.show(1000, false);
        long errors = written.filter(functions.not(ok)).count();
        System.out.printf("%d explanation rows and %d unreadable %s written to %s%n", written.filter(ok).count(), errors, what, output);
        return summary.collectAsList();
    }

    /**
     * Per method and target class of {@code explanations}: their number ({@code explanations}), the mean target score
     * ({@code meanTargetScore}) and for each metric its mean over the rows where it is defined ({@code mean_<metric>}: NaN
     * values left out, as {@code xai4j evaluate} averages; null when no row defines it).
     */
    static Dataset<Row> summary(Dataset<Row> explanations, List<String> metrics) {
        List<Column> means = new java.util.ArrayList<>();
        means.add(functions.avg("targetScore").as("meanTargetScore"));
        for (String m : metrics) {
            Column value = functions.col(m);
            means.add(functions.avg(functions.when(functions.not(functions.isnan(value)), value)).as("mean_" + m));
        }
        return explanations.groupBy("method", "target").agg(functions.count("*").as("explanations"), means.toArray(new Column[0]))
                .orderBy("method", "target");
    }

    @Command(name = "explain", mixinStandardHelpOptions = true, description = "Explain images: a folder (searched recursively) or Parquet with"
            + " a binary and a string column.")
    static final class Images extends Common implements Callable<Integer> {
        @Option(names = "--model", description = "An xai4j model file (from train or demo).")
        Path model;

        @Option(names = "--torchscript", description = "An exported PyTorch classifier instead of --model (with --classes, --input-size).")
        Path torchscript;

        @Option(names = "--classes", split = ",", description = "--torchscript: the class names in the model's output order.")
        List<String> classes;

        @Option(names = "--input-size", description = "--torchscript: the model's square input side.")
        Integer inputSize;

        @Option(names = "--mean", split = ",", defaultValue = "0.485,0.456,0.406", description = "--torchscript: (default: ${DEFAULT-VALUE}).")
        float[] mean;

        @Option(names = "--std", split = ",", defaultValue = "0.229,0.224,0.225", description = "--torchscript: (default: ${DEFAULT-VALUE}).")
        float[] std;

        @Option(names = {"--method", "--methods"}, split = ",", defaultValue = "gradcam", description = "Image methods (default: ${DEFAULT-VALUE}).")
        List<String> methods;

        @Option(names = "--input", required = true, description = "A folder of image files, or Parquet (a file or folder ending in .parquet).")
        String input;

        @Option(names = "--image-column", defaultValue = "content", description = "Parquet input: the binary column (default: ${DEFAULT-VALUE}).")
        String imageColumn;

        @Option(names = "--path-column", defaultValue = "path", description = "Parquet input: the name column (default: ${DEFAULT-VALUE}).")
        String pathColumn;

        @Option(names = "--layer", description = "Layer the layer methods read (default: each method's own).")
        String layer;

        @Option(names = "--target", description = "Class index to explain (default: each image's predicted class).")
        Integer target;

        @Option(names = "--rise-masks", defaultValue = "4000", description = "(default: ${DEFAULT-VALUE})")
        int riseMasks;

        @Option(names = "--seed", defaultValue = "0", description = "(default: ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--resize", defaultValue = "stretch", description = "stretch or crop (default: ${DEFAULT-VALUE}).")
        String resize;

        @Option(names = "--metrics", split = ",", description = "Per-image metrics added as columns, as xai4j evaluate computes them: gini,"
                + " deletion_auc, insertion_auc; with --mask-column also pointing_game, energy_pointing_game, iou_top20 (default: none).")
        List<String> metrics;

        @Option(names = "--mask-column", description = "Parquet input: a binary column of ground-truth masks (PNG at the model's input size,"
                + " pixel > 0 inside) for the localisation metrics.")
        String maskColumn;

        @Override
        public Integer call() {
            if ((model == null) == (torchscript == null)) {
                throw new IllegalArgumentException("give --model (an xai4j model file) or --torchscript (an exported PyTorch model), one of them");
            }
            ImageExplanations.Builder b = ImageExplanations.builder();
            if (model != null) {
                b.setModel(model);
            } else {
                if (classes == null || inputSize == null) {
                    throw new IllegalArgumentException("--torchscript needs --classes (in the model's output order) and --input-size");
                }
                b.setTorchScript(torchscript, new ImageExplanations.TorchScript(classes, inputSize, mean, std));
            }
            b.optMethods(methods).optLayer(layer).optTargetClass(target)
                    .optRiseMasks(riseMasks).optSeed(seed).optFit(fit(resize)).optImageColumn(imageColumn).optPathColumn(pathColumn)
                    .optMetrics(metrics == null ? List.of() : metrics).optMaskColumn(maskColumn);
            if (batchSize != null) {
                b.optBatchSize(batchSize);
            }
            ImageExplanations job = b.build();
            SparkSession spark = session("xai4j explain");
            Dataset<Row> images;
            if (isParquet(input)) {
                images = spark.read().parquet(input);
            } else {
                images = spark.read().format("binaryFile").option("recursiveFileLookup", "true")
                        .option("pathGlobFilter", "*.{" + String.join(",", ImageFolderDataset.EXTENSIONS) + "}").load(input)
                        .filter(functions.not(functions.lower(functions.col("path")).endsWith(".mask.png")));
            }
            write(spark, job.explain(images), "images", job.metrics());
            return 0;
        }

        private static ImageFolderDataset.Fit fit(String resize) {
            return switch (resize.toLowerCase(Locale.ROOT)) {
                case "stretch" -> ImageFolderDataset.Fit.STRETCH;
                case "crop" -> ImageFolderDataset.Fit.CENTER_CROP;
                default -> throw new IllegalArgumentException("--resize " + resize + ": expected stretch or crop");
            };
        }
    }

    @Command(name = "graph-explain", mixinStandardHelpOptions = true, description = "Explain molecules (SMILES) or JSON graphs with a GCN"
            + " checkpoint.")
    static final class Graphs extends Common implements Callable<Integer> {
        @Option(names = "--model", required = true, description = "A GCN checkpoint (.gcn, from graph train).")
        Path model;

        @Option(names = "--methods", split = ",", description = "Graph methods (default: the registry's default set).")
        List<String> methods;

        @Option(names = "--input", required = true, description = "Text (.smi: SMILES, then optionally white space and a name; .jsonl: one"
                + " graph per line) or Parquet (ending in .parquet).")
        String input;

        @Option(names = "--format", defaultValue = "smiles", description = "smiles or json (default: ${DEFAULT-VALUE}).")
        String format;

        @Option(names = "--graph-column", defaultValue = "smiles", description = "Parquet input: the graph column (default: ${DEFAULT-VALUE}).")
        String graphColumn;

        @Option(names = "--id-column", description = "Parquet input: a column naming each graph (default: the SMILES or the graph's id).")
        String idColumn;

        @Option(names = "--metrics", split = ",", description = "Per-graph metrics added as columns, as xai4j graph evaluate computes them"
                + " (tau 0.01): fidelity_plus, fidelity_minus, contrastivity_union, contrastivity_nodes, sparsity_union, sparsity_classavg"
                + " (default: none).")
        List<String> metrics;

        @Override
        public Integer call() {
            GraphExplanations.Format f = GraphExplanations.Format.parse(format);
            boolean parquet = isParquet(input);
            String column = parquet ? graphColumn : f == GraphExplanations.Format.SMILES ? "smiles" : "graph";
            String id = !parquet && f == GraphExplanations.Format.SMILES ? "name" : idColumn;
            GraphExplanations.Builder b = GraphExplanations.builder().setModel(model).optGraphColumn(column, f).optIdColumn(id)
                    .optMetrics(metrics == null ? List.of() : metrics);
            if (methods != null) {
                b.optMethods(methods);
            }
            if (batchSize != null) {
                b.optBatchSize(batchSize);
            }
            GraphExplanations job = b.build();
            SparkSession spark = session("xai4j graph-explain");
            Dataset<Row> rows;
            if (parquet) {
                rows = spark.read().parquet(input);
            } else {
                Column line = functions.trim(functions.col("value"));
                rows = spark.read().text(input).filter(line.notEqual("").and(functions.not(line.startsWith("#"))));
                if (f == GraphExplanations.Format.SMILES) { // .smi: SMILES, then optionally white space and a name
                    Column parts = functions.split(line, "\\s+", 2);
                    rows = rows.select(parts.getItem(0).as(column), parts.getItem(1).as(id));
                } else {
                    rows = rows.filter(functions.not(line.startsWith("{\"meta\""))).select(line.as(column));
                }
            }
            write(spark, job.explain(rows), "graphs", job.metrics());
            return 0;
        }
    }

    private static boolean isParquet(String input) {
        return input.toLowerCase(Locale.ROOT).replaceAll("/+$", "").endsWith(".parquet");
    }
}

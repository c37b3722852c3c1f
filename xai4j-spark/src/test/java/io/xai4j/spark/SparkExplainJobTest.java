package io.xai4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Tag("spark")
class SparkExplainJobTest {

    /** Failures injected so far (the local executor runs in this JVM). */
    private static final AtomicInteger INJECTED = new AtomicInteger();

    @TempDir
    Path dir;

    /**
     * Passes rows through, but the first attempt of partition 0 fails after handing on its first explanation row:
     * the write must keep only the retried attempt's output.
     */
    private static final class FailFirstAttempt implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            TaskContext task = TaskContext.get();
            boolean fail = task.partitionId() == 0 && task.attemptNumber() == 0;
            return new Iterator<>() {
                int handed;

                @Override
                public boolean hasNext() {
                    if (fail && handed == 1) {
                        INJECTED.incrementAndGet();
                        throw new IllegalStateException("injected task failure after one row");
                    }
                    return rows.hasNext();
                }

                @Override
                public Row next() {
                    handed++;
                    return rows.next();
                }
            };
        }
    }

    @Test
    void aTaskThatFailsOnceLeavesEveryRowExactlyOnceAndAnErrorRowPerBadInput() throws Exception {
        SparkSession spark = LocalSpark.session();
        Path model = Fixtures.cnnFile(dir);
        Path images = Files.createDirectories(dir.resolve("images"));
        Fixtures.pngs(images, 3);
        Fixtures.truncatedPng(images);
        Dataset<Row> explained = ImageExplanations.builder().setModel(model).optMethods(List.of("gradcam", "cam", "eb")).optBatchSize(2).build()
                .explain(spark.read().format("binaryFile").load(images.toString()).repartition(2))
                .mapPartitions(new FailFirstAttempt(), Encoders.row(ImageExplanations.SCHEMA));
        Path out = dir.resolve("images.parquet");
        int before = INJECTED.get();
        SparkExplainJob.write(spark, explained, out, "parquet", "images", List.of());
        assertEquals(before + 1, INJECTED.get(), "the failure was injected once");
        Map<String, Integer> counts = counts(spark.read().parquet(out.toString()).collectAsList(), "path");
        for (int i = 0; i < 3; i++) {
            for (String m : List.of("gradcam", "cam", "eb")) {
                assertEquals(1, counts.getOrDefault("img" + i + ".png " + m, 0), "img" + i + ".png " + m + " in " + counts);
            }
        }
        assertEquals(1, counts.getOrDefault("truncated.png error", 0), counts.toString());
        assertEquals(10, counts.values().stream().mapToInt(Integer::intValue).sum(), "nothing else: " + counts);
    }

    /** Eight partitions on two task threads: the executor loads the model at most once per thread, not per partition. */
    @Test
    void theModelIsLoadedOncePerTaskSlotNotPerPartition() throws Exception {
        Path model = Fixtures.cnnFile(dir, 17); // weights no other test uses: its own digest
        Path images = Files.createDirectories(dir.resolve("eight"));
        Fixtures.pngs(images, 8);
        Dataset<Row> rows = LocalSpark.session().read().format("binaryFile").load(images.toString()).repartition(8);
        assertEquals(8, rows.rdd().getNumPartitions());
        long n = ImageExplanations.builder().setModel(model).optBatchSize(1).build().explain(rows).count();
        assertEquals(8, n);
        String digest = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(model)));
        int loads = ExecutorModels.loads(digest);
        assertTrue(loads >= 1 && loads <= 2, "local[2]: at most one model per task thread, got " + loads + " loads for 8 partitions");
    }

    /**
     * The spark-submit command line on a .smi file: names from the file, one error row for the unreadable line; the
     * requested metrics as columns, null on the error row.
     */
    @Test
    void graphExplainReadsASmilesFileAndWritesParquet() throws Exception {
        SparkSession spark = LocalSpark.session();
        Path model = Fixtures.gcnFile(dir);
        Path smi = dir.resolve("molecules.smi");
        List<String> lines = new ArrayList<>(List.of("# a comment", ""));
        for (int i = 0; i < Fixtures.SMILES.size(); i++) {
            lines.add(Fixtures.SMILES.get(i) + " mol" + i);
        }
        lines.add(Fixtures.BAD_SMILES.get(0) + " broken");
        Files.write(smi, lines);
        Path out = dir.resolve("graphs.parquet");
        int code = new CommandLine(new SparkExplainJob()).execute("graph-explain", "--model", model.toString(), "--methods", "gradcam,eb",
                "--metrics", "sparsity_union,fidelity_plus", "--input", smi.toString(), "--output", out.toString(), "--master", "local[2]");
        assertEquals(0, code);
        List<Row> written = spark.read().parquet(out.toString()).collectAsList();
        for (Row r : written) {
            for (String metric : List.of("sparsity_union", "fidelity_plus")) {
                assertEquals(r.isNullAt(r.fieldIndex("error")), !r.isNullAt(r.fieldIndex(metric)), metric + " set on explanation rows only: " + r);
            }
        }
        Map<String, Integer> counts = counts(written, "id");
        for (int i = 0; i < Fixtures.SMILES.size(); i++) {
            assertEquals(1, counts.getOrDefault("mol" + i + " gradcam", 0), "mol" + i + " in " + counts);
            assertEquals(1, counts.getOrDefault("mol" + i + " eb", 0), "mol" + i + " in " + counts);
        }
        assertEquals(1, counts.getOrDefault("broken error", 0), counts.toString());
        assertEquals(2 * Fixtures.SMILES.size() + 1, counts.values().stream().mapToInt(Integer::intValue).sum(), counts.toString());
    }

    /** A bad command line fails before any task with one line naming what was wrong. */
    @Test
    void aMissingColumnIsOneLineNamingIt() {
        Dataset<Row> rows = LocalSpark.session().createDataset(List.of("CCO"), Encoders.STRING()).toDF("molecule");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> GraphExplanations.builder().setModel(Fixtures.gcnFile(dir)).build().explain(rows));
        assertEquals("the input has no column 'smiles' (expected a molecule as SMILES, of type string); its columns are [molecule]", e.getMessage());
    }

    /** A target class the model lacks fails on the driver, naming the model's classes. */
    @Test
    void aTargetTheModelLacksIsOneLineListingItsClasses() {
        Path model = Fixtures.cnnFile(dir);
        Dataset<Row> rows = LocalSpark.session().read().format("binaryFile").load(dir.toString());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ImageExplanations.builder().setModel(model).optTargetClass(4).build().explain(rows));
        assertEquals("target class 4: " + model + " has classes 0..3 [a, b, c, d]", e.getMessage());
    }

    /** Rows per "name method", the name the file name of a path; error rows count under "name error". */
    private static Map<String, Integer> counts(List<Row> rows, String idColumn) {
        Map<String, Integer> counts = new HashMap<>();
        for (Row r : rows) {
            String id = r.getString(r.fieldIndex(idColumn));
            String name = id.substring(id.lastIndexOf('/') + 1);
            boolean error = !r.isNullAt(r.fieldIndex("error"));
            assertTrue(error == r.isNullAt(r.fieldIndex("method")), "an error row has no method, an explanation no error: " + r);
            counts.merge(name + " " + (error ? "error" : r.getString(r.fieldIndex("method"))), 1, Integer::sum);
        }
        return counts;
    }
}

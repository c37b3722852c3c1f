package io.xai4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xai4j.graph.explain.GraphExplainers;
import io.xai4j.vision.explain.Explainers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The jar for spark-submit, after {@code package}: its registries, run from the jar alone, and what it leaves to the cluster. */
@Tag("spark")
class ShadedJarIT {

    private static final Path JAR = Path.of("target", "xai4j-spark.jar");

    @Test
    void theShadedJarsRegistriesListEveryMethod() throws Exception {
        assertTrue(Files.isRegularFile(JAR), JAR + " is built by package");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", JAR.toString(),
                "io.xai4j.spark.MethodList").redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "MethodList ran within a minute");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertEquals(List.of("image: " + String.join(",", Explainers.names()), "graph: " + String.join(",", GraphExplainers.registry().names())),
                out.lines().filter(l -> l.startsWith("image: ") || l.startsWith("graph: ")).toList(),
                "the shaded jar lists the methods the module's class path lists:\n" + out);
    }

    @Test
    void theShadedJarBringsXai4jAndThePyTorchNativesButNotSpark() throws IOException {
        try (ZipFile jar = new ZipFile(JAR.toFile())) {
            assertNotNull(jar.getEntry("io/xai4j/spark/SparkExplainJob.class"));
            assertNotNull(jar.getEntry("ai/djl/pytorch/engine/PtEngine.class"));
            assertTrue(jar.stream().anyMatch(e -> e.getName().startsWith("pytorch/") && e.getName().endsWith(".so")),
                    "the PyTorch CPU natives (pytorch-native-cpu) are in the jar");
            assertNull(jar.getEntry("org/apache/spark/SparkContext.class"), "Spark is the cluster's (provided)");
            assertNull(jar.getEntry("com/fasterxml/jackson/databind/ObjectMapper.class"), "Jackson is Spark's (provided)");
        }
    }
}

package io.xai4j.cli.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.xai4j.core.io.Json;
import io.xai4j.graph.model.Gcn;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code graph train --widths} builds the GCN it names for every data source (before, only {@code --input}
 * honoured it: BA-2Motifs and the molecule sets silently trained 128/256/512), and the result JSON records them.
 */
class GraphTrainWidthsTest {

    @Test
    void ba2motifsAndMoleculesTrainTheGivenWidths(@TempDir Path dir) throws Exception {
        String[] common = {"--seeds", "1", "--epochs", "1", "--batch-size", "64", "--widths", "6,5,4", "--no-progress"};
        assertEquals(0, run(concat(new String[] {"train", "--dataset", "ba2motifs", "--out", dir.resolve("a").toString()}, common)));
        try (Gcn g = Gcn.load(dir.resolve("a/ba2motifs-seed0.gcn"))) {
            assertArrayEquals(new int[] {6, 5, 4}, g.widths());
        }
        JsonNode a = Json.MAPPER.readTree(dir.resolve("a/ba2motifs-seed0.json").toFile());
        assertEquals("[6,5,4]", a.get("widths").toString());

        assertEquals(0, run(concat(new String[] {"train", "--dataset", "bace", "--split", "scaffold", "--out", dir.resolve("b").toString()},
                common)));
        try (Gcn g = Gcn.load(dir.resolve("b/BACE-scaffold-seed0.gcn"))) {
            assertArrayEquals(new int[] {6, 5, 4}, g.widths());
            assertEquals(75, g.inputDim());
        }
        JsonNode b = Json.MAPPER.readTree(dir.resolve("b/BACE-scaffold.json").toFile());
        assertEquals("[6,5,4]", b.get("widths").toString());
    }

    private static int run(String... args) {
        return new CommandLine(new GraphCommand()).execute(args);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

package io.xai4j.graph.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.xai4j.core.io.Json;
import io.xai4j.graph.chem.MoleculeDataset;
import io.xai4j.graph.model.TrainingConfig;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-data-set JSON of {@link MoleculeExperiment#run} (BBBP-scaffold.json for graph train --dataset bbbp) is JSON: a
 * figure that is undefined, such as the std of the test ROC-AUC over one seed, is null (it was the string "NaN").
 */
class MoleculeExperimentJsonTest {

    @Test
    void anUndefinedFigureIsNullInThePerDataSetJson(@TempDir Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("smiles,label\n");
        for (int n = 1; n <= 15; n++) {
            csv.append("C".repeat(n)).append(",0\n").append("C".repeat(n)).append("O,1\n");
        }
        MoleculeDataset ds = MoleculeDataset.read("tiny", "tiny.csv", new StringReader(csv.toString()), "smiles", "label",
                List.of("inactive", "active"));
        MoleculeExperiment.Summary s = MoleculeExperiment.run(ds, MoleculeExperiment.SplitKind.RANDOM, 1, 0, new int[] {4, 4, 4},
                new TrainingConfig(1, 8, 1e-3, 0, true, false), dir);
        assertTrue(Double.isNaN(s.stdTestRocAuc()), "one seed has no sample std");
        String text = Files.readString(dir.resolve("tiny-random.json"));
        assertFalse(text.contains("NaN"), text);
        JsonNode json = Json.MAPPER.readTree(text);
        assertTrue(json.get("stdTestRocAuc").isNull(), text);
        assertEquals(s.meanValidRocAuc(), json.get("meanValidRocAuc").asDouble(Double.NaN), 0, "a defined figure as it was");
    }
}

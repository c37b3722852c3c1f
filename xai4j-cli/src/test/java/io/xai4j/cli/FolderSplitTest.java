package io.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import io.xai4j.vision.data.ImageDataset;
import io.xai4j.vision.model.ModelFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --dataset folder} on one folder of class folders (no train/ and val/): a seeded stratified split. */
class FolderSplitTest {

    private static List<String> sources(ImageDataset d) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            out.add(d.source(i));
        }
        return out;
    }

    @Test
    void aSingleFolderIsSplitPerClassAndEvaluateFindsTheSameTestImages(@TempDir Path dir) throws Exception {
        SplittableRandom rng = new SplittableRandom(9);
        TestImages.randomPngs(dir.resolve("data/ant"), "a", 20, 16, rng);
        TestImages.randomPngs(dir.resolve("data/bee"), "b", 10, 16, rng);
        Path data = dir.resolve("data");
        DataSets.FolderSplit shares = new DataSets.FolderSplit(0.2, 0.3);
        DataSets.Splits splits = DataSets.load("folder", data, 16, 5, false, false, shares);
        assertEquals(List.of(10 + 5, 4 + 2, 6 + 3), List.of(splits.train().size(), splits.val().size(), splits.test().size()),
                "per class: ant 10/4/6, bee 5/2/3");
        List<String> test = sources(splits.test());
        assertEquals(test, sources(DataSets.loadTest("folder", data, 16, 5, false, shares)), "evaluate's test part is train's");
        List<String> all = new ArrayList<>(sources(splits.train()));
        all.addAll(sources(splits.val()));
        all.addAll(test);
        assertEquals(30, all.stream().distinct().count(), "every image in one part");

        Path model = dir.resolve("m.xai4j");
        CliRun train = CliRun.run("train", "--dataset", "folder", "--data-dir", data.toString(), "--image-size", "16", "--epochs", "1",
                "--batch-size", "8", "--val-fraction", "0.2", "--test-fraction", "0.3", "--seed", "5", "--output", model.toString());
        assertEquals(0, train.code(), train.err());
        try (NDManager root = NDManager.newBaseManager()) {
            JsonNode recorded = ModelFile.load(model, root).header().extra().get("data");
            assertEquals(0.2, recorded.get("valFraction").asDouble());
            assertEquals(0.3, recorded.get("testFraction").asDouble());
            assertEquals(shares, DataSets.FolderSplit.recorded(recorded));
        }
        TestImages.randomPngs(dir.resolve("train/ant"), "a", 1, 16, rng);
        CliRun withTrain = CliRun.run("train", "--dataset", "folder", "--data-dir", dir.toString(), "--val-fraction", "0.2");
        assertEquals("xai4j train: --val-fraction is not used when --data-dir has train/ (the split is given by its folders)",
                withTrain.err().strip());
        CliRun bad = CliRun.run("train", "--dataset", "folder", "--data-dir", data.toString(), "--val-fraction", "0.6", "--test-fraction",
                "0.4");
        assertEquals("xai4j train: --val-fraction 0.6 and --test-fraction 0.4: expected val in (0, 1), test in [0, 1) and val + test < 1",
                bad.err().strip());
    }
}

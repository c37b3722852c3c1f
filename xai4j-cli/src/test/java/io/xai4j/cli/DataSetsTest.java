package io.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xai4j.core.render.Images;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folder data sets: every split must have train's class folders (labels are numbered per split). */
class DataSetsTest {

    @Test
    void aClassFolderMissingFromValIsRefusedInsteadOfShiftingTheLabels(@TempDir Path dir) throws Exception {
        image(dir, "train/ant");
        image(dir, "train/bee");
        image(dir, "train/cow");
        image(dir, "val/ant");
        image(dir, "val/cow");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataSets.load("folder", dir, 8, 0, false));
        assertEquals(dir.resolve("val") + " has class folders [ant, cow] but " + dir.resolve("train") + " has [ant, bee, cow]; every split"
                + " needs the same class folders", e.getMessage());
        image(dir, "val/bee");
        DataSets.Splits ok = DataSets.load("folder", dir, 8, 0, false);
        assertEquals(List.of("ant", "bee", "cow"), ok.val().classNames());
        image(dir, "test/bee");
        assertThrows(IllegalArgumentException.class, () -> DataSets.load("folder", dir, 8, 0, false));
        // evaluate reads the test split alone (its classes are checked against the model's, not train's)
        assertEquals(List.of("bee"), DataSets.loadTest("folder", dir, 8, 0, false).classNames());
        Files.writeString(dir.resolve("train/ant/broken.png"), "not an image");
        assertEquals(1, DataSets.loadTest("folder", dir, 8, 0, false).size(), "train images are not decoded");
        // the test split is decoded when used: evaluate --images N touches only N files of a large folder
        assertTrue(((io.xai4j.vision.data.ImageFolderDataset) DataSets.loadTest("folder", dir, 8, 0, false)).lazy());
    }

    private static void image(Path root, String folder) throws Exception {
        Images.writePng(Files.createDirectories(root.resolve(folder)).resolve("a.png"), new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB));
    }
}

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

    /**
     * {@code train | pipnet train --lazy-images} decode each batch's files when needed and hold none, and train exactly
     * the model the eager run trains (same batches, same pixels): the model files are byte-identical.
     */
    @Test
    void lazyImagesTrainTheSameModelsWithoutHoldingThePixels(@TempDir Path dir) throws Exception {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(4);
        for (String split : new String[] {"train", "val"}) {
            for (String cls : new String[] {"ant", "bee"}) {
                TestImages.randomPngs(dir.resolve("data").resolve(split).resolve(cls), "i", 12, 20, rng);
            }
        }
        assertTrue(((io.xai4j.vision.data.ImageFolderDataset) DataSets.load("folder", dir.resolve("data"), 16, 0, false, true).train()).lazy());
        String data = dir.resolve("data").toString();
        for (boolean lazy : new boolean[] {false, true}) {
            String tag = lazy ? "lazy" : "eager";
            java.util.List<String> cnn = new java.util.ArrayList<>(List.of("train", "--dataset", "folder", "--data-dir", data, "--image-size", "16",
                    "--epochs", "1", "--batch-size", "8", "--output", dir.resolve(tag + ".xai4j").toString()));
            java.util.List<String> pip = new java.util.ArrayList<>(List.of("pipnet", "train", "--dataset", "folder", "--data-dir", data,
                    "--image-size", "16", "--pretrain-epochs", "1", "--epochs", "4", "--batch-size", "8", "--prototypes", "8",
                    "--output", dir.resolve(tag + "-pipnet.xai4j").toString()));
            if (lazy) {
                cnn.add("--lazy-images");
                pip.add("--lazy-images");
            }
            assertEquals(0, Main.commandLine().execute(cnn.toArray(String[]::new)), tag);
            assertEquals(0, Main.commandLine().execute(pip.toArray(String[]::new)), tag);
        }
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(dir.resolve("eager.xai4j")), Files.readAllBytes(dir.resolve("lazy.xai4j"))),
                "CNN: the same model");
        // the PIP-Net file also records each epoch's wall time, so compare every array
        try (ai.djl.ndarray.NDManager root = ai.djl.ndarray.NDManager.newBaseManager()) {
            var eager = io.xai4j.vision.pipnet.PipNetFile.load(dir.resolve("eager-pipnet.xai4j"), root).model().state();
            var lazy = io.xai4j.vision.pipnet.PipNetFile.load(dir.resolve("lazy-pipnet.xai4j"), root).model().state();
            assertEquals(eager.size(), lazy.size());
            for (int i = 0; i < eager.size(); i++) {
                assertTrue(java.util.Arrays.equals(eager.get(i).array().toFloatArray(), lazy.get(i).array().toFloatArray()),
                        "PIP-Net: the same " + eager.get(i).name());
            }
        }
    }

    private static void image(Path root, String folder) throws Exception {
        Images.writePng(Files.createDirectories(root.resolve(folder)).resolve("a.png"), new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB));
    }
}

package io.xai4j.vision;

import io.xai4j.core.explain.Targets;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.xai4j.core.explain.Attribution;
import io.xai4j.core.render.Images;
import io.xai4j.vision.data.ImageFolderDataset;
import io.xai4j.vision.data.Normalization;
import io.xai4j.vision.explain.Cam;
import io.xai4j.vision.explain.ExcitationBackprop;
import io.xai4j.vision.explain.GradCam;
import io.xai4j.vision.model.CnnClassifier;
import io.xai4j.vision.model.ModelFile;
import io.xai4j.vision.model.SmallResNet;
import io.xai4j.vision.model.SmallResNetConfig;
import io.xai4j.vision.pipnet.LocalExplanation;
import io.xai4j.vision.pipnet.PatchGeometry;
import io.xai4j.vision.pipnet.PipNet;
import io.xai4j.vision.pipnet.PipNetArchitecture;
import io.xai4j.vision.pipnet.PipNetFile;
import io.xai4j.vision.pipnet.Prediction;
import io.xai4j.vision.pipnet.ScoringSheet;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Using it from Java" image and PIP-Net examples, run as written (on small random-weight
 * models saved to files), so the documented calls keep compiling and keep doing what the README says.
 */
class ReadmeExamplesTest {

    private static final List<String> CLASSES = List.of("a", "b", "c");

    @Test
    void explainAnImageFileWithASavedCnn(@TempDir Path dir) throws Exception {
        Path modelFile = dir.resolve("model.xai4j"), image = dir.resolve("image.png");
        Normalization trainedWith = new Normalization(new float[] {0.4f, 0.5f, 0.6f}, new float[] {0.2f, 0.25f, 0.3f});
        try (NDManager m = NDManager.newBaseManager()) {
            SmallResNetConfig arch = SmallResNetConfig.forImageSize(32, 3, CLASSES.size());
            CnnClassifier cnn = SmallResNet.create(m.newSubManager(), arch, CLASSES, 32, 7);
            ModelFile.save(modelFile, cnn, new ModelFile.Header(arch, CLASSES, 32, trainedWith.mean(), trainedWith.std(), null), null);
            cnn.close();
        }
        Images.writePng(image, randomImage(40, 48, 3));

        // --- README: "Using it from Java", images ---
        try (NDManager root = NDManager.newBaseManager()) {
            ModelFile.Loaded loaded = ModelFile.load(modelFile, root);
            CnnClassifier model = loaded.model();
            int[] chw = model.inputShape();                                                            // {3, 32, 32}
            float[] pixels = ImageFolderDataset.readImage(image, chw[0], chw[1], chw[2]);              // RGB in [0,1], resized
            NDArray x = loaded.header().normalization().batch(root, chw, List.of(pixels));            // [1,3,32,32], normalised
            Attribution gradCam = GradCam.builder().setModel(model).optLayer("layer3").build().explain(x, Targets.top1());   // null: top-1
            Attribution eb = ExcitationBackprop.builder().setModel(model).build().explain(x, gradCam.targets());
            float[][] map = gradCam.maps()[0];                                                         // [H][W] in [0,1]
            Images.writePng(dir.resolve("image.gradcam.png"), Images.overlay(Images.fromPlanarRgb(pixels, chw[1], chw[2]), map, 0.5));
            // --- end of the README example ---

            assertArrayEquals(new int[] {3, 32, 32}, chw);
            float[] flat = x.toFloatArray();
            int probe = 2 * 32 * 32 + 5 * 32 + 9; // channel 2, row 5, column 9
            assertEquals((pixels[probe] - 0.6f) / 0.3f, flat[probe], 1e-6f, "the saved normalisation is applied");
            assertEquals(32, map.length);
            assertEquals(32, map[0].length);
            // Grad-CAM at the last layer of a GAP + linear model is ReLU(CAM without bias)/(h·w): the same normalised map
            Attribution cam = Cam.of(model).explain(x, gradCam.targets());
            for (int i = 0; i < 32; i++) {
                for (int j = 0; j < 32; j++) {
                    assertTrue(map[i][j] >= 0f && map[i][j] <= 1f);
                    assertEquals(cam.maps()[0][i][j], map[i][j], 1e-4f, "cell " + i + "," + j);
                }
            }
            assertFalse(gradCam.degenerate()[0], "a map to compare");
            assertEquals(gradCam.targets()[0], eb.targets()[0]);
            assertEquals("layer3", gradCam.layer());
            assertTrue(Files.size(dir.resolve("image.gradcam.png")) > 0);
        }
    }

    @Test
    void predictAndExplainWithASavedPipNet(@TempDir Path dir) throws Exception {
        Path modelFile = dir.resolve("pipnet.xai4j"), image = dir.resolve("image.png");
        try (NDManager m = NDManager.newBaseManager()) {
            PipNetFile.Header header = new PipNetFile.Header(PipNetFile.BackboneSpec.smallCnn(16), new PipNetArchitecture(16, false, false, 32),
                    CLASSES, Normalization.imageNet().mean(), Normalization.imageNet().std(), null);
            PipNet fresh = PipNetFile.create(m, header, 3);
            PipNetFile.save(modelFile, fresh, header, null);
            fresh.close();
        }
        Images.writePng(image, randomImage(32, 32, 11));

        // --- README: "Using it from Java", PIP-Net ---
        try (NDManager root = NDManager.newBaseManager()) {
            PipNet model = PipNetFile.load(modelFile, root).model();
            int s = model.imageSize();
            float[] pixels = ImageFolderDataset.readImage(image, 3, s, s);
            NDArray x = model.normalization().batch(root, new int[] {3, s, s}, List.of(pixels));
            Prediction p = model.predict(x);                        // p.predicted()[0] == Prediction.ABSTAIN: "not seen before"
            ScoringSheet sheet = ScoringSheet.of(model);             // per class: prototype ids and weights; sheet.toText()
            LocalExplanation why = LocalExplanation.explain(model, x, new int[] {0}, PatchGeometry.Size.cells(2)).get(0);
            for (LocalExplanation.ClassEvidence c : why.classes()) {                     // the top-3 classes
                for (LocalExplanation.Contribution d : c.contributions()) {              // presence × weight, patch box, map
                    String line = c.className() + " p" + d.prototype() + " " + d.presence() + " x " + d.weight() + " at " + d.box();
                    assertFalse(line.isEmpty());
                }
            }
            // --- end of the README example ---

            assertArrayEquals(p.scores()[0], sheet.scores(p.presence()[0]), 1e-5f, "the sheet reproduces the model's scores");
            assertEquals(p.predicted()[0], why.predicted());
            assertEquals(p.abstained()[0], why.classes().isEmpty());
            for (LocalExplanation.ClassEvidence c : why.classes()) {
                assertEquals(c.score(), c.total(), 1e-4, "contributions add up to the class score");
                for (LocalExplanation.Contribution d : c.contributions()) {
                    PatchGeometry.Box b = d.box();
                    assertEquals(16, b.bottom() - b.top(), "2 cells of 8 px");
                    assertTrue(b.top() >= 0 && b.bottom() <= s && b.left() >= 0 && b.right() <= s, b.toString());
                    assertEquals(s / 8, d.map().length, "smallcnn's grid is S/8");
                }
            }
            LocalExplanation explicit = LocalExplanation.explain(model, x, new int[] {0}, PatchGeometry.cells(s, s / 8, s / 8, 2)).get(0);
            assertFalse(boxes(why).isEmpty(), "prototypes to compare");
            assertEquals(boxes(explicit), boxes(why), "a patch Size resolves to the model's own grid");
        }
    }

    private static List<String> boxes(LocalExplanation e) {
        return e.classes().stream().flatMap(c -> c.contributions().stream().map(d -> c.classId() + ":" + d.prototype() + "@" + d.box())).toList();
    }

    private static BufferedImage randomImage(int height, int width, long seed) {
        Random rng = new Random(seed);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, rng.nextInt(1 << 24));
            }
        }
        return img;
    }
}

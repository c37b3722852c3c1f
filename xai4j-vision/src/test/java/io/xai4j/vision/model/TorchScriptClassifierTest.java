package io.xai4j.vision.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.xai4j.core.explain.Attribution;
import io.xai4j.vision.explain.Cam;
import io.xai4j.vision.explain.ContrastiveGradient;
import io.xai4j.vision.explain.ExcitationBackprop;
import io.xai4j.vision.explain.GradCam;
import io.xai4j.vision.explain.Rise;
import io.xai4j.vision.explain.UnsupportedModelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The TorchScript fixture made by scripts/make_torchscript_fixture.py with Debian's python3-torch. */
class TorchScriptClassifierTest {

    private static final Path DIR = Path.of("src/test/resources/torchscript");
    private static final List<String> CLASSES = List.of("a", "b", "c");
    private static final int[] SHAPE = {3, 12, 12};

    private static NDArray fixtureInput(NDManager m) {
        float[] v = new float[3 * 12 * 12];
        for (int i = 0; i < v.length; i++) {
            v[i] = -1f + 2f * i / (v.length - 1);
        }
        return m.create(v, new Shape(1, 3, 12, 12));
    }

    @Test
    void frozenExportReproducesPythonLogitsAndSupportsLayerMethods() throws Exception {
        String[] expected = Files.readString(DIR.resolve("tiny_expected.txt")).trim().split(" ");
        try (TorchScriptClassifier model = TorchScriptClassifier.load(DIR.resolve("tiny_frozen.pt"), CLASSES, SHAPE);
                NDManager m = NDManager.newBaseManager()) {
            assertTrue(model.gradientSafe());
            float[] logits = model.logits(fixtureInput(m)).toFloatArray();
            for (int c = 0; c < 3; c++) {
                assertEquals(Double.parseDouble(expected[c]), logits[c], 1e-5, "logit " + c + " vs PyTorch");
            }
            NDArray x = fixtureInput(m).concat(fixtureInput(m).neg());
            int[] t = {0, 2};
            Attribution gc = GradCam.builder().setModel(model).build().explain(x, t);
            Attribution cam = Cam.of(model).explain(x, t);
            int h = gc.raw()[0].length, w = gc.raw()[0][0].length;
            for (int b = 0; b < 2; b++) {
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < w; j++) {
                        assertEquals(cam.raw()[b][i][j], gc.raw()[b][i][j] * h * w, 1e-4 + 1e-3 * cam.raw()[b][i][j]);
                    }
                }
            }
            assertEquals(12, ContrastiveGradient.of(model).explain(x, t).raw()[0].length);
            assertEquals(12, Rise.builder().setModel(model).optNumMasks(16).build().explain(x, t).raw()[0].length);
            UnsupportedModelException e = assertThrows(UnsupportedModelException.class,
                    () -> ExcitationBackprop.builder().setModel(model).build());
            assertTrue(e.getMessage().contains("layer structure"));
        }
    }

    @Test
    void unfrozenExportWithBatchNormRefusesGradientMethodsWithAFix() throws Exception {
        String[] expected = Files.readString(DIR.resolve("tiny_expected.txt")).trim().split(" ");
        try (TorchScriptClassifier model = TorchScriptClassifier.load(DIR.resolve("tiny_unfrozen.pt"), CLASSES, SHAPE);
                NDManager m = NDManager.newBaseManager()) {
            assertFalse(model.gradientSafe(), "train-mode BatchNorm must be detected");
            float[] logits = model.logits(fixtureInput(m)).toFloatArray();
            for (int c = 0; c < 3; c++) {
                assertEquals(Double.parseDouble(expected[c]), logits[c], 1e-5, "the load-time probe must not change BatchNorm statistics");
            }
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> GradCam.builder().setModel(model).build().explain(fixtureInput(m), new int[] {0}));
            assertTrue(e.getMessage().contains("torch.jit.freeze"), e.getMessage());
        }
    }

    @Test
    void imagesOfAnotherSizeAreRefusedByTorchScriptAndBuiltInModels() {
        try (TorchScriptClassifier model = TorchScriptClassifier.load(DIR.resolve("tiny_frozen.pt"), CLASSES, SHAPE);
                NDManager m = NDManager.newBaseManager()) {
            // The export is fully convolutional and would run at 16 px too, at another scale than it was loaded for.
            NDArray big = m.zeros(new Shape(1, 3, 16, 16));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.logits(big));
            assertEquals("expected images [B,3,12,12] (the input size this TorchScript model was loaded with; resize first), got (1, 3, 16, 16)",
                    e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> GradCam.builder().setModel(model).build().explain(big, new int[] {0}));
            CnnClassifier cnn = SmallResNet.create(m, SmallResNetConfig.forImageSize(12, 3, 3), CLASSES, 12, 0);
            IllegalArgumentException c = assertThrows(IllegalArgumentException.class, () -> cnn.logits(big));
            assertTrue(c.getMessage().startsWith("expected images [B,3,12,12] (the model's input size; resize first)"), c.getMessage());
            assertThrows(IllegalArgumentException.class, () -> cnn.forwardTraining(big));
            assertEquals(3, cnn.logits(m.zeros(new Shape(2, 3, 12, 12))).getShape().get(1));
        }
    }

    /**
     * A traced export with only forward(): logits as in PyTorch; the contrastive gradient equals ‖ReLU(∂y_t/∂x)‖₂
     * over the channels, checked by central differences of the logits; Grad-CAM and CAM name the methods to export.
     */
    @Test
    void forwardOnlyExportRunsTheMethodsThatNeedNoLayer() throws Exception {
        String[] expected = Files.readString(DIR.resolve("plain_expected.txt")).trim().split(" ");
        try (TorchScriptClassifier model = TorchScriptClassifier.load(DIR.resolve("plain_traced.pt"), CLASSES, SHAPE);
                NDManager m = NDManager.newBaseManager()) {
            NDArray x = fixtureInput(m);
            float[] logits = model.logits(x).toFloatArray();
            for (int c = 0; c < 3; c++) {
                assertEquals(Double.parseDouble(expected[c]), logits[c], 1e-5, "logit " + c + " vs PyTorch");
            }
            assertFalse(model.hasFeatureLayer());
            assertTrue(model.layers().isEmpty());
            assertTrue(model.linearHead().isEmpty());
            assertTrue(model.gradientSafe(), "frozen: BatchNorm folded into constants");
            // NN-Explainer needs nothing of the model but its forward pass (and a trained file, which the defaults lack)
            assertEquals(List.of("cgrad", "rise", "nnexplainer"), io.xai4j.vision.explain.Explainers.supported(
                    io.xai4j.vision.explain.Explainers.names(), model));
            assertEquals(List.of("cgrad", "rise"), io.xai4j.vision.explain.Explainers.supported(
                    io.xai4j.vision.explain.Explainers.names(), model, io.xai4j.core.explain.MethodOptions.defaults()));
            UnsupportedOperationException g = assertThrows(UnsupportedOperationException.class, () -> GradCam.builder().setModel(model).build());
            assertTrue(g.getMessage().contains("forward_features(x) and forward_head(a)"), g.getMessage());
            UnsupportedOperationException c = assertThrows(UnsupportedOperationException.class, () -> Cam.of(model));
            assertTrue(c.getMessage().contains("forward_features(x) and forward_head(a)"), c.getMessage());

            int t = 1;
            Attribution cg = ContrastiveGradient.of(model).explain(x, new int[] {t});
            float[] v = x.toFloatArray();
            int hw = 12 * 12;
            double eps = 1e-2;
            // ‖ReLU(∂y_t/∂x[:, i, j])‖₂ over the channels at a few pixels
            for (int p : new int[] {0, 13, 70, 143}) {
                double[] fd = new double[3];
                for (int ch = 0; ch < 3; ch++) {
                    float[] plus = v.clone(), minus = v.clone();
                    plus[ch * hw + p] += (float) eps;
                    minus[ch * hw + p] -= (float) eps;
                    float[] lp = model.logits(m.create(plus, new Shape(1, 3, 12, 12))).toFloatArray();
                    float[] lm = model.logits(m.create(minus, new Shape(1, 3, 12, 12))).toFloatArray();
                    fd[ch] = (lp[t] - lm[t]) / (2 * eps);
                }
                double norm = 0;
                for (double d : fd) {
                    norm += Math.max(0, d) * Math.max(0, d);
                }
                assertEquals(Math.sqrt(norm), cg.raw()[0][p / 12][p % 12], 1e-6 + 1e-2 * Math.sqrt(norm), "pixel " + p);
            }
            assertEquals(12, Rise.builder().setModel(model).optNumMasks(16).build().explain(x, new int[] {t}).raw()[0].length);
        }
    }

    @Test
    void duplicateClassNamesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TorchScriptClassifier.load(DIR.resolve("tiny_frozen.pt"), List.of("a", "b", "a"), SHAPE));
        assertEquals(DIR.resolve("tiny_frozen.pt") + ": class names must be distinct, got 3 names of which 2 differ", e.getMessage());
    }

    @Test
    void wrongClassCountIsRejectedNamingTheFile() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TorchScriptClassifier.load(DIR.resolve("tiny_frozen.pt"), List.of("a", "b"), SHAPE));
        assertTrue(e.getMessage().contains("tiny_frozen.pt"), e.getMessage());
    }

    /**
     * fixed12_traced.pt (scripts/make_fixed_size_fixture.py) reshapes its 6×6 feature grid, so it runs on 12 px inputs only:
     * loaded for 64 px it is refused in one line that names the size it accepts, without TorchScript's traceback; for
     * 12 px it gives plain_traced.pt's logits (the same weights, and the mean over the grid is the adaptive pooling).
     */
    @Test
    void anExportOfAnotherInputSizeIsRefusedNamingTheSizeItAccepts() throws Exception {
        Path file = DIR.resolve("fixed12_traced.pt");
        InputSizeException e = assertThrows(InputSizeException.class, () -> TorchScriptClassifier.load(file, CLASSES, new int[] {3, 64, 64}));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertFalse(e.getMessage().contains("Traceback"), e.getMessage());
        assertTrue(e.getMessage().startsWith(file + ": the export does not run on 3×64×64 inputs ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("; it runs on 3×12×12 (of the square sizes 8 to 512 tried)"), e.getMessage());
        assertEquals(List.of(12), e.acceptedSides());
        String[] expected = Files.readString(DIR.resolve("plain_expected.txt")).trim().split(" ");
        try (TorchScriptClassifier model = TorchScriptClassifier.load(file, CLASSES, SHAPE); NDManager m = NDManager.newBaseManager()) {
            float[] logits = model.logits(fixtureInput(m)).toFloatArray();
            for (int c = 0; c < 3; c++) {
                assertEquals(Double.parseDouble(expected[c]), logits[c], 1e-5, "logit " + c + " vs PyTorch");
            }
        }
        // a model that runs on no square RGB size says so
        InputSizeException none = assertThrows(InputSizeException.class,
                () -> TorchScriptClassifier.load(file, CLASSES, new int[] {1, 12, 12}));
        assertEquals(List.of(), none.acceptedSides());
        assertTrue(none.getMessage().contains("the export runs on none of the square sizes 8 to 512 tried with 1 channel"), none.getMessage());
    }
}

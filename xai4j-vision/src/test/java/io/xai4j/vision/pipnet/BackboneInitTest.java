package io.xai4j.vision.pipnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.xai4j.vision.data.Normalization;
import io.xai4j.vision.model.CnnClassifier;
import io.xai4j.vision.model.ModelFile;
import io.xai4j.vision.model.Parameter;
import io.xai4j.vision.model.SmallResNet;
import io.xai4j.vision.model.SmallResNetConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/methods/pipnet.md#backbone-initialisation: the supervised-pretrained start from a black box's backbone. */
class BackboneInitTest {

    private static final List<String> CLASSES = List.of("a", "b", "c");

    private static Path saveBlackBox(CnnClassifier cnn, Path file, int imageSize) {
        Normalization n = Normalization.imageNet();
        ModelFile.save(file, cnn, new ModelFile.Header(null, cnn.classNames(), imageSize, n.mean(), n.std(), null), null);
        return file;
    }

    private static PipNet pipNet(NDManager root, int d, long seed) {
        return PipNet.create(root.newSubManager(), SmallCnn.create(root.newSubManager(), d, seed, true), PipNetArchitecture.smallCnn(d, 32),
                CLASSES, Normalization.imageNet(), seed);
    }

    @Test
    void copiesEveryBackboneArrayOfTheBlackBoxIncludingRunningStatistics(@TempDir Path dir) {
        try (NDManager root = NDManager.newBaseManager()) {
            CnnClassifier cnn = SmallCnn.blackBox(root.newSubManager(), 16, CLASSES, 32, 5);
            // running statistics that differ from their initial 0 / 1, so that copying them is checked too
            for (Parameter p : cnn.parameters()) {
                if (!p.trainable()) {
                    p.array().addi(0.25f);
                }
            }
            Path file = saveBlackBox(cnn, dir.resolve("bb.xai4j"), 32);
            PipNet model = pipNet(root, 16, 9);
            float[] headBefore = model.weights()[0].clone();
            assertEquals(30, BackboneInit.copy(file, model), "6 convs and 6 BatchNorms of 4 arrays");
            List<Parameter> expected = cnn.parameters();
            List<Parameter> got = model.backbone().state();
            for (int i = 0; i < got.size(); i++) {
                assertEquals(expected.get(i).name(), got.get(i).name());
                assertArrayEquals(expected.get(i).array().toFloatArray(), got.get(i).array().toFloatArray(), 0f, got.get(i).name());
            }
            // the black box's head is dropped: the scoring sheet keeps its own initialisation
            assertArrayEquals(headBefore, model.weights()[0], 0f);
            assertEquals("fc.weight", expected.get(got.size()).name());
            model.close();
            cnn.close();
        }
    }

    @Test
    void refusesAnotherArchitectureNamingTheLayerAndLeavesTheModelUnchanged(@TempDir Path dir) {
        try (NDManager root = NDManager.newBaseManager()) {
            CnnClassifier narrow = SmallCnn.blackBox(root.newSubManager(), 8, CLASSES, 32, 5);
            Path file = saveBlackBox(narrow, dir.resolve("narrow.xai4j"), 32);
            PipNet model = pipNet(root, 16, 9);
            float[][] before = PipNetFixtures.snapshot(model);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BackboneInit.copy(file, model));
            assertTrue(e.getMessage().startsWith("--backbone-init " + file + ": layer stage3.3 differs: the file has stage3.3.weight (8, 128, 3, 3)"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
            float[][] after = PipNetFixtures.snapshot(model);
            for (int i = 0; i < before.length; i++) {
                assertArrayEquals(before[i], after[i], 0f, "a refused file must not change array " + i);
            }
            CnnClassifier resNet = SmallResNet.create(root.newSubManager(), SmallResNetConfig.forImageSize(32, 3, 3), CLASSES, 32, 0);
            Path other = dir.resolve("resnet.xai4j");
            Normalization n = Normalization.imageNet();
            ModelFile.save(other, resNet, new ModelFile.Header(SmallResNetConfig.forImageSize(32, 3, 3), CLASSES, 32, n.mean(), n.std(), null), null);
            String first = resNet.parameters().get(0).name();
            IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> BackboneInit.copy(other, model));
            assertTrue(e2.getMessage().contains("layer stage1.0 differs: the file has " + first), e2.getMessage());
            model.close();
        }
    }

    @Test
    void aBlackBoxStartCountsAsPretrainedSoTheEarlyGroupIsFrozenInPhase1(@TempDir Path dir) throws Exception {
        PipNetFile.BackboneSpec spec = PipNetFile.BackboneSpec.pretrainedSmallCnn(16);
        PipNetFile.BackboneSpec back = io.xai4j.core.io.Json.MAPPER.readValue(io.xai4j.core.io.Json.write(spec), PipNetFile.BackboneSpec.class);
        assertEquals(Boolean.TRUE, back.pretrained());
        // a from-scratch smallcnn writes no "pretrained" field, so earlier files and fingerprints still match
        assertFalse(io.xai4j.core.io.Json.MAPPER.valueToTree(PipNetFile.BackboneSpec.smallCnn(16)).has("pretrained"));
        PipNetTrainer trainer = new PipNetTrainer(PipNetFixtures.config(1, 12), back, null, false);
        try (NDManager root = NDManager.newBaseManager()) {
            for (boolean pretrained : new boolean[] {false, true}) {
                PipNetBackbone backbone = (pretrained ? back : PipNetFile.BackboneSpec.smallCnn(16)).build(root.newSubManager(), 32, 0);
                assertEquals(pretrained, backbone.pretrained());
                PipNet model = PipNet.create(root.newSubManager(), backbone, PipNetArchitecture.smallCnn(16, 32), CLASSES, Normalization.imageNet(), 0);
                List<Parameter> params = trainer.netParameters(model);
                int early = 0;
                for (PipNetBackbone.GroupedParameter g : backbone.parameters()) {
                    early += g.group() == PipNetBackbone.Group.EARLY ? 1 : 0;
                }
                assertEquals(6, early, "stage1: two convs and two BatchNorms (γ, β)");
                for (int epoch : new int[] {1, 10, 11}) {
                    boolean[] phase2 = trainer.netActive(model, params, true, epoch);
                    boolean[] phase1 = trainer.netActive(model, params, false, epoch);
                    for (int i = 0; i < params.size(); i++) {
                        boolean isEarly = i < early;
                        assertEquals(!pretrained || !isEarly, phase1[i], "phase 1, array " + i);
                        assertEquals(!pretrained || !isEarly || epoch > 10, phase2[i], "phase 2 epoch " + epoch + ", array " + i);
                    }
                }
                model.close();
            }
        }
    }
}

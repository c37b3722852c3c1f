package io.xai4j.vision.pipnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.xai4j.vision.data.Normalization;
import io.xai4j.vision.data.PartShapesDataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Phases, frozen parts, checkpoints and resume of {@link PipNetTrainer} (docs/methods/pipnet.md#training). */
class PipNetTrainerTest {

    private static final PartShapesDataset DATA = PipNetFixtures.partShapes();

    /** 24 images: 3 steps per phase-2 epoch at batch 8, 1 pretraining step at batch 16. */
    private static final io.xai4j.vision.data.ImageDataset TRAIN = new Resized(DATA.train(), PipNetFixtures.S, 24);

    /** Thrown by the epoch listener to simulate a kill right after a checkpoint. */
    static final class Killed extends RuntimeException {}

    @Test
    void resumeAfterKillContinuesTheSamePhaseAndEpochAndEndsWhereAnUninterruptedRunEnds(@TempDir Path dir) {
        try (NDManager root = NDManager.newBaseManager()) {
            PipNetFile.BackboneSpec spec = PipNetFile.BackboneSpec.smallCnn(16);
            PipNet reference = PipNetFixtures.model(root, TRAIN.classNames(), 11);
            new PipNetTrainer(PipNetFixtures.config(1, 4), spec, null, false).train(reference, TRAIN);

            Path ckpt = dir.resolve("run.ckpt");
            PipNet killed = PipNetFixtures.model(root, TRAIN.classNames(), 11);
            PipNetTrainer first = new PipNetTrainer(PipNetFixtures.config(1, 4), spec, ckpt, false).onEpoch(e -> {
                if (e.phase() == PipNetPhase.TRAIN && e.epoch() == 3) {
                    throw new Killed();
                }
            });
            assertThrows(Killed.class, () -> first.train(killed, TRAIN));
            killed.close();

            List<PipNetEpochStats> seen = new ArrayList<>();
            PipNet resumed = PipNetFixtures.model(root, TRAIN.classNames(), 99); // different init: everything must come from the checkpoint
            PipNetTrainer.Result r = new PipNetTrainer(PipNetFixtures.config(1, 4), spec, ckpt, false).onEpoch(seen::add).train(resumed, TRAIN);
            assertEquals(PipNetPhase.TRAIN, seen.get(0).phase(), "resumes in phase 2");
            assertEquals(4, seen.get(0).epoch(), "resumes after the last checkpointed epoch (3, classifier-only) with the first joint epoch");
            assertFalse(seen.get(0).classifierOnly());
            assertEquals(1, seen.size());
            assertEquals(1 + 4, r.history().size(), "history keeps the epochs before the kill");
            float[][] a = PipNetFixtures.snapshot(reference), b = PipNetFixtures.snapshot(resumed);
            for (int i = 0; i < a.length; i++) {
                assertArrayEquals(a[i], b[i], 0f, "array " + reference.state().get(i).name() + " differs from the uninterrupted run");
            }
            reference.close();
            resumed.close();
        }
    }

    @Test
    void killDuringPretrainingResumesInPretrainingAndACheckpointOfAnotherRunIsRefusedUntouched(@TempDir Path dir) {
        try (NDManager root = NDManager.newBaseManager()) {
            PipNetFile.BackboneSpec spec = PipNetFile.BackboneSpec.smallCnn(16);
            Path ckpt = dir.resolve("run.ckpt");
            PipNet model = PipNetFixtures.model(root, TRAIN.classNames(), 12);
            PipNetTrainer first = new PipNetTrainer(PipNetFixtures.config(2, 1), spec, ckpt, false).onEpoch(e -> {
                throw new Killed();
            });
            assertThrows(Killed.class, () -> first.train(model, TRAIN));

            // Started again with another learning rate: refused, naming the setting, before anything is loaded.
            float[][] before = PipNetFixtures.snapshot(model);
            PipNetTrainingConfig c = PipNetFixtures.config(2, 1);
            PipNetTrainingConfig otherLr = new PipNetTrainingConfig(c.pretrainEpochs(), c.epochs(), c.batchSize(), c.pretrainBatchSize(), 0.01,
                    c.lrBlock(), c.lrNet(), c.freezeEpochs(), c.augmentation(), c.weightedSampler(), c.seed());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new PipNetTrainer(otherLr, spec, ckpt, false).train(model, TRAIN));
            assertEquals("checkpoint " + ckpt + " belongs to another run (training.lr: checkpoint 0.05, this run 0.01); delete it to start"
                    + " afresh, or write this run elsewhere", e.getMessage());
            float[][] after = PipNetFixtures.snapshot(model);
            for (int i = 0; i < before.length; i++) {
                assertArrayEquals(before[i], after[i], 0f, "the refused checkpoint must not be loaded into the model");
            }

            // Started again with the same settings: resumes in pretraining.
            List<PipNetEpochStats> seen = new ArrayList<>();
            new PipNetTrainer(PipNetFixtures.config(2, 1), spec, ckpt, false).onEpoch(seen::add).train(model, TRAIN);
            assertEquals(PipNetPhase.PRETRAIN, seen.get(0).phase());
            assertEquals(2, seen.get(0).epoch());
            assertEquals(PipNetPhase.TRAIN, seen.get(1).phase());
            model.close();
        }
    }

    @Test
    void backPropagatingThroughTheModelInAnEpochListenerDoesNotChangeTheTraining() {
        try (NDManager root = NDManager.newBaseManager()) {
            PipNetFile.BackboneSpec spec = PipNetFile.BackboneSpec.smallCnn(16);
            PipNet quiet = PipNetFixtures.model(root, TRAIN.classNames(), 11);
            new PipNetTrainer(PipNetFixtures.config(1, 4), spec, null, false).train(quiet, TRAIN);
            PipNet watched = PipNetFixtures.model(root, TRAIN.classNames(), 11);
            new PipNetTrainer(PipNetFixtures.config(1, 4), spec, null, false).onEpoch(e -> {
                try (NDManager sub = root.newSubManager()) {
                    ai.djl.ndarray.NDArray x = PipNetInputs.batch(sub, TRAIN, new int[] {0, 1}, watched);
                    // e.g. a gradient saliency of the class scores
                    io.xai4j.core.runtime.Autograd.run(c -> {
                        c.backward(watched.forward(x, false).scores().sum());
                        return null;
                    });
                }
            }).train(watched, TRAIN);
            float[][] a = PipNetFixtures.snapshot(quiet), b = PipNetFixtures.snapshot(watched);
            for (int i = 0; i < a.length; i++) {
                assertArrayEquals(a[i], b[i], 1e-6f, "array " + quiet.state().get(i).name());
            }
            quiet.close();
            watched.close();
        }
    }

    @Test
    void classifierOnlyEpochsLeaveTheBackboneUnchangedAndShrinkTheSheet() {
        try (NDManager root = NDManager.newBaseManager()) {
            PipNet model = PipNetFixtures.model(root, TRAIN.classNames(), 13);
            List<float[]> afterPretrain = new ArrayList<>();
            List<float[]> afterClassifierOnly = new ArrayList<>();
            float[][][] w = new float[2][][];
            new PipNetTrainer(PipNetFixtures.config(1, 2), PipNetFile.BackboneSpec.smallCnn(16), null, false).onEpoch(e -> {
                List<float[]> target = e.phase() == PipNetPhase.PRETRAIN ? afterPretrain : afterClassifierOnly;
                if (e.phase() == PipNetPhase.PRETRAIN || e.epoch() == 2) {
                    for (PipNetBackbone.GroupedParameter p : model.backbone().parameters()) {
                        target.add(p.parameter().array().toFloatArray());
                    }
                    w[target == afterPretrain ? 0 : 1] = model.weights();
                }
                if (e.phase() == PipNetPhase.PRETRAIN) {
                    // a negative weight (W starts ~N(1, 0.1) > 0, so the check below held without any shrink): no gradient moves it (it stays
                    // at −0.5 without the shrink); only the shrink max(W − 0.001, 0) brings it back to >= 0
                    float[][] negative = model.weights();
                    negative[0][0] = -0.5f;
                    model.setWeights(negative);
                }
            }).train(model, TRAIN);
            assertFalse(afterPretrain.isEmpty());
            for (int i = 0; i < afterPretrain.size(); i++) {
                assertArrayEquals(afterPretrain.get(i), afterClassifierOnly.get(i), 0f, "backbone parameter " + i + " changed in a classifier-only epoch");
            }
            boolean changed = false;
            for (int c = 0; c < w[0].length; c++) {
                for (int d = 0; d < w[0][c].length; d++) {
                    changed |= w[0][c][d] != w[1][c][d];
                    assertTrue(w[1][c][d] >= 0f, "W[" + c + "," + d + "] = " + w[1][c][d] + " after the shrink, must be non-negative");
                }
            }
            assertTrue(changed, "the classifier trains");
            model.close();
        }
    }

    @Test
    void finalisationPrunesPrototypesNeverPresentAboveThreshold() {
        try (NDManager root = NDManager.newBaseManager()) {
            PipNet model = PipNetFixtures.model(root, TRAIN.classNames(), 14);
            // every prototype of the fixture is present somewhere; switch off 3, 7 and 12 (last BatchNorm γ 0, β −20: presence ~e^−20)
            int[] off = {3, 7, 12};
            for (io.xai4j.vision.model.Parameter p : model.backbone().state()) {
                if (p.name().equals("stage3.4.weight") || p.name().equals("stage3.4.bias")) {
                    for (int d : off) {
                        p.array().set(new ai.djl.ndarray.index.NDIndex(d), p.name().endsWith("weight") ? 0f : -20f);
                    }
                }
            }
            float[][] w = model.weights();
            PresenceTable table = PresenceTable.compute(model, TRAIN, 16);
            List<Integer> expected = new ArrayList<>();
            for (int d = 0; d < 16; d++) {
                float max = 0;
                for (float[] row : table.presence()) {
                    max = Math.max(max, row[d]);
                }
                if (max <= PipNet.PRESENCE_THRESHOLD) {
                    expected.add(d);
                }
            }
            assertArrayEquals(off, expected.stream().mapToInt(Integer::intValue).toArray(), "the switched-off prototypes and no other");
            int[] pruned = PipNetTrainer.prune(model, TRAIN);
            assertArrayEquals(off, pruned);
            float[][] after = model.weights();
            for (int c = 0; c < w.length; c++) {
                for (int d = 0; d < w[c].length; d++) {
                    assertEquals(expected.contains(d) ? 0f : w[c][d], after[c][d], "W[" + c + "," + d + "]");
                }
            }
            model.close();
        }
    }

    @Test
    void aBackboneFromScratchHasNothingFrozenAndTheSpecSaysSo() throws Exception {
        // docs/methods/pipnet.md#phases: for a randomly initialised backbone nothing is ever frozen
        Path file = Path.of("src/test/resources/torchscript/tiny_unfrozen.pt");
        java.util.Map<PipNetBackbone.Group, List<String>> prefixes = Map.of(PipNetBackbone.Group.EARLY, List.of("features.0", "features.1"));
        PipNetFile.BackboneSpec old = io.xai4j.core.io.Json.MAPPER.readValue("{\"kind\":\"torchscript\",\"channels\":16,\"torchScript\":\""
                + file + "\",\"receptiveField\":7,\"prefixes\":{\"EARLY\":[\"features.0\",\"features.1\"]}}", PipNetFile.BackboneSpec.class);
        PipNetFile.BackboneSpec scratch = io.xai4j.core.io.Json.MAPPER.readValue(io.xai4j.core.io.Json.write(
                new PipNetFile.BackboneSpec("torchscript", 16, file.toString(), 7, prefixes, false)), PipNetFile.BackboneSpec.class);
        // a pretrained spec writes no "pretrained" field, so files and checkpoint fingerprints of earlier versions still match
        assertTrue(!io.xai4j.core.io.Json.MAPPER.valueToTree(old).has("pretrained"));
        TwoViewAugmentation aug = new TwoViewAugmentation(12, 2, 1, false, 1.0);
        PipNetTrainingConfig config = new PipNetTrainingConfig(1, 5, 8, 8, 0.05, 5e-4, 5e-4, 3, aug, false, 0);
        try (NDManager root = NDManager.newBaseManager()) {
            for (PipNetFile.BackboneSpec spec : List.of(old, scratch)) {
                PipNetBackbone backbone = spec.build(root, 12, 0);
                boolean pretrained = spec == old;
                assertEquals(pretrained, backbone.pretrained(), "files without the field count as pretrained");
                PipNet model = PipNet.create(root.newSubManager(), backbone, new PipNetArchitecture(8, true, false, 12),
                        DATA.train().classNames(), Normalization.imageNet(), 0);
                PipNetTrainer trainer = new PipNetTrainer(config, spec, null, false);
                List<io.xai4j.vision.model.Parameter> params = trainer.netParameters(model);
                boolean[] phase1 = trainer.netActive(model, params, false, 1);
                boolean allActive = true;
                for (boolean a : phase1) {
                    allActive &= a;
                }
                assertEquals(!pretrained, allActive, "the early group trains in phase 1 only from scratch");
                model.close();
            }
        }
    }

    @Test
    void frozenPrefixesAreNeverTrained() {
        // docs/methods/pipnet.md#backbones: a ResNet-50's conv1/bn1/layer1 are frozen for good; here the tiny export's features.0
        Path file = Path.of("src/test/resources/torchscript/tiny_unfrozen.pt");
        try (NDManager root = NDManager.newBaseManager()) {
            TorchScriptBackbone all = TorchScriptBackbone.load(file, new int[] {3, 12, 12}, 7, Map.of(PipNetBackbone.Group.LAST, List.of("")));
            TorchScriptBackbone backbone = TorchScriptBackbone.load(file, new int[] {3, 12, 12}, 7,
                    Map.of(PipNetBackbone.Group.FROZEN, List.of("features.0"), PipNetBackbone.Group.LAST, List.of("")));
            // frozen prefixes alone leave every other parameter in last (as with no prefixes), not in early
            assertEquals(PipNetBackbone.Group.LAST, TorchScriptBackbone.groupOf("features.3.weight",
                    Map.of(PipNetBackbone.Group.FROZEN, List.of("features.0"))));
            assertEquals(PipNetBackbone.Group.FROZEN, TorchScriptBackbone.groupOf("features.0.weight",
                    Map.of(PipNetBackbone.Group.FROZEN, List.of("features.0"))));
            assertEquals(PipNetBackbone.Group.EARLY, TorchScriptBackbone.groupOf("features.3.weight",
                    Map.of(PipNetBackbone.Group.FROZEN, List.of("features.0"), PipNetBackbone.Group.MID, List.of("features.5"))));
            List<String> trainable = backbone.parameters().stream().map(p -> p.parameter().name()).toList();
            assertTrue(trainable.stream().noneMatch(n -> n.startsWith("features.0")), trainable.toString());
            assertEquals(all.parameters().size(), trainable.size() + all.parameters().stream()
                    .filter(p -> p.parameter().name().startsWith("features.0")).count(), "only features.0 left out");
            all.close();
            // a random-init backbone trains everything it lists from the first epoch, yet the frozen ones stay
            PipNet model = PipNet.create(root.newSubManager(), backbone, new PipNetArchitecture(8, true, false, 12), DATA.train().classNames(),
                    Normalization.imageNet(), 0);
            java.util.Map<String, float[]> before = new java.util.HashMap<>();
            for (var p : backbone.state()) {
                before.put(p.name(), p.array().toFloatArray());
            }
            TwoViewAugmentation aug = new TwoViewAugmentation(12, 2, 1, false, 1.0);
            PipNetTrainingConfig config = new PipNetTrainingConfig(1, 5, 8, 8, 0.05, 5e-4, 5e-4, 1, aug, false, 0);
            new PipNetTrainer(config, new PipNetFile.BackboneSpec("torchscript", 16, file.toString(), 7, Map.of()), null, false)
                    .train(model, new Resized(DATA.train(), 12, 24));
            boolean lastChanged = false;
            for (var p : backbone.state()) {
                lastChanged |= !java.util.Arrays.equals(before.get(p.name()), p.array().toFloatArray());
            }
            assertTrue(lastChanged, "the listed parameters train");
            int frozen = 0;
            for (var p : backbone.state()) {
                if (p.name().startsWith("features.0")) {
                    assertFalse(p.array().hasGradient(), p.name() + " takes no gradient");
                    assertArrayEquals(before.get(p.name()), p.array().toFloatArray(), 0f, p.name() + " is unchanged by training");
                    frozen++;
                }
            }
            assertTrue(frozen > 0, "the module has features.0 parameters");
            model.close();
        }
    }

    @Test
    void torchScriptFeatureExtractorWorksAsBackbone() {
        Path file = Path.of("src/test/resources/torchscript/tiny_unfrozen.pt");
        try (NDManager root = NDManager.newBaseManager()) {
            TorchScriptBackbone backbone = TorchScriptBackbone.load(file, new int[] {3, 12, 12}, 7,
                    Map.of(PipNetBackbone.Group.EARLY, List.of("features.0", "features.1")));
            assertEquals(16, backbone.channels());
            assertTrue(backbone.parameters().stream().anyMatch(p -> p.group() == PipNetBackbone.Group.EARLY));
            PipNet model = PipNet.create(root.newSubManager(), backbone, new PipNetArchitecture(8, true, false, 12), DATA.train().classNames(),
                    Normalization.imageNet(), 0);
            float[] before = model.addOnParameters().get(0).array().toFloatArray();
            float[] early = backbone.parameters().get(0).parameter().array().toFloatArray();
            float[] last = backbone.parameters().stream().filter(p -> p.group() == PipNetBackbone.Group.EARLY).count() < backbone.parameters().size()
                    ? backbone.parameters().get(backbone.parameters().size() - 1).parameter().array().toFloatArray() : null;
            // 12 px input, 6×6 grid: crop margin must stay below the stride 2
            TwoViewAugmentation aug = new TwoViewAugmentation(12, 2, 1, false, 1.0);
            PipNetTrainingConfig config = new PipNetTrainingConfig(1, 1, 8, 8, 0.05, 5e-4, 5e-4, 10, aug, false, 0);
            PipNetTrainer.Result r = new PipNetTrainer(config, new PipNetFile.BackboneSpec("torchscript", 16, file.toString(), 7, Map.of()), null,
                    false).train(model, new Resized(DATA.train(), 12, 24));
            assertEquals(2, r.history().size());
            assertFalse(java.util.Arrays.equals(before, model.addOnParameters().get(0).array().toFloatArray()), "the add-on conv trains");
            assertArrayEquals(early, backbone.parameters().get(0).parameter().array().toFloatArray(), 0f,
                    "the early group of a pretrained backbone is frozen in phase 1");
            if (last != null) {
                assertFalse(java.util.Arrays.equals(last, backbone.parameters().get(backbone.parameters().size() - 1).parameter().array()
                        .toFloatArray()), "the mid/last groups of the TorchScript backbone train");
            }
            Prediction p = model.predict(PipNetInputs.batch(root, new Resized(DATA.test(), 12), new int[] {0, 1}, model));
            assertEquals(2, p.size());
            model.close();
        }
    }

    /** A data set seen at another size through the test transform. */
    record Resized(io.xai4j.vision.data.ImageDataset source, int side, int count) implements io.xai4j.vision.data.ImageDataset {
        Resized(io.xai4j.vision.data.ImageDataset source, int side) {
            this(source, side, source.size());
        }
        public int size() { return count; }
        public List<String> classNames() { return source.classNames(); }
        public int channels() { return 3; }
        public int height() { return side; }
        public int width() { return side; }
        public float[] pixels(int i) { return TwoViewAugmentation.testView(source.pixels(i), source.height(), source.width(), side); }
        public int label(int i) { return source.label(i); }
    }


    @Test
    void epochLogSaysPhaseOneHasNoClassifierInsteadOfPrintingNaN() {
        String pretrain = PipNetTrainer.summary(new PipNetEpochStats(PipNetPhase.PRETRAIN, 2, false, 1.5, 0.75, 0.25, 0, Double.NaN, 12, 3, 40));
        assertFalse(pretrain.contains("NaN") || pretrain.contains(" acc ") || pretrain.contains("L_C 0"), pretrain);
        assertTrue(pretrain.startsWith("pretrain epoch 2: L 1.5000 L_A 0.7500 L_T 0.2500 (phase 1 trains no classifier: no L_C, no accuracy)"
                + " present prototypes 12.0000"), pretrain);
        String train = PipNetTrainer.summary(new PipNetEpochStats(PipNetPhase.TRAIN, 1, true, 2, 0, 0, 1, 0.625, 10, 3, 40));
        assertTrue(train.startsWith("train epoch 1 (classifier only): L 2.0000 L_A 0.0000 L_T 0.0000 L_C 1.0000 acc 0.6250 present"), train);
    }
}

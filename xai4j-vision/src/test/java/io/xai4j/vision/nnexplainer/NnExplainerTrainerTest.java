package io.xai4j.vision.nnexplainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.xai4j.vision.model.CnnClassifier;
import io.xai4j.vision.model.Parameter;
import io.xai4j.vision.train.TrainingData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The frozen classifier, seeded determinism, bit-identical resume, early stopping and the best weights. */
class NnExplainerTrainerTest {

    private static NDManager m;
    private static final TrainingData TRAIN = Tiny.data(6, 11);
    private static final TrainingData VALID = Tiny.data(3, 12);

    @BeforeAll
    static void setUp() {
        m = NDManager.newBaseManager();
    }

    @AfterAll
    static void tearDown() {
        m.close();
    }

    private static NnExplainerConfig config(int maxEpochs) {
        return NnExplainerConfig.defaults().withNetwork(2, 4).withBatchSize(3).withLearningRate(1e-2).withStopping(5, 1e-3, maxEpochs);
    }

    private static List<float[]> values(List<Parameter> params) {
        List<float[]> out = new ArrayList<>();
        for (Parameter p : params) {
            out.add(p.array().toFloatArray());
        }
        return out;
    }

    @Test
    void classifierStaysFrozenWhileTheExplainerLearns() {
        CnnClassifier f = Tiny.classifier(m, 1);
        CompactUNet net = Tiny.network(m, 2);
        NDArray probe = TRAIN.batch(m, new int[] {0, 1, 2});
        float[] logitsBefore = f.logits(probe).toFloatArray();
        List<float[]> before = values(f.parameters()), netBefore = values(net.parameters());
        new NnExplainerTrainer(config(1), null, false, "tiny").train(net, f, TRAIN, VALID);
        List<float[]> after = values(f.parameters());
        for (int i = 0; i < before.size(); i++) {
            assertArrayEquals(before.get(i), after.get(i), 0f, f.parameters().get(i).name());
        }
        assertArrayEquals(logitsBefore, f.logits(probe).toFloatArray(), 1e-5f);
        assertFalse(java.util.Arrays.equals(netBefore.get(0), net.parameters().get(0).array().toFloatArray()), "the explainer did not learn");
    }

    @Test
    void resumedRunEqualsUninterruptedRunBitForBit(@TempDir Path dir) {
        CnnClassifier f = Tiny.classifier(m, 1);
        CompactUNet straight = Tiny.network(m, 2);
        List<NnExplainerEpoch> a = new NnExplainerTrainer(config(2), dir.resolve("a.xai4j"), false, "tiny").train(straight, f, TRAIN, VALID);

        Path file = dir.resolve("b.xai4j");
        CompactUNet killed = Tiny.network(m, 2);
        assertThrows(IllegalStateException.class, () -> new NnExplainerTrainer(config(2), file, false, "tiny").onEpoch(e -> {
            throw new IllegalStateException("killed after epoch " + e.epoch());
        }).train(killed, f, TRAIN, VALID));
        CompactUNet resumed = Tiny.network(m, 2);
        List<NnExplainerEpoch> b = new NnExplainerTrainer(config(2), file, false, "tiny").train(resumed, f, TRAIN, VALID);

        assertEquals(2, a.size());
        assertEquals(2, b.size());
        assertEquals(a.get(0).loss(), b.get(0).loss(), 0, "same seed, same first epoch");
        assertEquals(a.get(1).loss(), b.get(1).loss(), 0);
        assertEquals(a.get(1).valLoss(), b.get(1).valLoss(), 0);
        List<float[]> x = values(straight.parameters()), y = values(resumed.parameters());
        for (int i = 0; i < x.size(); i++) {
            assertArrayEquals(x.get(i), y.get(i), 0f, straight.parameters().get(i).name());
        }
        // the finished file holds the best weights and loads as they are
        NnExplainerFile.Loaded loaded = NnExplainerFile.load(file, m);
        assertArrayEquals(x.get(0), loaded.network().parameters().get(0).array().toFloatArray(), 0f);
    }

    @Test
    void earlyStoppingFollowsPatienceAndMinDelta() {
        assertFalse(NnExplainerTrainer.shouldStop(List.of(1.0, 0.9, 0.8), 2, 1e-3));
        assertFalse(NnExplainerTrainer.shouldStop(List.of(1.0, 0.9995), 2, 1e-3), "one epoch without improvement, patience 2");
        assertTrue(NnExplainerTrainer.shouldStop(List.of(1.0, 0.9995, 0.9992), 2, 1e-3), "0.0008 below the best is no improvement");
        assertFalse(NnExplainerTrainer.shouldStop(List.of(1.0, 0.9995, 0.998), 2, 1e-3), "0.002 below the best resets the count");
        assertTrue(NnExplainerTrainer.shouldStop(List.of(1.0, 2.0, 0.5, 0.6, 0.7), 2, 0));
        assertEquals(3, NnExplainerTrainer.bestEpoch(List.of(epoch(1, 0.5), epoch(2, 0.4), epoch(3, 0.3), epoch(4, 0.3))));
    }

    @Test
    void trainingStopsAfterPatienceEpochsWithoutImprovement(@TempDir Path dir) {
        CnnClassifier f = Tiny.classifier(m, 1);
        NnExplainerConfig c = config(4).withStopping(1, 1e9, 4); // only the first epoch can improve
        Path file = dir.resolve("e.xai4j");
        assertEquals(2, new NnExplainerTrainer(c, file, false, "tiny").train(Tiny.network(m, 2), f, TRAIN, VALID).size());
        assertEquals(2, new NnExplainerTrainer(c, file, false, "tiny").train(Tiny.network(m, 2), f, TRAIN, VALID).size(),
                "a stopped run is finished: resuming trains nothing");
    }

    private static NnExplainerEpoch epoch(int e, double val) {
        return new NnExplainerEpoch(e, 0, 0, 0, 0, 0, 0, 0, 0, val, 0, 0);
    }
}

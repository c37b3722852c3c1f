package io.xai4j.graph.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xai4j.graph.data.Graph;
import io.xai4j.graph.data.Split;
import io.xai4j.graph.synth.Ba2Motifs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcnTest {

    @Test
    void checkpointRoundTripGivesIdenticalPredictions(@TempDir Path dir) {
        List<Graph> graphs = Ba2Motifs.generate(8, 1);
        try (Gcn model = Gcn.create(10, new int[] {8, 8, 8}, Ba2Motifs.CLASSES, 5)) {
            GcnTrainer.train(model, graphs, List.of(), new TrainingConfig(2, 4, 1e-2, 0, true, false));
            Path file = dir.resolve("m.gcn");
            model.save(file);
            try (Gcn loaded = Gcn.load(file)) {
                float[][] a = model.logits(graphs, 5), b = loaded.logits(graphs, 5);
                for (int i = 0; i < a.length; i++) {
                    assertArrayEquals(a[i], b[i], 0f, "graph " + i);
                }
                assertEquals(model.classes(), loaded.classes());
            }
        }
    }

    @Test
    void trainingReducesTheLossOnATinyProblem() {
        List<Graph> graphs = Ba2Motifs.generate(16, 2);
        try (Gcn model = Gcn.create(10, new int[] {16, 16, 16}, Ba2Motifs.CLASSES, 1)) {
            GcnTrainer.TrainingResult r = GcnTrainer.train(model, graphs, graphs, new TrainingConfig(8, 8, 5e-3, 0, true, false));
            assertTrue(r.epochs().get(7).meanLoss() < r.epochs().get(0).meanLoss(), "loss " + r.epochs());
            assertEquals(32 * 8, r.graphsSeen());
        }
    }

    @Test
    void classBalancedResamplingDrawsMOfEachClassFromTheTrainingSplitOnly() {
        List<List<Integer>> byClass = List.of(List.of(0, 1, 2, 3, 4), List.of(5, 6));
        List<Integer> order = GcnTrainer.sample(byClass, true, new java.util.Random(0));
        assertEquals(4, order.size());
        assertEquals(2, order.stream().filter(i -> i >= 5).count());
        assertEquals(order.size(), new java.util.HashSet<>(order).size(), "without replacement");
    }

    @Test
    void stratifiedBatchesHoldEqualClassCountsAndTheSameBalancedDraw() {
        List<Integer> a = new java.util.ArrayList<>(), b = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            a.add(i);
        }
        for (int i = 100; i < 137; i++) {
            b.add(i);
        }
        List<List<Integer>> byClass = List.of(a, b);
        List<Integer> order = GcnTrainer.sampleStratified(byClass, 8, new java.util.Random(3));
        assertEquals(74, order.size(), "m = 37 of each class");
        assertEquals(order.size(), new java.util.HashSet<>(order).size(), "without replacement");
        for (int s = 0; s < order.size(); s += 8) {
            List<Integer> batch = order.subList(s, Math.min(order.size(), s + 8));
            long second = batch.stream().filter(i -> i >= 100).count();
            assertEquals(batch.size() / 2, second, "batch at " + s + ": " + batch);
        }
        assertEquals(37, order.stream().filter(i -> i >= 100).count());
        List<Integer> alternating = GcnTrainer.sampleStratified(byClass, 1, new java.util.Random(3));
        for (int i = 0; i < alternating.size(); i++) {
            assertEquals(i % 2 == 1, alternating.get(i) >= 100, "batch size 1 alternates the classes");
        }
        assertThrows(IllegalArgumentException.class, () -> new TrainingConfig(1, 8, 1e-3, 0, false, false, true));
    }

    @Test
    void rocAucUsesAverageRanks() {
        assertEquals(0.75, ClassificationMetrics.rocAuc(new double[] {0.1, 0.4, 0.35, 0.8}, new int[] {0, 0, 1, 1}), 1e-12);
        assertEquals(0.5, ClassificationMetrics.rocAuc(new double[] {1, 1, 1, 1}, new int[] {0, 1, 0, 1}), 1e-12);
        assertTrue(Double.isNaN(ClassificationMetrics.rocAuc(new double[] {1, 2}, new int[] {1, 1})));
        Split s = Split.random(10, 0.8, 0.1, 3);
        assertEquals(8, s.train().size());
        assertEquals(1, s.valid().size());
        assertEquals(1, s.test().size());
    }

    @Test
    void normalisedAdjacencyIsSymmetricWithSelfLoops() {
        Graph g = Graph.of("p", new float[3][1], List.of(io.xai4j.graph.data.Edge.of(0, 1), io.xai4j.graph.data.Edge.of(1, 2)), 0);
        float[][] a = g.normalisedAdjacency();
        assertEquals(0.5f, a[0][0], 1e-7);
        assertEquals((float) (1 / Math.sqrt(6)), a[0][1], 1e-7);
        assertEquals(a[0][1], a[1][0]);
        assertEquals(1f / 3, a[1][1], 1e-7);
        assertEquals(0f, a[0][2]);
    }
}

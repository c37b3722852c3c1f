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
    void lossIsTheMeanSigmoidCrossEntropyOverClassesAndGraphs() {
        // docs/methods/gcn.md#training: −(1/C) Σ_c [y log σ(z) + (1−y) log(1−σ(z))], averaged over the batch; by hand with σ:
        // z = [[2, −1], [−3, 0.5]], y = [[1, 0], [0, 1]] → (0.126928 + 0.313262 + 0.048587 + 0.474077) / 4
        double expected = 0;
        double[][] z = {{2, -1}, {-3, 0.5}}, y = {{1, 0}, {0, 1}};
        for (int i = 0; i < 2; i++) {
            for (int c = 0; c < 2; c++) {
                double sig = 1 / (1 + Math.exp(-z[i][c]));
                expected -= (y[i][c] * Math.log(sig) + (1 - y[i][c]) * Math.log(1 - sig)) / 4;
            }
        }
        assertEquals(0.2407135, expected, 1e-7);
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
            ai.djl.ndarray.NDArray loss = GcnTrainer.sigmoidCrossEntropy(m.create(new float[] {2, -1, -3, 0.5f}, new ai.djl.ndarray.types.Shape(2, 2)),
                    m.create(new float[] {1, 0, 0, 1}, new ai.djl.ndarray.types.Shape(2, 2)));
            assertEquals(expected, loss.getFloat(), 1e-6);
            // the stable form keeps large logits finite
            assertEquals(100.0, GcnTrainer.sigmoidCrossEntropy(m.create(new float[] {-100f}, new ai.djl.ndarray.types.Shape(1, 1)),
                    m.create(new float[] {1f}, new ai.djl.ndarray.types.Shape(1, 1))).getFloat(), 1e-4);
        }
    }

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
    void graphsWithAnotherFeatureDimensionAreRefusedByForwardAndEveryExplainer() {
        List<Graph> ten = Ba2Motifs.generate(2, 0);
        try (Gcn model = Gcn.create(3, new int[] {4, 4, 4}, Ba2Motifs.CLASSES, 0)) {
            IllegalArgumentException f = assertThrows(IllegalArgumentException.class, () -> model.logits(ten, 4));
            assertEquals("the graphs have 10 features per node but this GCN was trained on 3 (give it graphs built the way its training graphs"
                    + " were)", f.getMessage());
            for (String method : List.of("CG", "CAM", "Grad-CAM", "Grad-CAM-Avg", "EB", "c-EB", "EB-pope2019", "c-EB-pope2019")) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> io.xai4j.graph.explain.GraphExplainers.named(method, model, 4).explain(ten), method);
                assertEquals("graph " + ten.get(0).id() + " has 10 features per node but the GCN was trained on 3", e.getMessage(), method);
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

    @Test
    void directedWeightedAdjacencyNormalisesByRowSums() {
        // Edges 0 → 1 (weight 2) and 2 → 1 (weight 0.5): D̃ = (3, 1, 1.5).
        Graph g = new Graph("d", new float[3][1],
                List.of(new io.xai4j.graph.data.Edge(0, 1, 2f), new io.xai4j.graph.data.Edge(2, 1, 0.5f)), true, 0, null, null, null);
        float[][] a = g.normalisedAdjacency();
        assertEquals(1f / 3, a[0][0], 1e-7);
        assertEquals(1f, a[1][1], 1e-7);
        assertEquals(1f / 1.5f, a[2][2], 1e-7);
        assertEquals((float) (2 / Math.sqrt(3)), a[0][1], 1e-7);
        assertEquals((float) (0.5 / Math.sqrt(1.5)), a[2][1], 1e-7);
        assertEquals(0f, a[1][0], "directed: no reverse entry");
        assertEquals(5, g.normalisedEntries().nonZeros(), "3 self-loops + 2 edges");
    }

    /**
     * The loss gradients that training uses are the same in both layouts. (Comparing weights after a
     * few epochs instead would not work: Adam divides by the gradient scale, so a component that is
     * 0 in one layout and 1e-12 in the other, from summation order alone, becomes a full-size step.)
     */
    @Test
    void paddedAndSparseBatchesGiveTheSameLossGradients() {
        // Random node features, so that every first-layer weight gets a non-zero gradient.
        java.util.Random rnd = new java.util.Random(17);
        List<Graph> graphs = new java.util.ArrayList<>();
        for (Graph g : Ba2Motifs.generate(12, 4).subList(0, 7)) {
            float[][] x = new float[g.numNodes()][10];
            for (float[] row : x) {
                for (int k = 0; k < row.length; k++) {
                    row[k] = (float) rnd.nextGaussian();
                }
            }
            graphs.add(g.withFeatures(x));
        }
        int[] labels = graphs.stream().mapToInt(Graph::label).toArray();
        try (Gcn model = Gcn.create(10, new int[] {8, 8, 8}, Ba2Motifs.CLASSES, 3)) {
            // This test found the DJL scalar-operand bug (Tensors.constant): with x.maximum(0f) as the ReLU,
            // about one full CI run in three got wrong first-layer gradients here (0, 3.4e-7 or 1.57e-5
            // instead of 7.97e-6) once a GC had freed the scalar that the backward pass still read.
            float[][] padded = lossGradients(model, graphs, labels, GraphBatch.Batching.PADDED);
            float[][] sparse = lossGradients(model, graphs, labels, GraphBatch.Batching.SPARSE);
            double scale = 0;
            for (float[] g : padded) {
                for (float v : g) {
                    scale = Math.max(scale, Math.abs(v));
                }
            }
            assertTrue(scale > 1e-4, "the test needs non-trivial gradients, max |g| = " + scale);
            for (int p = 0; p < padded.length; p++) {
                assertArrayEquals(padded[p], sparse[p], (float) (1e-5 * scale), "parameter " + p + " (loss first)");
            }
            float[][] a = model.logits(graphs, null, 5, GraphBatch.Batching.PADDED);
            float[][] b = model.logits(graphs, null, 5, GraphBatch.Batching.SPARSE);
            for (int g = 0; g < graphs.size(); g++) {
                assertArrayEquals(a[g], b[g], 1e-6f, "forward pass, graph " + g);
            }
        }
    }

    /** {loss, ∂L/∂W₁, ∂L/∂b₁, …} for one batch. */
    private static float[][] lossGradients(Gcn model, List<Graph> graphs, int[] labels, GraphBatch.Batching batching) {
        try (ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope(); ai.djl.ndarray.NDManager sub = ai.djl.ndarray.NDManager.newBaseManager()) {
            GraphBatch batch = GraphBatch.pack(sub, graphs, batching);
            assertEquals(batching.resolve(graphs), batch.layout());
            double xSum = 0;
            for (Graph g : graphs) {
                for (float[] row : g.x()) {
                    for (float v : row) {
                        xSum += v;
                    }
                }
            }
            double expectedX = xSum;
            ai.djl.ndarray.NDArray target = io.xai4j.core.runtime.Tensors.oneHot(sub, labels, model.numClasses());
            return io.xai4j.core.runtime.Autograd.run(gc -> {
                int layers = model.numLayers() + 1;
                ai.djl.ndarray.NDArray[] w = new ai.djl.ndarray.NDArray[layers];
                ai.djl.ndarray.NDArray[] b = new ai.djl.ndarray.NDArray[layers];
                for (int l = 0; l < layers; l++) {
                    w[l] = model.weight(l + 1).duplicate();
                    w[l].setRequiresGradient(true);
                    b[l] = model.bias(l + 1).duplicate();
                    b[l].setRequiresGradient(true);
                }
                ai.djl.ndarray.NDArray loss = GcnTrainer.sigmoidCrossEntropy(model.forward(batch, batch.x(), w, b, null).logits(), target);
                gc.backward(loss);
                assertEquals(expectedX, batch.x().sum().getFloat(), 1e-3, batching + ": the packed features changed during the pass");
                float[][] out = new float[1 + 2 * layers][];
                out[0] = new float[] {loss.getFloat()};
                for (int l = 0; l < layers; l++) {
                    out[1 + 2 * l] = w[l].getGradient().toFloatArray();
                    out[2 + 2 * l] = b[l].getGradient().toFloatArray();
                }
                return out;
            });
        }
    }

    @Test
    void aCheckpointOfTheFormatBeforeTheSharedLoopIsRefusedInOneLine(@TempDir Path dir) throws Exception {
        Path ckpt = dir.resolve("old.ckpt");
        java.nio.file.Files.write(ckpt, new byte[] {0x47, 0x43, 0x4B, 0x31, 0, 0, 0, 0});
        try (Gcn model = Gcn.create(10, new int[] {8}, Ba2Motifs.CLASSES, 4)) {
            List<Graph> graphs = Ba2Motifs.generate(4, 6);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> GcnTrainer.train(model, graphs, List.of(), new TrainingConfig(1, 4, 1e-2, 0, true, false), ckpt, log -> {}));
            assertEquals("checkpoint " + ckpt + " was written by an earlier xai4j (format GCK1) and cannot be resumed; delete it to start"
                    + " afresh", e.getMessage());
        }
    }

    @Test
    void aKilledTrainingResumesToTheSameWeights(@TempDir Path dir) {
        List<Graph> graphs = Ba2Motifs.generate(10, 6);
        List<Graph> valid = graphs.subList(0, 6);
        TrainingConfig config = new TrainingConfig(4, 6, 5e-3, 2, true, false, true);
        float[][] straight;
        try (Gcn model = Gcn.create(10, new int[] {8, 8, 8}, Ba2Motifs.CLASSES, 4)) {
            GcnTrainer.train(model, graphs, valid, config);
            straight = model.weightValues();
        }
        Path ckpt = dir.resolve("run.ckpt");
        RuntimeException kill = new RuntimeException("killed");
        float[][] killedWeights;
        try (Gcn killed = Gcn.create(10, new int[] {8, 8, 8}, Ba2Motifs.CLASSES, 4)) {
            RuntimeException thrown = assertThrows(RuntimeException.class, () -> GcnTrainer.train(killed, graphs, valid, config, ckpt, log -> {
                if (log.epoch() == 2) {
                    throw kill;
                }
            }));
            org.junit.jupiter.api.Assertions.assertSame(kill, thrown, "the run must stop at the simulated kill");
            killedWeights = killed.weightValues();
        }
        try (Gcn resumed = Gcn.create(10, new int[] {8, 8, 8}, Ba2Motifs.CLASSES, 99)) {
            // A different initialisation: everything must come from the checkpoint.
            List<Integer> epochsRun = new java.util.ArrayList<>();
            GcnTrainer.TrainingResult r = GcnTrainer.train(resumed, graphs, valid, config, ckpt, log -> epochsRun.add(log.epoch()));
            assertEquals(List.of(3, 4), epochsRun, "resumes after the last completed epoch");
            assertEquals(4, r.epochs().size(), "the log holds the epochs before the kill too");
            assertEquals(4L * 20, r.graphsSeen());
            float[][] got = resumed.weightValues();
            for (int l = 0; l < straight.length; l++) {
                assertArrayEquals(straight[l], got[l], 0f, "layer " + (l + 1) + " (killed run had " + killedWeights[l][0]
                        + ", uninterrupted " + straight[l][0] + ")");
            }
            GcnTrainer.TrainingResult again = GcnTrainer.train(resumed, graphs, valid, config, ckpt, log -> {
                throw new AssertionError("a finished run must not train again");
            });
            assertEquals(4, again.epochs().size());
        }
        try (Gcn other = Gcn.create(10, new int[] {8, 8, 8}, Ba2Motifs.CLASSES, 4)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> GcnTrainer.train(other, graphs, valid, config.withBatchSize(5), ckpt, log -> {}));
            assertEquals("checkpoint " + ckpt + " belongs to another run (training.batchSize: checkpoint 6, this run 5); delete it to start"
                    + " afresh, or write this run elsewhere", e.getMessage());
            IllegalArgumentException fewer = assertThrows(IllegalArgumentException.class, () -> GcnTrainer.train(other, graphs, valid,
                    new TrainingConfig(3, 6, 5e-3, 2, true, false, true), ckpt, log -> {}));
            assertTrue(fewer.getMessage().endsWith("holds 4 epochs, more than the 3 asked for; ask for at least 4 or train into another output"),
                    fewer.getMessage());
        }
    }
}

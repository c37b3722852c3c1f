package io.xai4j.cli.pipnet;

import static io.xai4j.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.xai4j.cli.CliRun;
import io.xai4j.vision.data.Normalization;
import io.xai4j.vision.data.PartShapesConfig;
import io.xai4j.vision.data.PartShapesGenerator;
import io.xai4j.vision.data.PartShapesSplit;
import io.xai4j.vision.data.Split;
import io.xai4j.vision.model.Parameter;
import io.xai4j.vision.pipnet.PipNet;
import io.xai4j.vision.pipnet.PipNetArchitecture;
import io.xai4j.vision.pipnet.PrototypePurity;
import io.xai4j.vision.pipnet.SmallCnn;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/methods/pipnet.md#protocol-on-partshapes: far-OOD sets, the keypoint purity default, the near-OOD diagnostic and the mean ± std over seeds. */
class PipNetFarOodTest {

    private static final PartShapesGenerator GEN = new PartShapesGenerator(PartShapesConfig.defaults().toBuilder().optImageSize(32)
            .optSplitSizes(48, 8, 24, 16).optSeed(3).build());
    private static final PartShapesSplit TRAIN = GEN.generate(Split.TRAIN), TEST = GEN.generate(Split.TEST), OOD = GEN.generate(Split.OOD);
    private static final PipNetData DATA = new PipNetData("partshapes", TRAIN, TEST, OOD, "ood", TRAIN, TEST, 32, true);

    /** A seeded smallcnn PIP-Net (D = 16, 32 px) with a peaked prototype softmax, so that presences pass 0.1. */
    private static PipNet model(NDManager root, long seed) {
        PipNet model = PipNet.create(root.newSubManager(), SmallCnn.create(root.newSubManager(), 16, seed), PipNetArchitecture.smallCnn(16, 32),
                TRAIN.classNames(), Normalization.imageNet(), seed);
        for (Parameter p : model.backbone().state()) {
            if (p.name().equals("stage3.4.weight")) {
                p.array().muli(6f);
            }
        }
        return model;
    }

    @Test
    void theTestSetItselfAsAFarOodSetIsAcceptedAtTheIdRateAndNoiseUsesTheSameThresholds() {
        try (NDManager root = NDManager.newBaseManager()) {
            PipNet model = model(root, 1);
            FarOod.Set noise = FarOod.load("noise", null, 0, 32).get(0);
            PipNetReports.Evaluation e = PipNetReports.evaluate(model, DATA, null, 16, null, List.of(new FarOod.Set("test again", TEST), noise));
            assertEquals(2, e.farOod().size());
            // the same images, the same thresholds: the far-OOD acceptance is the ID TPR exactly
            assertEquals(e.thresholds().tpr(), e.farOod().get(0).fpr95(), 0.0);
            assertEquals(e.thresholds().acceptedShare(io.xai4j.vision.pipnet.PipNetMetrics.predictAll(model, noise.images(), 16).unclampedScores()),
                    e.farOod().get(1).fpr95(), 0.0);
            assertEquals("noise", e.farOod().get(1).key());
            // docs/methods/pipnet.md#purity-hit-rule: the keypoint rule is the default, the cell-centre rule beside it
            assertEquals(PrototypePurity.Rule.PART_CENTRE_IN_PATCH, e.purityTrain().rule());
            assertEquals(PrototypePurity.Rule.CELL_CENTRE_IN_MASK, e.cellCentrePurityTrain().rule());
            // the diagnostic covers exactly the ood images the thresholds accept
            assertNotNull(e.diagnostic());
            assertEquals(Math.round(e.fpr95() * OOD.size()), e.diagnostic().accepted());
            int carried = e.diagnostic().prototypes().stream().mapToInt(r -> r.carried()).sum();
            assertTrue(carried <= e.diagnostic().accepted());
            model.close();
        }
    }

    @Test
    void uniformNoiseIsSeededPerImageAndUniformOnTheUnitInterval() {
        FarOod.UniformNoise a = new FarOod.UniformNoise(20, 16, 7), b = new FarOod.UniformNoise(20, 16, 7), c = new FarOod.UniformNoise(20, 16, 8);
        assertArrayEquals(a.pixels(5), b.pixels(5), 0f);
        assertTrue(a.pixels(5)[0] != a.pixels(6)[0] && a.pixels(5)[0] != c.pixels(5)[0]);
        double sum = 0, sq = 0;
        int n = 0;
        for (int i = 0; i < a.size(); i++) {
            for (float v : a.pixels(i)) {
                assertTrue(v >= 0f && v < 1f);
                sum += v;
                sq += v * v;
                n++;
            }
        }
        // U(0,1): mean 1/2, variance 1/12; 15,360 values give a standard error of 0.0023 on the mean
        assertEquals(0.5, sum / n, 0.01);
        assertEquals(1.0 / 12, sq / n - (sum / n) * (sum / n), 0.003);
    }

    @Test
    void seedSummaryIsTheMeanAndSampleStdOfEachMetric(@TempDir Path dir) {
        assertArrayEquals(new double[] {2, 1}, PipNetReports.meanStd(new double[] {1, Double.NaN, 3, 2}), 1e-12);
        try (NDManager root = NDManager.newBaseManager()) {
            PipNet m0 = model(root, 1), m1 = model(root, 2);
            PipNetReports.Evaluation e0 = PipNetReports.evaluate(m0, DATA, 16), e1 = PipNetReports.evaluate(m1, DATA, 16);
            Map<String, double[]> s = PipNetReports.summariseSeeds(List.of(e0, e1), 4, dir.resolve("seeds.csv"));
            double a = e0.test().accuracy(), b = e1.test().accuracy();
            assertEquals((a + b) / 2, s.get("top1")[0], 1e-12);
            assertEquals(Math.abs(a - b) / Math.sqrt(2), s.get("top1")[1], 1e-12);
            double p = e0.purityTrain().mean(), q = e1.purityTrain().mean();
            assertEquals((p + q) / 2, s.get("purity_train_mean")[0], 1e-12);
            assertTrue(dir.resolve("seeds.csv").toFile().isFile());
            m0.close();
            m1.close();
        }
    }

    @Test
    void badFarOodSetsAndMismatchedSeedOptionsFailWithOneLine() {
        CliRun r = run("pipnet", "evaluate", "--model", "missing.xai4j", "--far-ood", "mnist");
        assertEquals(2, r.code());
        assertEquals("xai4j pipnet evaluate: --far-ood must list fashion-mnist and/or noise (comma-separated) or be none, got 'mnist'", r.err().strip());
        CliRun c = run("pipnet", "train", "--seeds", "2", "--checkpoint", "x.ckpt");
        assertEquals(2, c.code());
        assertTrue(c.err().strip().startsWith("xai4j pipnet train: --checkpoint names one file; with --seeds 2"), c.err());
        CliRun i = run("pipnet", "train", "--backbone", "missing.pt", "--backbone-init", "bb.xai4j");
        assertEquals(2, i.code());
        assertTrue(i.err().strip().startsWith("xai4j pipnet train: --backbone-init copies a smallcnn black box"), i.err());
    }
}

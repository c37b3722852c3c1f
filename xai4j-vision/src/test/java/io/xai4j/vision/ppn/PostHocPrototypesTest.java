package io.xai4j.vision.ppn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.xai4j.core.explain.Attribution;
import io.xai4j.vision.data.ImageDataset;
import io.xai4j.vision.data.Normalization;
import io.xai4j.vision.data.PartInstance;
import io.xai4j.vision.data.PartShapesConfig;
import io.xai4j.vision.data.PartShapesDataset;
import io.xai4j.vision.data.PartShapesGenerator;
import io.xai4j.vision.model.BatchNorm2d;
import io.xai4j.vision.model.CnnClassifier;
import io.xai4j.vision.model.GlobalAvgPool;
import io.xai4j.vision.model.Layer;
import io.xai4j.vision.model.Linear;
import io.xai4j.vision.model.Sequential;
import io.xai4j.vision.model.SmallResNet;
import io.xai4j.vision.model.SmallResNetConfig;
import io.xai4j.vision.model.TorchScriptClassifier;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/methods/posthoc-ppn.md#exactness: exactness against the unchanged black box, Σβ = 1, seeds, parity; file round trip; refusals. */
class PostHocPrototypesTest {

    static final int S = 32;
    static PartShapesDataset data;

    @BeforeAll
    static void generate() {
        data = new PartShapesGenerator(PartShapesConfig.defaults().toBuilder().optImageSize(S).optSplitSizes(60, 6, 24, 6).optSeed(3).build())
                .generate();
    }

    static CnnClassifier cnn(NDManager m) {
        return SmallResNet.create(m.newSubManager(), SmallResNetConfig.forImageSize(S, 3, 6), data.train().classNames(), S, 4);
    }

    static FitSettings settings(long seed) {
        return new FitSettings(3, 1000, 200, 60, 1e-4, false, false, seed);
    }

    static PostHocPrototypes fit(CnnClassifier model, FitSettings s) {
        return PrototypeFitter.builder().setModel(model).setData(data.train()).setNormalization(Normalization.imageNet()).optSettings(s)
                .optBatchSize(16).build().fit();
    }

    @Test
    void everyLogitOfEveryTestImageIsBiasPlusContributions() {
        try (NDManager m = NDManager.newBaseManager()) {
            CnnClassifier model = cnn(m);
            for (PostHocPrototypes p : List.of(fit(model, settings(0)), fit(model, new FitSettings(3, 1000, 200, 60, 1e-4, true, false, 0)))) {
                assertExact(model, p);
                assertExact(model, p.uniformBeta());
                assertExact(model, PostHocPrototypes.randomPartition(p, model.linearHead().orElseThrow().weight(), 3, 9));
            }
        }
    }

    private static void assertExact(CnnClassifier model, PostHocPrototypes p) {
        ImageDataset test = data.test();
        int[] all = new int[test.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = ImageDataset.batch(m, test, all, Normalization.imageNet());
            Decomposition d = Decomposition.of(model, p, x);
            float[][] logits = io.xai4j.core.runtime.Tensors.toArray2(model.logits(x)); // a separate black-box pass
            for (int n = 0; n < all.length; n++) {
                int best = 0, bestRec = 0;
                for (int c = 0; c < 6; c++) {
                    double rec = d.reconstructed(n, c);
                    assertTrue(Math.abs(rec - logits[n][c]) <= 1e-4 * Math.max(1, Math.abs(logits[n][c])),
                            p.variant() + ": image " + n + " class " + c + ": bias + Σ contributions " + rec + " vs logit " + logits[n][c]);
                    best = logits[n][c] > logits[n][best] ? c : best;
                    bestRec = rec > d.reconstructed(n, bestRec) ? c : bestRec;
                }
                assertEquals(best, bestRec, p.variant() + ": prediction of image " + n);
            }
        }
    }

    @Test
    void prototypesSumToTheClassWeightsAndBetaToOne() {
        try (NDManager m = NDManager.newBaseManager()) {
            CnnClassifier model = cnn(m);
            PostHocPrototypes p = fit(model, settings(0));
            float[][] w = model.linearHead().orElseThrow().weight();
            for (ClassPrototypes cp : p.classes()) {
                assertEquals(1.0, java.util.Arrays.stream(cp.beta()).sum(), 1e-12, "Σβ of class " + cp.classIndex());
                for (double b : cp.beta()) {
                    assertTrue(b >= 0);
                }
                for (int d = 0; d < p.featureDim(); d++) {
                    double s = 0;
                    for (float[] row : cp.prototypes()) {
                        s += row[d];
                    }
                    assertEquals(w[cp.classIndex()][d], s, 1e-6 * Math.max(1, Math.abs(w[cp.classIndex()][d])));
                }
                for (int i = 1; i < cp.size(); i++) {
                    assertTrue(cp.meanContribution()[i - 1] >= cp.meanContribution()[i], "prototypes ordered by mean contribution");
                }
                assertTrue(cp.nmfError() > 0 && cp.nmfError() < 1, "NMF relative error " + cp.nmfError());
            }
        }
    }

    @Test
    void sameSeedGivesTheSameFileAndAnotherSeedAnother(@TempDir Path dir) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            CnnClassifier model = cnn(m);
            fit(model, settings(5)).save(dir.resolve("a.json"));
            fit(model, settings(5)).save(dir.resolve("b.json"));
            fit(model, settings(6)).save(dir.resolve("c.json"));
            String a = java.nio.file.Files.readString(dir.resolve("a.json"));
            assertEquals(a, java.nio.file.Files.readString(dir.resolve("b.json")));
            assertTrue(!a.equals(java.nio.file.Files.readString(dir.resolve("c.json"))), "another seed, other prototypes");
            PostHocPrototypes back = PostHocPrototypes.load(dir.resolve("a.json"));
            PostHocPrototypes orig = fit(model, settings(5));
            for (int c = 0; c < 6; c++) {
                for (int i = 0; i < 3; i++) {
                    assertArrayEquals(orig.classes().get(c).prototypes()[i], back.classes().get(c).prototypes()[i]);
                }
            }
            back.requireMatches(model);
        }
    }

    @Test
    void contributionsAndHeatmapsOfABatchEqualThoseOfSingleImages() {
        try (NDManager m = NDManager.newBaseManager()) {
            CnnClassifier model = cnn(m);
            PostHocPrototypes p = fit(model, settings(0));
            int[] idx = {0, 3, 7, 11};
            NDArray batch = ImageDataset.batch(m, data.test(), idx, Normalization.imageNet());
            Decomposition all = Decomposition.of(model, p, batch);
            Attribution maps = PrototypeHeatmaps.of(model, p, 1).explain(batch, new int[] {0, 1, 2, 5});
            for (int b = 0; b < idx.length; b++) {
                NDArray one = ImageDataset.batch(m, data.test(), new int[] {idx[b]}, Normalization.imageNet());
                Decomposition single = Decomposition.of(model, p, one);
                for (int c = 0; c < 6; c++) {
                    for (int i = 0; i < 3; i++) {
                        assertEquals(single.contributions()[0][c][i], all.contributions()[b][c][i], 1e-5, "image " + b + " class " + c + " p" + i);
                    }
                }
                Attribution a = PrototypeHeatmaps.of(model, p, 1).explain(one, new int[] {new int[] {0, 1, 2, 5}[b]});
                float[][] raw = a.raw()[0];
                for (int y = 0; y < raw.length; y++) {
                    assertArrayEquals(raw[y], maps.raw()[b][y], 1e-5f);
                }
            }
        }
    }

    @Test
    void heatmapMeanIsTheContribution() {
        try (NDManager m = NDManager.newBaseManager()) {
            CnnClassifier model = cnn(m);
            PostHocPrototypes p = fit(model, settings(0));
            NDArray x = ImageDataset.batch(m, data.test(), new int[] {2}, Normalization.imageNet());
            Decomposition d = Decomposition.of(model, p, x);
            Attribution a = PrototypeHeatmaps.of(model, p, 2).explain(x, new int[] {4});
            double s = 0;
            int cells = 0;
            for (float[] row : a.raw()[0]) {
                for (float v : row) {
                    s += v;
                    cells++;
                }
            }
            assertEquals(d.contributions()[0][4][2], s / cells, 1e-5);
        }
    }

    @Test
    void hitVectorOfAHandBuiltMap() {
        float[][] map = new float[4][4];
        map[1][2] = 1; // upsampled to 32 px, the peak is at pixel (12, 20) (cell centre 8·1.5 = 12 and 8·2.5 = 20)
        PartInstance inside = new PartInstance(1, 5, null, null, 0, true, 0, 0, 1, 0, null, 1, 21.0, 13.0);
        PartInstance outside = new PartInstance(2, 7, null, null, 0, true, 0, 0, 1, 0, null, 1, 30.0, 30.0);
        int half = (int) Math.round(36.0 * S / 224); // 5
        boolean[] hit = PrototypeEvaluation.hitVector(map, List.of(inside, outside), S, half, S);
        assertTrue(hit[5]);
        assertTrue(!hit[7]);
    }

    @Test
    void torchScriptExportDecomposesExactly() {
        Path file = Path.of("src/test/resources/torchscript/tiny6_frozen.pt");
        try (TorchScriptClassifier model = TorchScriptClassifier.load(file, data.train().classNames(), new int[] {3, S, S})) {
            PostHocPrototypes p = PrototypeFitter.builder().setModel(model).setData(data.train()).setNormalization(Normalization.imageNet())
                    .optSettings(settings(0)).build().fit();
            List<PrototypeEvaluation.Scores> scores = PrototypeEvaluation.evaluate(model, Normalization.imageNet(), List.of(p), data.train(),
                    data.test(), 0, 16);
            assertTrue(scores.get(0).maxRelativeError() <= 1e-4, "max relative error " + scores.get(0).maxRelativeError());
            assertEquals(1.0, scores.get(0).agreement());
        }
    }

    @Test
    void aFeatureLayerWithoutReluIsRefusedByName() {
        try (NDManager m = NDManager.newBaseManager()) {
            SplittableRandom rng = new SplittableRandom(0);
            Layer conv = io.xai4j.vision.model.Conv2d.create(m, "stem.0", 3, 4, 3, 1, false, rng);
            Sequential net = new Sequential(List.of("stem", "pool", "fc"), List.of(
                    Sequential.of(List.of(conv, BatchNorm2d.create(m, "stem.1", 4))), new GlobalAvgPool(), Linear.create(m, "fc", 4, 6, rng)));
            CnnClassifier model = new CnnClassifier(m, net, "stem", data.train().classNames(), new int[] {3, S, S});
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> fit(model, settings(0)));
            assertEquals("layer 'stem' ends in BatchNorm2d, so its features can be negative: post-hoc prototypes need a ReLU before global"
                    + " average pooling", e.getMessage());
        }
    }
}

package io.xai4j.vision.pipnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xai4j.vision.data.PartInstance;
import io.xai4j.vision.data.PartShapesConfig;
import io.xai4j.vision.data.PartShapesGenerator;
import io.xai4j.vision.data.PartShapesSplit;
import io.xai4j.vision.data.Split;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OOD thresholds, metrics, purity and patch geometry against hand-computed references (docs/methods/pipnet.md#patches-and-heat-maps, #ood-detection, #metrics, #purity). */
class PipNetMetricsTest {

    @Test
    void thresholdProcedureReproducesAHandComputedFpr95() {
        // class 0 predicted with max scores 1..5, class 1 with 10 and 20
        float[][] id = {{1, 0}, {2, 0}, {3, 0}, {4, 0}, {5, 0}, {0, 10}, {0, 20}};
        OodThresholds t = OodThresholds.fit(id);
        // t0 = 1 + 0.2·(2−1) = 1.2, t1 = 10 + 0.05·10 = 10.5; TPR 5/7 < 0.95; every t shrinks by 0.999 until
        // 1.2·0.999^r ≤ 1, i.e. r = 183 (1.2·0.999^182 = 1.00024 > 1)
        assertEquals(183, t.rounds());
        assertEquals(1.0, t.tpr());
        assertEquals(1.2 * Math.pow(0.999, 183), t.thresholds()[0], 1e-9);
        assertEquals(10.5 * Math.pow(0.999, 183), t.thresholds()[1], 1e-9);
        // OOD: 0.9 rejected (< 0.99924), 1.0, 3, 9.9 and 9.0 accepted (t1 = 8.743)
        float[][] ood = {{0.9f, 0}, {1.0f, 0}, {3, 0}, {0, 9.9f}, {0, 9.0f}};
        assertEquals(0.8, t.acceptedShare(ood), 1e-12);
    }

    @Test
    void neverPredictedClassGetsTheMeanThreshold() {
        float[][] id = {{1, 0, 0}, {0, 3, 0}};
        OodThresholds t = OodThresholds.fit(id);
        assertEquals((t.thresholds()[0] + t.thresholds()[1]) / 2, t.thresholds()[2], 1e-12);
    }

    @Test
    void percentileIsNumpyLinear() {
        assertEquals(1.2, OodThresholds.percentile(new double[] {5, 4, 3, 2, 1}, 0.05), 1e-12);
        assertEquals(7.0, OodThresholds.percentile(new double[] {7}, 0.05), 1e-12);
    }

    @Test
    void sizesSparsityAndLocalSizeFollowTheDefinitions() {
        // K=2, D=3: prototype 2 is never used
        float[][] w = {{2f, 0f, 0f}, {0.5f, 1f, 0.0005f}};
        float[][] presence = {{0.5f, 0f, 0.9f}, {0f, 0.2f, 0f}, {0f, 0f, 0f}};
        float[][] scores = new float[3][2];
        for (int i = 0; i < 3; i++) {
            for (int c = 0; c < 2; c++) {
                for (int d = 0; d < 3; d++) {
                    scores[i][c] += presence[i][d] * w[c][d];
                }
            }
        }
        Prediction p = Prediction.of(presence, scores, presence, scores);
        PipNetMetrics m = PipNetMetrics.compute(w, p, new int[] {0, 0, 1});
        assertEquals(2, m.globalSize());
        assertEquals(3.0 / 6, m.sparsity(), 1e-12, "W[0,1], W[0,2] and W[1,2] are <= 1e-3");
        // image 0: d0 counts for both classes (any), d2 only 0.9·0.0005 < 1e-3 → 1; image 1: d1 → 1; image 2: none
        assertEquals(2.0 / 3, m.localSizeAll(), 1e-12);
        // predicted: image 0 → class 0 (1.0 vs 0.25): d0 → 1; image 1 → class 1: d1 → 1; image 2 abstains → 0
        assertEquals(2.0 / 3, m.localSizePredicted(), 1e-12);
        assertEquals(1, m.abstained());
        assertEquals(1.0 / 3, m.accuracy(), 1e-12, "abstention counts as an error");
        // labels of another set (e.g. before unreadable images were skipped) would pair with the wrong predictions
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> PipNetMetrics.compute(w, p, new int[] {0, 0, 1, 1}));
        assertEquals("4 labels for 3 predictions", e.getMessage());
    }

    @Test
    void purityOfAHandBuiltPrototypeIsExact() {
        PartShapesSplit split = new PartShapesGenerator(PartShapesConfig.defaults().toBuilder().optSplitSizes(120, 8, 8, 8).optSeed(5).build())
                .generate(Split.TRAIN);
        PatchGeometry g = PatchGeometry.cells(64, 8, 8, 2);
        // for every image, which part type lies under each cell centre (−1 background)
        int n = split.size();
        int[][] typeAt = new int[n][64];
        int[] typeCount = new int[io.xai4j.vision.data.PartType.VOCABULARY_SIZE];
        for (int i = 0; i < n; i++) {
            int[][] mask = split.instanceMask(i);
            List<PartInstance> parts = split.instances(i);
            for (int c = 0; c < 64; c++) {
                int id = mask[(int) g.centreY(c / 8)][(int) g.centreX(c % 8)];
                typeAt[i][c] = id == 0 ? -1 : parts.get(id - 1).partTypeId();
                if (id > 0) {
                    typeCount[typeAt[i][c]]++;
                }
            }
        }
        int q = 0;
        for (int t = 1; t < typeCount.length; t++) {
            q = typeCount[t] > typeCount[q] ? t : q;
        }
        float[][] presence = new float[n][1];
        int[][] cell = new int[n][1];
        List<Integer> onPart = new ArrayList<>(), onBackground = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            presence[i][0] = 0.01f;
            int partCell = -1, backgroundCell = -1;
            for (int c = 0; c < 64; c++) {
                partCell = partCell < 0 && typeAt[i][c] == q ? c : partCell;
                backgroundCell = backgroundCell < 0 && typeAt[i][c] == -1 ? c : backgroundCell;
            }
            if (partCell >= 0 && onPart.size() < 7) {
                onPart.add(i);
                presence[i][0] = 0.9f;
                cell[i][0] = partCell;
            } else if (backgroundCell >= 0 && onBackground.size() < 3) {
                onBackground.add(i);
                presence[i][0] = 0.8f;
                cell[i][0] = backgroundCell;
            }
        }
        assertEquals(7, onPart.size(), "the fixture needs 7 images with part type " + q + " under a cell centre");
        assertEquals(3, onBackground.size());
        PresenceTable table = new PresenceTable(presence, cell, 8, 8);
        PrototypePurity p = PrototypePurity.compute(table, split, new int[] {0}, g, PrototypePurity.Rule.CELL_CENTRE_IN_MASK, 10);
        assertEquals(0.7, p.purity()[0], 1e-12);
        assertEquals(1.0, p.partRelated());
        assertEquals(0.0, p.std(), 1e-12);
    }

    @Test
    void patchBoxesAreWithinOneCellOfTheOfficialFormulaAt224() {
        int s = 224, h = 26, patch = 32;
        PatchGeometry g = new PatchGeometry(s, h, h, patch);
        int skip = (int) Math.round((s - patch) / (double) (h - 1)); // official util/func.py get_patch_size
        double cell = (double) s / h;
        for (int i = 0; i < h; i++) {
            // official get_img_coordinates for a 26×26 grid
            int min = Math.max(0, (i - 1) * skip + 4);
            if (i == h - 1) {
                min -= 4;
            }
            PatchGeometry.Box box = g.box(i, i);
            assertTrue(Math.abs(box.top() - min) <= cell, "row " + i + ": ours " + box.top() + ", official " + min);
            assertTrue(Math.abs(box.left() - min) <= cell, "column " + i + ": ours " + box.left() + ", official " + min);
            assertEquals(patch, box.bottom() - box.top());
        }
    }

    @Test
    void patchBoxesAtTheCpuDefaultAreClampedToTheImage() {
        PatchGeometry g = PatchGeometry.cells(64, 8, 8, 2);
        assertEquals(16, g.patchSize());
        assertEquals(new PatchGeometry.Box(0, 0, 16, 16), g.box(0, 0));
        assertEquals(new PatchGeometry.Box(12, 48, 28, 64), g.box(2, 7)); // centre y 20 → 12; centre x 60 → clamped to 48
    }

    @Test
    void theThreePatchSizeRulesOfSection8() {
        // cells(k): P = round(k·S/H); receptiveField: P = min(S, RF); pixels(n): P = n
        assertEquals(16, PatchGeometry.Size.cells(2).geometry(64, 8, 8, 43).patchSize());
        assertEquals(12, PatchGeometry.Size.cells(1.5).geometry(64, 8, 8, 43).patchSize());
        assertEquals(43, PatchGeometry.Size.receptiveField().geometry(64, 8, 8, 43).patchSize());
        assertEquals(64, PatchGeometry.Size.receptiveField().geometry(64, 8, 8, 100).patchSize(), "clamped to S");
        PatchGeometry px = PatchGeometry.Size.pixels(24).geometry(64, 8, 8, 43);
        assertEquals(new PatchGeometry.Box(0, 0, 24, 24), px.box(0, 0)); // centre 4 → top round(4 − 12) clamped to 0
        assertEquals(new PatchGeometry.Box(24, 40, 48, 64), px.box(4, 7)); // centre y 36 → 24; centre x 60 → 48, clamped to 40
        assertThrows(IllegalArgumentException.class, () -> PatchGeometry.Size.pixels(0));
        assertThrows(IllegalArgumentException.class, () -> PatchGeometry.Size.pixels(65).geometry(64, 8, 8, 43));
    }

    @Test
    void upsamplingKeepsPresenceValuesAndIsBilinear() {
        float[][] up = PatchGeometry.upsample(new float[][] {{0f, 1f}, {0f, 1f}}, 4);
        // align-corners false: x = 0 → source 0 (clamped), x = 1 → 0.25, x = 2 → 0.75, x = 3 → 1
        assertEquals(0f, up[0][0], 1e-6);
        assertEquals(0.25f, up[0][1], 1e-6);
        assertEquals(0.75f, up[3][2], 1e-6);
        assertEquals(1f, up[2][3], 1e-6);
    }
}

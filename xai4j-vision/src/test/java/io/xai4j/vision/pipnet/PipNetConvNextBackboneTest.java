package io.xai4j.vision.pipnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.xai4j.vision.data.Normalization;
import io.xai4j.vision.data.PartShapesDataset;
import io.xai4j.vision.pipnet.PipNetBackbone.Group;
import io.xai4j.vision.pipnet.PipNetBackbone.GroupedParameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ConvNeXt-T reference backbone of docs/methods/pipnet.md#backbones ({@code convnext_tiny_26}: the two last 2×2
 * downsampling convs at stride 1, 224 px → 26×26) as an imported TorchScript feature extractor. The
 * fixture is torchvision's ConvNeXt class with ConvNeXt-T's topology and parameter names at micro
 * widths (8/16/32/64, depths 1/1/1/3), made by {@code scripts/export_convnext_backbone.py --tiny};
 * the full-size export is the same script without {@code --tiny}.
 */
class PipNetConvNextBackboneTest {

    private static final Path FILE = Path.of("src/test/resources/torchscript/convnext_micro_26.pt");
    private static final int S = 224;

    /** The parameter groups of ConvNeXt-T (docs/methods/pipnet.md#parameter-groups-and-schedules) as CLI prefixes (docs/pipnet.md). */
    static final Map<Group, List<String>> SPEC_PREFIXES = new EnumMap<>(Map.of(
            Group.EARLY, List.of("features.0.", "features.1.", "features.2.", "features.3.", "features.4.", "features.5."),
            Group.MID, List.of("features.6.", "features.7.0.", "features.7.1."),
            Group.LAST, List.of("features.7.2.")));

    /** The groups read off the name directly (docs/methods/pipnet.md#parameter-groups-and-schedules): features.0–5 early, features.6 and 7 except its last block mid, features.7.2 last. */
    private static Group specGroup(String name) {
        String[] p = name.split("\\.");
        int stage = Integer.parseInt(p[1]);
        if (stage <= 5) {
            return Group.EARLY;
        }
        return stage == 7 && p[2].equals("2") ? Group.LAST : Group.MID;
    }

    @Test
    void latentGridIs26By26AndEqualsPyTorch() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("src/test/resources/torchscript/convnext_micro_expected.txt"));
        long[] shape = Arrays.stream(lines.get(0).trim().split(" ")).mapToLong(Long::parseLong).toArray();
        double[] expected = Arrays.stream(lines.get(1).trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
        assertArrayEquals(new long[] {1, 64, 26, 26}, shape, "fixture shape");
        try (NDManager m = NDManager.newBaseManager();
                TorchScriptBackbone backbone = TorchScriptBackbone.load(FILE, new int[] {3, S, S}, S, SPEC_PREFIXES)) {
            assertEquals(64, backbone.channels());
            NDArray x = m.arange(0f, 3f * S * S).div(m.create(3f * S * S - 1)).mul(m.create(2f)).sub(m.create(1f))
                    .reshape(new Shape(1, 3, S, S));
            NDArray f = backbone.forward(x, false);
            assertEquals(new Shape(1, 64, 26, 26), f.getShape());
            float[] v = f.toFloatArray();
            for (int c = 0; c < 64; c++) {
                assertEquals(expected[c], v[c * 26 * 26], 1e-4, "f[0," + c + ",0,0]");
            }
            for (int i = 0; i < 26; i++) {
                assertEquals(expected[64 + i], v[i * 26 + i], 1e-4, "f[0,0," + i + "," + i + "]");
            }
        }
    }

    @Test
    void specPrefixesPutEveryParameterInItsGroup() {
        try (TorchScriptBackbone backbone = TorchScriptBackbone.load(FILE, new int[] {3, S, S}, S, SPEC_PREFIXES)) {
            Map<Group, Integer> counts = new EnumMap<>(Group.class);
            for (GroupedParameter p : backbone.parameters()) {
                assertEquals(specGroup(p.parameter().name()), p.group(), p.parameter().name());
                counts.merge(p.group(), 1, Integer::sum);
            }
            // a CNBlock has 9 arrays (layer_scale, depthwise conv w/b, LayerNorm w/b, two Linear w/b), stem and each downsampling 4:
            // features.0–5 = 4 + 9 + 4 + 9 + 4 + 9; features.6 + 7.0 + 7.1 = 4 + 9 + 9; features.7.2 = 9
            assertEquals(Map.of(Group.EARLY, 39, Group.MID, 22, Group.LAST, 9), counts);
        }
    }

    @Test
    void trainsAt224WithDEqualsCAndUpdatesOnlyTheSpecGroups() {
        PartShapesDataset data = PipNetFixtures.partShapes();
        try (NDManager root = NDManager.newBaseManager()) {
            TorchScriptBackbone backbone = TorchScriptBackbone.load(FILE, new int[] {3, S, S}, S, SPEC_PREFIXES);
            // D = C = 64: no add-on conv, the softmax runs over the backbone's own channels (docs/methods/pipnet.md#backbones default)
            PipNet model = PipNet.create(root.newSubManager(), backbone, new PipNetArchitecture(64, false, false, S),
                    data.train().classNames(), Normalization.imageNet(), 0);
            assertTrue(model.addOnParameters().isEmpty());
            // the first parameter of each group: features.0.0.weight, features.6.0.weight, features.7.2.layer_scale
            Map<Group, GroupedParameter> first = new EnumMap<>(Group.class);
            for (GroupedParameter p : backbone.parameters()) {
                first.putIfAbsent(p.group(), p);
            }
            Map<Group, float[]> before = new EnumMap<>(Group.class);
            first.forEach((g, p) -> before.put(g, p.parameter().array().toFloatArray()));
            float[][] sheet = model.weights();
            // docs/methods/pipnet.md#augmentation at 224 px: r = 32, c = 4 < 224 / 26
            TwoViewAugmentation aug = new TwoViewAugmentation(S, 32, 4, true, 1.0);
            PipNetTrainingConfig config = new PipNetTrainingConfig(1, 1, 4, 8, 0.05, 5e-4, 5e-4, 10, aug, false, 0);
            PipNetTrainer.Result r = new PipNetTrainer(config,
                    new PipNetFile.BackboneSpec("torchscript", 64, FILE.toString(), S, SPEC_PREFIXES), null, false)
                    .train(model, new PipNetTrainerTest.Resized(data.train(), S, 16));
            assertEquals(2, r.history().size());
            assertEquals(3, first.size());
            assertArrayEquals(before.get(Group.EARLY), first.get(Group.EARLY).parameter().array().toFloatArray(), 0f,
                    "early group frozen (pretrained backbone, phase 1)");
            for (Group g : List.of(Group.MID, Group.LAST)) {
                assertFalse(Arrays.equals(before.get(g), first.get(g).parameter().array().toFloatArray()), g + " trains in phase 1");
            }
            assertFalse(Arrays.deepEquals(sheet, model.weights()), "the classifier-only epoch trains the scoring sheet");
            float[][][][] z = model.latent(PipNetInputs.batch(root, new PipNetTrainerTest.Resized(data.test(), S), new int[] {0, 1}, model));
            assertEquals(64, z[0].length);
            assertEquals(26, z[0][0].length);
            assertEquals(26, z[0][0][0].length);
            float sum = 0;
            for (int d = 0; d < 64; d++) {
                sum += z[1][d][13][7];
            }
            assertEquals(1f, sum, 1e-4f, "softmax over the 64 prototypes at a cell");
            model.close();
        }
    }
}

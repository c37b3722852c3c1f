package io.xai4j.vision.scouter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.xai4j.core.explain.Requirement;
import io.xai4j.core.runtime.Tensors;
import io.xai4j.vision.model.SmallResNetConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The SCOUTER classifier on the built-in and on a TorchScript backbone. */
class ScouterModelTest {

    static Scouter tiny(NDManager root, int sign, int spc, long seed) {
        NDManager m = root.newSubManager();
        List<String> classes = List.of("a", "b", "c");
        SmallResNetConfig cfg = new SmallResNetConfig(3, 3, 4, new int[] {6, 8}, new int[] {2, 2}, 1);
        ResNetBackbone backbone = ResNetBackbone.create(m, cfg, classes, 16, seed);
        SlotAttention head = SlotAttention.create(m, new SlotConfig(3, 8, 8, spc, 3, 2, sign), seed + 1);
        return new Scouter(m, backbone, head, classes, 16);
    }

    static NDArray images(NDManager m, int b, int size, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] v = new float[b * 3 * size * size];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return m.create(v, new Shape(b, 3, size, size));
    }

    @Test
    void singleImageEqualsTheSameImageInsideABatch() {
        try (NDManager root = NDManager.newBaseManager(); Scouter model = tiny(root, -1, 2, 3)) {
            NDArray batch = images(root, 4, 16, 8);
            SlotAttention.Output all = model.forward(batch);
            float[][] logits = Tensors.toArray2(all.logits());
            float[] attention = all.attention().toFloatArray();
            int per = 6 * 16; // M = 6 slots, N = 4×4 cells
            for (int i = 0; i < 4; i++) {
                SlotAttention.Output one = model.forward(batch.get(i + ":" + (i + 1)));
                assertArrayEquals(logits[i], one.logits().toFloatArray(), 1e-5f, "logits of image " + i);
                float[] a = one.attention().toFloatArray();
                for (int j = 0; j < per; j++) {
                    assertEquals(attention[i * per + j], a[j], 1e-5f, "attention of image " + i);
                }
            }
        }
    }

    @Test
    void layersSplitTheForwardPassAndTheModelOffersClassAttention() {
        try (NDManager root = NDManager.newBaseManager(); Scouter model = tiny(root, 1, 1, 4)) {
            NDArray x = images(root, 2, 16, 9);
            float[] direct = model.logits(x).toFloatArray();
            for (String layer : model.layers()) {
                float[] split = model.forwardFromForGradient(model.forwardTo(x, layer), layer).toFloatArray();
                assertArrayEquals(direct, split, 1e-5f, "split at " + layer);
            }
            assertEquals(List.of("stem", "layer1", "layer2"), model.layers());
            assertTrue(model.offers().contains(Requirement.CLASS_ATTENTION));
            assertTrue(model.offers().contains(Requirement.FEATURE_LAYER));
            assertTrue(!model.offers().contains(Requirement.LINEAR_HEAD));
        }
    }

    @Test
    void torchScriptBackboneFeedsItsForwardFeaturesToTheHead() {
        Path file = Path.of("src/test/resources/torchscript/tiny_frozen.pt");
        try (NDManager root = NDManager.newBaseManager()) {
            TorchScriptFeatures backbone = TorchScriptFeatures.load(file, 12, List.of());
            NDManager m = root.newSubManager();
            SlotAttention head = SlotAttention.create(m, new SlotConfig(3, backbone.channels(), 8, 1, 3, 1, 1), 2);
            try (Scouter model = new Scouter(m, backbone, head, List.of("a", "b", "c"), 12)) {
                NDArray x = images(root, 3, 12, 1);
                float[][] logits = Tensors.toArray2(model.logits(x));
                float[][] expected = Tensors.toArray2(head.forward(backbone.forward(x, false)).logits());
                for (int i = 0; i < 3; i++) {
                    assertArrayEquals(expected[i], logits[i], 1e-6f);
                    assertArrayEquals(logits[i], model.logits(x.get(i + ":" + (i + 1))).toFloatArray(), 1e-5f, "image " + i + " alone");
                }
                assertEquals(List.of(TorchScriptFeatures.LAYER), model.layers());
            }
        }
    }
}

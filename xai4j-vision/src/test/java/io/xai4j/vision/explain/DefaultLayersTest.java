package io.xai4j.vision.explain;

import io.xai4j.core.explain.Targets;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.xai4j.vision.model.CnnClassifier;
import io.xai4j.vision.model.SmallResNet;
import io.xai4j.vision.model.SmallResNetConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The default layers (docs/methods/gradcam.md#defaults, docs/methods/excitation-backprop.md#defaults) on a three-stage SmallResNet: Grad-CAM reads the last conv stage (the
 * feature layer), EB and c-EB read out one stage below it (ResNet-50: layer4 / layer3, as TorchRay).
 */
class DefaultLayersTest {

    @Test
    void gradCamReadsTheFeatureLayerAndEbOneStageBelow() {
        try (NDManager m = NDManager.newBaseManager()) {
            SmallResNetConfig arch = new SmallResNetConfig(3, 2, 8, new int[] {8, 16, 16}, new int[] {1, 2, 2}, 1);
            CnnClassifier model = SmallResNet.create(m, arch, List.of("a", "b"), 32, 0);
            List<String> layers = model.layers();
            assertEquals(List.of("stem", "layer1", "layer2", "layer3"), layers);
            NDArray x = m.randomNormal(new Shape(1, 3, 32, 32));
            assertEquals("layer3", GradCam.builder().setModel(model).build().explain(x, Targets.top1()).layer());
            assertEquals("layer2", ExcitationBackprop.builder().setModel(model).build().explain(x, Targets.top1()).layer());
            assertEquals("layer2", ExcitationBackprop.builder().setModel(model).optContrastive(true).build().explain(x, Targets.top1()).layer());
            assertEquals(2 * GradCam.builder().setModel(model).build().explain(x, Targets.top1()).raw()[0].length,
                    ExcitationBackprop.builder().setModel(model).build().explain(x, Targets.top1()).raw()[0].length, "layer2 has twice layer3's resolution");
        }
    }
}

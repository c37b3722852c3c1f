package io.xai4j.vision.model;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The built-in ResNet-style CNN (He et al., CVPR 2016, basic blocks): 3×3 conv stem + BN + ReLU,
 * residual stages, global average pooling and a linear head. Layers: "stem", "layer1".."layerN",
 * "pool", "fc"; the feature layer is the last stage.
 */
public final class SmallResNet {

    private SmallResNet() {}

    /** Builds a freshly initialised network; the same seed gives the same weights. */
    public static CnnClassifier create(NDManager manager, SmallResNetConfig config, List<String> classNames, int imageSize, long seed) {
        if (classNames.size() != config.numClasses()) {
            throw new IllegalArgumentException(
                    "config has " + config.numClasses() + " classes but " + classNames.size() + " class names were given");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        List<String> names = new ArrayList<>();
        List<Layer> stages = new ArrayList<>();
        names.add("stem");
        stages.add(Sequential.of(List.of(
                Conv2d.create(manager, "stem.0", config.inChannels(), config.stemWidth(), 3, 1, false, rng),
                BatchNorm2d.create(manager, "stem.1", config.stemWidth()),
                new Relu())));
        int in = config.stemWidth();
        for (int s = 0; s < config.widths().length; s++) {
            String stage = "layer" + (s + 1);
            List<Layer> blocks = new ArrayList<>();
            for (int b = 0; b < config.blocksPerStage(); b++) {
                int stride = b == 0 ? config.strides()[s] : 1;
                blocks.add(basicBlock(manager, stage + "." + (2 * b), in, config.widths()[s], stride, rng));
                blocks.add(new Relu());
                in = config.widths()[s];
            }
            names.add(stage);
            stages.add(Sequential.of(blocks));
        }
        names.add("pool");
        stages.add(new GlobalAvgPool());
        names.add("fc");
        stages.add(Linear.create(manager, "fc", in, config.numClasses(), rng));
        String featureLayer = "layer" + config.widths().length;
        return new CnnClassifier(
                manager, new Sequential(names, stages), featureLayer, classNames, new int[] {config.inChannels(), imageSize, imageSize});
    }

    private static Residual basicBlock(NDManager manager, String name, int in, int out, int stride, SplittableRandom rng) {
        Sequential main = Sequential.of(List.of(
                Conv2d.create(manager, name + ".main.0", in, out, 3, stride, false, rng),
                BatchNorm2d.create(manager, name + ".main.1", out),
                new Relu(),
                Conv2d.create(manager, name + ".main.3", out, out, 3, 1, false, rng),
                BatchNorm2d.create(manager, name + ".main.4", out)));
        Sequential shortcut = stride == 1 && in == out
                ? Sequential.of(List.of())
                : Sequential.of(List.of(
                        Conv2d.create(manager, name + ".shortcut.0", in, out, 1, stride, false, rng),
                        BatchNorm2d.create(manager, name + ".shortcut.1", out)));
        return new Residual(main, shortcut);
    }
}

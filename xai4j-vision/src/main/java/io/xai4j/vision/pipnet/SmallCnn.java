package io.xai4j.vision.pipnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.xai4j.vision.model.BatchNorm2d;
import io.xai4j.vision.model.CnnClassifier;
import io.xai4j.vision.model.GlobalAvgPool;
import io.xai4j.vision.model.Linear;
import io.xai4j.vision.model.Conv2d;
import io.xai4j.vision.model.Layer;
import io.xai4j.vision.model.Parameter;
import io.xai4j.vision.model.Relu;
import io.xai4j.vision.model.Sequential;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The CPU-default PIP-Net backbone {@code smallcnn} (docs/methods/pipnet.md#backbones), built from the xai4j layer
 * classes and trained from scratch: three stages of two 3×3 convs without bias, each followed by
 * BatchNorm; stride 8, receptive field 43 px; the last conv has no activation, so the prototype
 * softmax sees signed logits. Groups: stage1 = early, stage2 = mid, stage3 = last.
 */
public final class SmallCnn implements PipNetBackbone {

    /** Theoretical receptive field of the three stages. */
    public static final int RECEPTIVE_FIELD = 43;

    /** Latent stride: input side / grid side. */
    public static final int STRIDE = 8;

    private final NDManager manager;
    private final Sequential net;
    private final int channels;
    private final boolean pretrained;

    private SmallCnn(NDManager manager, Sequential net, int channels, boolean pretrained) {
        this.manager = manager;
        this.net = net;
        this.channels = channels;
        this.pretrained = pretrained;
    }

    /**
     * A freshly initialised smallcnn (He-normal convs, unit BatchNorm); the same seed gives the same
     * weights on every machine.
     *
     * @param manager owns the parameters (closed with the backbone)
     * @param outChannels C of the last conv (= D when there is no add-on conv)
     */
    public static SmallCnn create(NDManager manager, int outChannels, long seed) {
        return create(manager, outChannels, seed, false);
    }

    /**
     * As above; {@code pretrained} marks a backbone whose weights will be copied from a trained black box
     * ({@link BackboneInit}, docs/methods/pipnet.md#backbone-initialisation), so the trainer freezes its early group like any pretrained backbone
     * (docs/methods/pipnet.md#phases) instead of treating it as randomly initialised.
     */
    public static SmallCnn create(NDManager manager, int outChannels, long seed, boolean pretrained) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Layer> s1 = List.of(
                Conv2d.create(manager, "stage1.0", 3, 32, 3, 2, false, rng), BatchNorm2d.create(manager, "stage1.1", 32), new Relu(),
                Conv2d.create(manager, "stage1.3", 32, 32, 3, 1, false, rng), BatchNorm2d.create(manager, "stage1.4", 32), new Relu());
        List<Layer> s2 = List.of(
                Conv2d.create(manager, "stage2.0", 32, 64, 3, 2, false, rng), BatchNorm2d.create(manager, "stage2.1", 64), new Relu(),
                Conv2d.create(manager, "stage2.3", 64, 64, 3, 1, false, rng), BatchNorm2d.create(manager, "stage2.4", 64), new Relu());
        List<Layer> s3 = List.of(
                Conv2d.create(manager, "stage3.0", 64, 128, 3, 2, false, rng), BatchNorm2d.create(manager, "stage3.1", 128), new Relu(),
                Conv2d.create(manager, "stage3.3", 128, outChannels, 3, 1, false, rng), BatchNorm2d.create(manager, "stage3.4", outChannels));
        Sequential net = new Sequential(List.of("stage1", "stage2", "stage3"), List.of(Sequential.of(s1), Sequential.of(s2), Sequential.of(s3)));
        return new SmallCnn(manager, net, outChannels, pretrained);
    }

    /**
     * The black-box reference of docs/methods/pipnet.md#targets-at-cpu-scale: the same smallcnn (same seed, same weights) followed by
     * global average pooling and a linear head, as a {@link CnnClassifier} ("stage3" is its feature layer).
     */
    public static CnnClassifier blackBox(NDManager manager, int channels, List<String> classNames, int imageSize, long seed) {
        SmallCnn cnn = create(manager, channels, seed);
        List<String> names = new ArrayList<>(cnn.net.names());
        List<Layer> layers = new ArrayList<>(cnn.net.children());
        names.add("pool");
        layers.add(new GlobalAvgPool());
        names.add("fc");
        layers.add(Linear.create(manager, "fc", channels, classNames.size(), new SplittableRandom(seed + 1)));
        return new CnnClassifier(manager, new Sequential(names, layers), "stage3", classNames, new int[] {3, imageSize, imageSize});
    }

    /** The typed layer graph (children stage1..stage3). */
    public Sequential net() {
        return net;
    }

    @Override
    public String kind() {
        return "smallcnn";
    }

    @Override
    public NDArray forward(NDArray images, boolean training) {
        return net.forward(images, training);
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public int receptiveField() {
        return RECEPTIVE_FIELD;
    }

    @Override
    public boolean pretrained() {
        return pretrained;
    }

    @Override
    public List<GroupedParameter> parameters() {
        List<GroupedParameter> out = new ArrayList<>();
        Group[] groups = {Group.EARLY, Group.MID, Group.LAST};
        for (int s = 0; s < 3; s++) {
            for (Parameter p : net.children().get(s).parameters()) {
                if (p.trainable()) {
                    out.add(new GroupedParameter(p, groups[s]));
                }
            }
        }
        return out;
    }

    @Override
    public List<Parameter> state() {
        return net.parameters();
    }

    @Override
    public void close() {
        manager.close();
    }
}

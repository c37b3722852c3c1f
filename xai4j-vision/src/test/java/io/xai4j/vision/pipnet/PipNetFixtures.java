package io.xai4j.vision.pipnet;

import ai.djl.ndarray.NDManager;
import io.xai4j.vision.data.Normalization;
import io.xai4j.vision.data.PartShapesConfig;
import io.xai4j.vision.data.PartShapesDataset;
import io.xai4j.vision.data.PartShapesGenerator;
import io.xai4j.vision.model.Parameter;
import java.util.List;

/** Tiny PIP-Nets and data for fast tests. */
final class PipNetFixtures {

    static final int S = 32;

    private PipNetFixtures() {}

    /** 32-px PartShapes: 48 train, 8 val, 24 test, 8 ood images. */
    static PartShapesDataset partShapes() {
        return new PartShapesGenerator(PartShapesConfig.defaults().toBuilder().optImageSize(S).optSplitSizes(48, 8, 24, 8).optSeed(3).build())
                .generate();
    }

    /** A seeded smallcnn PIP-Net with D = 16 on 32-px inputs (4×4 grid). */
    static PipNet model(NDManager root, List<String> classes, long seed) {
        PipNet model = PipNet.create(root.newSubManager(), SmallCnn.create(root.newSubManager(), 16, seed), PipNetArchitecture.smallCnn(16, S), classes,
                Normalization.imageNet(), seed);
        // a peaked prototype softmax (last BatchNorm γ = 6), so that presences reach 0.1 as after training
        for (Parameter p : model.backbone().state()) {
            if (p.name().equals("stage3.4.weight")) {
                p.array().muli(6f);
            }
        }
        return model;
    }

    static PipNetTrainingConfig config(int pretrainEpochs, int epochs) {
        return new PipNetTrainingConfig(pretrainEpochs, epochs, 8, 16, 0.05, 5e-4, 5e-4, 10, TwoViewAugmentation.defaults(S, true), false, 7);
    }

    /** Copies of every model array, for bit-identity checks. */
    static float[][] snapshot(PipNet model) {
        return model.state().stream().map(p -> p.array().toFloatArray()).toArray(float[][]::new);
    }
}

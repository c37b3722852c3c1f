package io.xai4j.vision.pipnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.xai4j.core.runtime.Tensors;
import io.xai4j.vision.data.Normalization;
import io.xai4j.vision.model.ModelFile;
import io.xai4j.vision.model.Parameter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The supervised-pretrained start of docs/methods/pipnet.md#backbone-initialisation: copies the backbone of a trained black-box CNN of the
 * same architecture ({@code pipnet baseline --output}: smallcnn + global average pooling + linear head) into a
 * PIP-Net before training, BatchNorm running statistics included. The paper (Nauta et al., CVPR 2023) starts
 * from ImageNet weights; PartShapes has none, so a black box trained on the same data stands in for them
 * (a project choice). The head of the black box is dropped: PIP-Net's scoring sheet starts fresh.
 */
public final class BackboneInit {

    private BackboneInit() {}

    /**
     * Copies the file's backbone arrays into {@code model}'s backbone, in place. The file's arrays must be the
     * backbone's, in order, name by name and shape by shape, followed by at most one head layer; otherwise the
     * call fails naming the first layer that differs, and the model is left unchanged.
     *
     * @return the number of arrays copied
     */
    public static int copy(Path file, PipNet model) {
        List<Parameter> backbone = model.backbone().state();
        try (NDManager m = NDManager.newBaseManager()) {
            ModelFile.Arrays read = ModelFile.readArrays(file, m);
            Normalization n = model.normalization();
            if (!Arrays.equals(read.header().mean(), n.mean()) || !Arrays.equals(read.header().std(), n.std())) {
                throw new IllegalArgumentException("--backbone-init " + file + ": its input normalisation (mean " + Arrays.toString(read.header().mean())
                        + ", std " + Arrays.toString(read.header().std()) + ") is not the PIP-Net's (mean " + Arrays.toString(n.mean()) + ", std "
                        + Arrays.toString(n.std()) + ")");
            }
            NDList arrays = read.parameters();
            for (int i = 0; i < backbone.size(); i++) {
                Parameter dst = backbone.get(i);
                if (i >= arrays.size()) {
                    throw differs(file, dst.name(), "the file ends before it", dst);
                }
                NDArray src = arrays.get(i);
                if (!dst.name().equals(src.getName()) || !dst.array().getShape().equals(src.getShape())
                        || dst.array().getDataType() != src.getDataType()) {
                    throw differs(file, dst.name(), "the file has " + src.getName() + " " + src.getShape() + " " + src.getDataType(), dst);
                }
            }
            Set<String> rest = new LinkedHashSet<>();
            for (int i = backbone.size(); i < arrays.size(); i++) {
                rest.add(layer(arrays.get(i).getName()));
            }
            if (rest.size() > 1) {
                throw new IllegalArgumentException("--backbone-init " + file + ": layer " + rest.iterator().next()
                        + " of the file has no counterpart in the PIP-Net backbone (" + model.backbone().kind() + " ends at "
                        + layer(backbone.get(backbone.size() - 1).name()) + "; the file may add only a linear head)");
            }
            for (int i = 0; i < backbone.size(); i++) {
                Tensors.copyInto(arrays.get(i), backbone.get(i).array());
            }
            return backbone.size();
        }
    }

    private static IllegalArgumentException differs(Path file, String name, String what, Parameter expected) {
        return new IllegalArgumentException("--backbone-init " + file + ": layer " + layer(name) + " differs: " + what + ", the PIP-Net backbone needs "
                + name + " " + expected.array().getShape() + " " + expected.array().getDataType()
                + " (train the black box with the same architecture: pipnet baseline --channels D --output FILE)");
    }

    /** {@code stage3.3.weight} → {@code stage3.3}. */
    private static String layer(String parameter) {
        int dot = parameter.lastIndexOf('.');
        return dot < 0 ? parameter : parameter.substring(0, dot);
    }
}

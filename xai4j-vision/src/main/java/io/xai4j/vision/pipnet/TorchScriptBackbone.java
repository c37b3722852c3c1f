package io.xai4j.vision.pipnet;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.xai4j.vision.model.Parameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * An imported TorchScript feature extractor as PIP-Net backbone (docs/methods/pipnet.md#backbones): the module's {@code forward_features(x) → [B,C,H,W]} (the xai4j export contract of
 * {@link io.xai4j.vision.model.TorchScriptClassifier}). Parameters are assigned to the groups of docs/methods/pipnet.md#parameter-groups-and-schedules
 * by name prefixes (longest match wins; a parameter matching no prefix is {@code early}, so it is
 * frozen whenever the early group is, or {@code last} when no early/mid/last prefixes are given; parameters
 * matching a {@link Group#FROZEN} prefix are never trained and keep the file's values). A frozen export ({@code torch.jit.freeze}) has no parameters:
 * it is then a fixed feature extractor and only the add-on conv and the scoring sheet train.
 *
 * <p>Limitation: checkpoints hold the module's parameters, not its buffers (BatchNorm running
 * statistics of an unfrozen export stay those of the file).
 */
public final class TorchScriptBackbone implements PipNetBackbone {

    private final Path file;
    private final Model model;
    private final Block block;
    private final ParameterStore store;
    private final int channels;
    private final int receptiveField;
    private final List<GroupedParameter> parameters;
    private final List<Parameter> state;
    private final boolean pretrained;

    private TorchScriptBackbone(Path file, Model model, int[] inputShape, int receptiveField, Map<Group, List<String>> prefixes,
            boolean pretrained) {
        this.file = file;
        this.pretrained = pretrained;
        this.model = model;
        this.block = model.getBlock();
        this.store = new ParameterStore(model.getNDManager(), false);
        this.receptiveField = receptiveField;
        List<GroupedParameter> ps = new ArrayList<>();
        List<Parameter> all = new ArrayList<>();
        for (var pair : block.getParameters()) {
            String name = pair.getKey();
            Group group = groupOf(name, prefixes);
            Parameter p = new Parameter(name, pair.getValue().getArray(), group != Group.FROZEN, true);
            if (group == Group.FROZEN) {
                // no gradients through parameters that never train (DJL's freeze keeps the block from re-enabling them
                // when it runs in training mode)
                pair.getValue().freeze(true);
            }
            all.add(p);
            if (group != Group.FROZEN) {
                ps.add(new GroupedParameter(p, group));
            }
        }
        this.parameters = List.copyOf(ps);
        this.state = List.copyOf(all);
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray probe = model.getNDManager().zeros(new Shape(1, inputShape[0], inputShape[1], inputShape[2]));
            Shape s = forward(probe, false).getShape();
            if (s.dimension() != 4) {
                throw new IllegalArgumentException("forward_features returns shape " + s + ", expected [B,C,H,W]");
            }
            this.channels = (int) s.get(1);
        }
    }

    /**
     * Loads a TorchScript file exporting {@code forward_features}.
     *
     * @param inputShape [3, S, S], the input the backbone is probed with
     * @param receptiveField the backbone's receptive field in pixels (for patch sizes, docs/methods/pipnet.md#patches-and-heat-maps)
     * @param prefixes parameter-name prefixes per group; empty means every parameter is {@code last}
     */
    public static TorchScriptBackbone load(Path file, int[] inputShape, int receptiveField, Map<Group, List<String>> prefixes) {
        return load(file, inputShape, receptiveField, prefixes, true);
    }

    /**
     * As {@link #load(Path, int[], int, Map)}; {@code pretrained = false} marks an export with random weights, whose
     * early group is then never frozen (docs/methods/pipnet.md#phases).
     */
    public static TorchScriptBackbone load(Path file, int[] inputShape, int receptiveField, Map<Group, List<String>> prefixes,
            boolean pretrained) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("TorchScript backbone not found: " + file);
        }
        Model model = Model.newInstance(file.getFileName().toString(), "PyTorch");
        try {
            model.load(file, null, Map.of("trainParam", "true"));
            return new TorchScriptBackbone(file, model, inputShape, receptiveField, prefixes == null ? Map.of() : new EnumMap<>(prefixes),
                    pretrained);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new IllegalArgumentException("cannot use " + file + " as PIP-Net backbone (it must export forward_features): "
                    + e.getMessage(), e);
        }
    }

    /** The file the module was loaded from. */
    public Path file() {
        return file;
    }

    @Override
    public String kind() {
        return "torchscript:" + file.getFileName();
    }

    @Override
    public NDArray forward(NDArray images, boolean training) {
        NDArray marker = images.getManager().create("");
        marker.setName("module_method:forward_features");
        NDArray out = block.forward(store, new NDList(images, marker), training).singletonOrThrow();
        marker.close();
        return out;
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public int receptiveField() {
        return receptiveField;
    }

    @Override
    public boolean pretrained() {
        return pretrained;
    }

    @Override
    public List<GroupedParameter> parameters() {
        return parameters;
    }

    @Override
    public List<Parameter> state() {
        return state;
    }

    @Override
    public void close() {
        model.close();
    }

    static Group groupOf(String name, Map<Group, List<String>> prefixes) {
        boolean trainingGroups = prefixes.keySet().stream().anyMatch(g -> g != Group.FROZEN);
        // without early/mid/last prefixes everything trainable is last (frozen prefixes alone do not change that)
        Group best = trainingGroups ? Group.EARLY : Group.LAST;
        int bestLength = -1;
        for (var e : prefixes.entrySet()) {
            for (String prefix : e.getValue()) {
                if (name.startsWith(prefix) && prefix.length() > bestLength) {
                    best = e.getKey();
                    bestLength = prefix.length();
                }
            }
        }
        return best;
    }
}

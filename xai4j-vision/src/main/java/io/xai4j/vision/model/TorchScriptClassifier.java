package io.xai4j.vision.model;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.xai4j.core.runtime.Autograd;
import io.xai4j.core.runtime.Tensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A PyTorch model exported to TorchScript with the xai4j contract (docs/methods/image-explainers.md#torchscript-contract):
 * {@code forward(x)}, {@code forward_features(x) → [B,K,h,w]}, {@code forward_head(A) → logits}, and
 * optionally {@code classifier_weight()} / {@code classifier_bias()} for CAM. The feature layer is
 * called "features".
 *
 * <p>DJL runs TorchScript without autograd unless {@code forward(..., training=true)}, which also puts
 * the module in train mode. Gradient methods are therefore allowed only for exports whose train mode
 * equals eval mode — frozen exports ({@code torch.jit.freeze}, which folds BatchNorm into constants).
 * At load time xai4j checks that {@code forward_head(forward_features(x)) = forward(x)} (else it
 * refuses the model) and that gradient-path logits equal inference logits (else gradient methods
 * raise an error that explains the export fix).
 *
 * <p>An export that does not run on the input size it is loaded with (e.g. one that flattens a fixed feature grid)
 * is refused with an {@link InputSizeException} naming the common square sizes it does run on.
 *
 * <p>An export with only {@code forward(x)} (e.g. {@code torch.jit.trace(model)}) loads too, with no split
 * point: {@link #layers()} is empty, so the methods that need only the logits and their input gradient
 * (contrastive gradient, RISE) run, and Grad-CAM and CAM fail with an error that names the methods to export.
 */
public final class TorchScriptClassifier implements ImageClassifier {

    /** Name of the single split point. */
    public static final String FEATURES = "features";

    private final Model model;
    private final Block block;
    private final ParameterStore store;
    private final List<String> classNames;
    private final int[] inputShape;
    private final boolean gradientSafe;
    /** Whether the export has forward_features / forward_head; false for a forward-only export. */
    private final boolean split;
    private final LinearHead linearHead;

    private TorchScriptClassifier(Model model, Model probeCopy, List<String> classNames, int[] inputShape) {
        this.model = model;
        this.block = model.getBlock();
        this.store = new ParameterStore(model.getNDManager(), false);
        this.classNames = List.copyOf(classNames);
        this.inputShape = inputShape.clone();
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray probe = probe(model.getNDManager());
            float[] full;
            try {
                full = call("forward", probe, false).toFloatArray();
            } catch (ai.djl.engine.EngineException e) {
                throw inputSizeMismatch(e);
            }
            if (full.length != classNames.size() * 2L) {
                throw new IllegalArgumentException("the model returns " + full.length / 2 + " scores per image but "
                        + classNames.size() + " class names were given");
            }
            this.split = hasMethod(model.getBlock(), "forward_features") && hasMethod(model.getBlock(), "forward_head");
            if (split) {
                float[] viaFeatures = call("forward_head", call("forward_features", probe, false), false).toFloatArray();
                if (maxDiff(full, viaFeatures) > 1e-4) {
                    throw new IllegalArgumentException("forward_head(forward_features(x)) differs from forward(x) by "
                            + maxDiff(full, viaFeatures) + " (> 1e-4): the export does not follow the xai4j contract");
                }
            }
            this.gradientSafe = trainModeMatchesEvalMode(probeCopy, probe, full);
        }
        this.linearHead = split ? readLinearHead() : null;
    }

    /**
     * The export failed on the probe of the size it was loaded with: tries it on square inputs of the common sizes
     * {@link #CANDIDATE_SIDES} (one image each, on the engine's own thread, so a few seconds at most for a large
     * model) and says in one line which run, instead of TorchScript's multi-line traceback. A size "runs" when the
     * output is one row of scores per image.
     */
    private InputSizeException inputSizeMismatch(ai.djl.engine.EngineException e) {
        int c = inputShape[0];
        List<Integer> runs = new java.util.ArrayList<>();
        for (int side : CANDIDATE_SIDES) {
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                Shape out = call("forward", model.getNDManager().zeros(new Shape(1, c, side, side)), false).getShape();
                if (out.dimension() == 2 && out.get(0) == 1) {
                    runs.add(side);
                }
            } catch (ai.djl.engine.EngineException tried) {
                // not this size
            }
        }
        String tried = "of the square sizes " + CANDIDATE_SIDES[0] + " to " + CANDIDATE_SIDES[CANDIDATE_SIDES.length - 1] + " tried";
        String what = "the export does not run on " + c + "×" + inputShape[1] + "×" + inputShape[2] + " inputs (" + engineReason(e) + "); ";
        if (runs.isEmpty()) {
            return new InputSizeException(what + "the export runs on none " + tried + " with " + c + (c == 1 ? " channel" : " channels")
                    + ", so its shapes do not fit an image classifier's [B," + c + ",S,S] input", runs, e);
        }
        String sizes = runs.stream().limit(4).map(r -> c + "×" + r + "×" + r).collect(java.util.stream.Collectors.joining(", "));
        return new InputSizeException(what + "it runs on " + sizes + (runs.size() > 4 ? ", …" : "") + " (" + tried + ")", runs, e);
    }

    /** The common square input sides tried when an export fails on the size it was loaded with, ascending. */
    static final int[] CANDIDATE_SIDES = {8, 12, 16, 24, 28, 32, 48, 64, 96, 112, 128, 160, 192, 224, 256, 288, 299, 320, 384, 448, 512};

    /**
     * The last line of the engine's message that names an error ({@code RuntimeError: shape '[-1, 16, 36]' is
     * invalid ...}, without the prefix), or its first line: TorchScript's traceback stays out of user messages.
     */
    static String engineReason(RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        String reason = message.lines().findFirst().orElse("").strip();
        for (String line : message.lines().toList()) {
            int at = line.indexOf("Error: ");
            if (at >= 0 && !line.isBlank()) {
                reason = line.substring(at + "Error: ".length()).strip();
            }
        }
        return reason;
    }

    /** Whether the TorchScript module has a method of this name (listed by the PyTorch engine's JNI). */
    private static boolean hasMethod(Block block, String name) {
        return block instanceof ai.djl.pytorch.engine.PtSymbolBlock pt
                && java.util.Arrays.asList(ai.djl.pytorch.jni.JniUtils.getMethodNames(pt)).contains(name);
    }

    /**
     * Loads a TorchScript file.
     *
     * @param classNames the names of the model's outputs, in order; distinct
     * @param inputShape [channels, height, width] the model expects
     */
    public static TorchScriptClassifier load(Path file, List<String> classNames, int[] inputShape) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("TorchScript file not found: " + file);
        }
        if (new java.util.HashSet<>(classNames).size() != classNames.size()) {
            throw new IllegalArgumentException(file + ": class names must be distinct, got " + classNames.size() + " names of which "
                    + new java.util.HashSet<>(classNames).size() + " differ");
        }
        io.xai4j.core.runtime.MallocSettings.hintOnce();
        io.xai4j.core.runtime.OneDnnSettings.warnOnce();
        Model model = Model.newInstance(file.getFileName().toString(), "PyTorch");
        Model probeCopy = Model.newInstance(file.getFileName().toString(), "PyTorch");
        try {
            // trainParam: parameters are ordinary tensors, so autograd may save them for backward
            model.load(file, null, java.util.Map.of("trainParam", "true"));
            probeCopy.load(file, null, java.util.Map.of("trainParam", "true"));
            return new TorchScriptClassifier(model, probeCopy, classNames, inputShape);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            probeCopy.close();
            if (e instanceof InputSizeException size) {
                throw size.prefixed(file + ": ");
            }
            if (e instanceof IllegalArgumentException iae) {
                throw new IllegalArgumentException(file + ": " + iae.getMessage(), iae);
            }
            throw new IllegalArgumentException("cannot load TorchScript model " + file + ": " + e.getMessage(), e);
        }
    }

    /** Whether gradient methods can run (train mode equals eval mode, e.g. a frozen export). */
    public boolean gradientSafe() {
        return gradientSafe;
    }

    @Override
    public NDArray logits(NDArray images) {
        checkInput(images);
        return call("forward", images, false);
    }

    /** The size given at {@link #load}: the export may accept others, at another scale. */
    private void checkInput(NDArray images) {
        ImageClassifier.requireInputShape(images, inputShape, "the input size this TorchScript model was loaded with");
    }

    /** Whether the export has the split point {@value #FEATURES} (forward_features / forward_head), which Grad-CAM and CAM need. */
    public boolean hasFeatureLayer() {
        return split;
    }

    /** {@value #FEATURES}, or none for a forward-only export. */
    @Override
    public List<String> layers() {
        return split ? List.of(FEATURES) : List.of();
    }

    /**
     * {@value #FEATURES}.
     *
     * @throws UnsupportedOperationException for a forward-only export, naming the methods to export
     */
    @Override
    public String featureLayer() {
        requireSplit();
        return FEATURES;
    }

    @Override
    public NDArray forwardTo(NDArray images, String layer) {
        checkLayer(layer);
        checkInput(images);
        return call("forward_features", images, false);
    }

    @Override
    public NDArray forwardFromForGradient(NDArray activation, String layer) {
        checkLayer(layer);
        checkGradientSafe();
        return call("forward_head", activation, true);
    }

    @Override
    public NDArray logitsForGradient(NDArray images) {
        checkInput(images);
        checkGradientSafe();
        return call("forward", images, true);
    }

    @Override
    public Optional<LinearHead> linearHead() {
        return Optional.ofNullable(linearHead);
    }

    @Override
    public Optional<Sequential> structure() {
        return Optional.empty();
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public int[] inputShape() {
        return inputShape.clone();
    }

    @Override
    public NDManager manager() {
        return model.getNDManager();
    }

    @Override
    public void close() {
        model.close();
    }

    private NDArray call(String method, NDArray input, boolean training) {
        NDList in = new NDList();
        if (input != null) {
            in.add(input);
        }
        NDArray marker = null;
        if (!method.equals("forward")) {
            marker = (input != null ? input.getManager() : model.getNDManager()).create("");
            marker.setName("module_method:" + method);
            in.add(marker);
        }
        NDArray out = block.forward(store, in, training).singletonOrThrow();
        if (marker != null) {
            marker.close();
        }
        return out;
    }

    /**
     * Runs the probe through the gradient path of a throwaway copy of the module: a module whose train
     * mode differs (BatchNorm batch statistics, which would also update its running statistics) is
     * marked unsafe for gradient methods, and the copy that it changed is closed.
     */
    private static boolean trainModeMatchesEvalMode(Model copy, NDArray probe, float[] evalLogits) {
        try {
            Block b = copy.getBlock();
            ParameterStore ps = new ParameterStore(copy.getNDManager(), false);
            b.forward(ps, new NDList(probe), false).close(); // so that the next call really switches to train mode
            float[] grad = Autograd.run(gc -> b.forward(ps, new NDList(probe), true).singletonOrThrow().toFloatArray());
            return maxDiff(evalLogits, grad) <= 1e-5;
        } catch (ai.djl.engine.EngineException e) {
            return false;
        } finally {
            copy.close();
        }
    }

    private LinearHead readLinearHead() {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray w = call("classifier_weight", null, false);
            NDArray b = call("classifier_bias", null, false);
            return new LinearHead(Tensors.toArray2(w), b.toFloatArray());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private NDArray probe(NDManager m) {
        SplittableRandom rng = new SplittableRandom(0);
        int n = 2 * inputShape[0] * inputShape[1] * inputShape[2];
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return m.create(v, new Shape(2, inputShape[0], inputShape[1], inputShape[2]));
    }

    private void requireSplit() {
        if (!split) {
            throw new UnsupportedOperationException("this TorchScript model exports only forward(x), so it has no feature layer: Grad-CAM"
                    + " and CAM need forward_features(x) and forward_head(a) exported as well (README, \"Using a PyTorch model\");"
                    + " the contrastive gradient (cgrad) and RISE work as it is");
        }
    }

    private void checkLayer(String layer) {
        requireSplit();
        if (!FEATURES.equals(layer)) {
            throw new IllegalArgumentException("TorchScript models expose one split point, '" + FEATURES + "', not '" + layer + "'");
        }
    }

    private void checkGradientSafe() {
        if (!gradientSafe) {
            throw new IllegalStateException("this TorchScript model computes different logits in train mode (BatchNorm or Dropout"
                    + " in training mode): export it with torch.jit.freeze(torch.jit.script(model.eval())" + (split
                            ? ", preserved_attrs=[\"forward_features\", \"forward_head\"])" : ")") + " to use gradient methods");
        }
    }

    private static double maxDiff(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }
}

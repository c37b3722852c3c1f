package io.xai4j.cli;

import io.xai4j.core.explain.Targets;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import io.xai4j.core.explain.Explainer;
import io.xai4j.core.io.Json;
import io.xai4j.vision.data.ImageFolderDataset;
import io.xai4j.vision.data.Normalization;
import io.xai4j.vision.explain.Explainers;
import io.xai4j.vision.model.ImageClassifier;
import io.xai4j.vision.model.SmallResNet;
import io.xai4j.vision.model.SmallResNetConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Throughput of a forward pass and of each explainer at batch 1 and 32, and each explainer's cost in forward passes: all
 * measured together in alternating rounds ({@link InterleavedTimer}), so the printed forward row is the figure that every
 * ratio and the JSON use.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Images/s of a forward pass and of each explainer at batch 1 and 32 on the same model.")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--model", description = "An xai4j model file; default: the demo CNN architecture (64 px, 6 classes), seeded weights.")
    Path model;

    @picocli.CommandLine.Mixin
    TorchScriptOptions torchscript;

    @picocli.CommandLine.Mixin
    ExplainerFileOption explainer;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--batch-sizes", split = ",", defaultValue = "1,32", description = "Batch sizes (default: ${DEFAULT-VALUE}).")
    int[] batchSizes;

    @Option(names = {"--methods", "--method"}, split = ",", defaultValue = "${sys:xai4j.image.default-methods}",
            description = "Methods: ${sys:xai4j.image.methods} (default: ${DEFAULT-VALUE}).")
    List<String> methods;

    @Option(names = "--rise-masks", defaultValue = "500", description = "RISE masks; RISE's cost grows linearly with it (default: ${DEFAULT-VALUE}).")
    int riseMasks;

    @Option(names = "--seconds", defaultValue = "60", description = "Time budget of the whole measurement, shared by the batch sizes"
            + " and, in alternating rounds, by the forward pass and the methods; no call starts that would end after it, so the run ends"
            + " within it plus one first call per method (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--images", paramLabel = "DIR", description = "Time these images (a folder, searched recursively, or a file; cycled"
            + " when fewer than the batch) instead of random tensors, normalised as the model's inputs (the seeded default model: pixels"
            + " in [0, 1]).")
    Path images;

    @Option(names = "--output", description = "Also write the results as JSON here.")
    Path output;

    @Option(names = "--graph", description = "Also measure GCN training and the six graph explainers (molecules/s on 512 BBBP molecules,"
            + " batch 32; the options above are for images, graph bench has its own).")
    boolean graph;

    @Override
    public Integer call() {
        Checks.outputFile("--output", output);
        for (int b : batchSizes) {
            Checks.atLeast("--batch-sizes", b, 1);
        }
        Checks.atLeast("--rise-masks", riseMasks, 1);
        methods = Explainers.registry().canonical(methods);
        Checks.unusedSettings(spec, methods, io.xai4j.core.explain.MethodOptions.Setting.EXPLAINER_FILE);
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("--seconds must be > 0, got " + seconds);
        }
        torchscript.checkAgainst(spec, model, true);
        try (NDManager root = NDManager.newBaseManager()) {
            ImageClassifier net;
            Normalization norm = Normalization.identity(3);
            if (model != null) {
                ModelFiles.Loaded loaded = ModelFiles.load(model, root);
                net = loaded.model();
                norm = loaded.normalization();
            } else if (torchscript.given()) {
                TorchScriptOptions.Loaded loaded = torchscript.load(null);
                net = loaded.model();
                norm = loaded.normalization();
            } else {
                SmallResNetConfig arch = SmallResNetConfig.forImageSize(64, 3, 6);
                net = SmallResNet.create(root.newSubManager(), arch, List.of("0", "1", "2", "3", "4", "5"), 64, 0);
            }
            List<String> supported = MethodNames.supported(methods, net, model != null ? model : torchscript.file,
                    io.xai4j.core.explain.MethodOptions.defaults().withExplainerFile(explainer.setting()));
            int[] shape = net.inputShape();
            List<float[]> real = images == null ? null : readImages(ImageFiles.expand(List.of(images)), shape);
            Console.info("threads: PyTorch intra-op %d, inter-op %d (%d processors); model input %dx%dx%d; %s", JniUtils.getNumThreads(),
                    JniUtils.getNumInteropThreads(), Runtime.getRuntime().availableProcessors(), shape[0], shape[1], shape[2],
                    real == null ? "random inputs" : Console.count(real.size(), "image") + " from " + images);
            Console.info("%-8s %6s %12s %14s", "method", "batch", "images/s", "x forward");
            List<Map<String, Object>> rows = new ArrayList<>();
            long deadline = System.nanoTime() + (long) (seconds * 1e9);
            for (int k = 0; k < batchSizes.length; k++) {
                int batch = batchSizes[k];
                NDArray x = real == null ? randomImages(root, batch, shape) : cycled(root, real, batch, shape, norm);
                List<Runnable> calls = new ArrayList<>();
                calls.add(scoped(() -> net.logits(x).close()));
                for (String m : supported) {
                    Explainer e = Explainers.create(m, net, io.xai4j.core.explain.MethodOptions.defaults().withPerturbations(riseMasks)
                            .withExplainerFile(explainer.setting()));
                    calls.add(scoped(() -> e.explain(x, Targets.top1())));
                }
                double budget = Math.max(0, deadline - System.nanoTime()) / 1e9 / (batchSizes.length - k);
                List<InterleavedTimer.Timing> t = new InterleavedTimer(System::nanoTime).time(calls, budget);
                double forward = t.get(0).secondsPerCall();
                for (int i = 0; i < t.size(); i++) {
                    String name = i == 0 ? "forward" : supported.get(i - 1);
                    InterleavedTimer.Timing ti = t.get(i);
                    double rate = batch / ti.secondsPerCall();
                    double cost = ti.secondsPerCall() / forward; // the printed forward row is the one every ratio divides by
                    if (ti.measured()) {
                        Console.info("%-8s %6d %12.1f %14.2f", name, batch, rate, cost);
                    } else {
                        Console.info("%-8s %6d %12s %14s  not measured: %s; raise --seconds", name, batch, "-", "-",
                                Double.isNaN(ti.firstCallSeconds()) ? "--seconds spent before its first call"
                                        : String.format(java.util.Locale.ROOT, "--seconds spent after its first call (%.2f s)", ti.firstCallSeconds()));
                    }
                    rows.add(row(name, batch, ti, rate, cost));
                }
                x.close();
            }
            Object graphResult = null;
            if (graph) {
                var g = io.xai4j.cli.graph.GraphDemo.bench();
                Console.info("graph: GCN training %.1f molecules/s (batch %d)", g.trainMoleculesPerSecond(), g.batchSize());
                g.explainMoleculesPerSecond().forEach((m, v) -> Console.info("graph: %-14s %.1f molecules/s", m, v));
                graphResult = g;
            }
            if (output != null) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("riseMasks", riseMasks);
                json.put("intraOpThreads", JniUtils.getNumThreads());
                json.put("interOpThreads", JniUtils.getNumInteropThreads());
                json.put("seconds", seconds);
                json.put("images", images == null ? null : images.toString());
                json.put("rows", rows);
                json.put("graph", graphResult);
                Json.writeFile(output, json);
            }
        }
        return 0;
    }

    /** A JSON row; images/s and the cost in forward passes are null for a call the budget did not time. */
    private static Map<String, Object> row(String method, int batch, InterleavedTimer.Timing t, double imagesPerSecond, double cost) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("method", method);
        r.put("batch", batch);
        r.put("imagesPerSecond", t.measured() ? imagesPerSecond : null);
        r.put("costInForwardPasses", t.measured() && Double.isFinite(cost) ? cost : null);
        r.put("timedCalls", t.timedCalls());
        return r;
    }

    /** The call in its own {@link NDScope}, so that what it allocates is freed after each call. */
    private static Runnable scoped(Runnable call) {
        return () -> {
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                call.run();
            }
        };
    }

    /** The first files, as many as the largest batch needs, at the model's input size (stretched, as {@code explain}'s default). */
    private List<float[]> readImages(List<Path> files, int[] shape) {
        int n = Math.min(files.size(), java.util.Arrays.stream(batchSizes).max().orElse(1));
        List<float[]> out = new ArrayList<>(n);
        for (Path f : files.subList(0, n)) {
            out.add(ImageFolderDataset.readImage(f, shape[0], shape[1], shape[2]));
        }
        return out;
    }

    /** Images 0, 1, ... of {@code pixels}, starting over when there are fewer than {@code batch}. */
    static NDArray cycled(NDManager m, List<float[]> pixels, int batch, int[] shape, Normalization norm) {
        List<float[]> b = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            b.add(pixels.get(i % pixels.size()));
        }
        return norm.batch(m, shape, b);
    }

    private static NDArray randomImages(NDManager m, int batch, int[] shape) {
        SplittableRandom rng = new SplittableRandom(batch);
        float[] v = new float[batch * shape[0] * shape[1] * shape[2]];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return m.create(v, new Shape(batch, shape[0], shape[1], shape[2]));
    }
}

package io.xai4j.cli;

import io.xai4j.core.explain.Targets;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import io.xai4j.core.explain.Explainer;
import io.xai4j.core.io.Json;
import io.xai4j.vision.explain.Explainers;
import io.xai4j.vision.model.ImageClassifier;
import io.xai4j.vision.model.ModelFile;
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

/** Throughput of a forward pass and of each explainer at batch 1 and 32, and each explainer's cost in forward passes. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Images/s of a forward pass and of each explainer at batch 1 and 32 on the same model.")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--model", description = "An xai4j model file; default: the demo CNN architecture (64 px, 6 classes), seeded weights.")
    Path model;

    @picocli.CommandLine.Mixin
    TorchScriptOptions torchscript;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--batch-sizes", split = ",", defaultValue = "1,32", description = "Batch sizes (default: ${DEFAULT-VALUE}).")
    int[] batchSizes;

    @Option(names = {"--methods", "--method"}, split = ",", defaultValue = "${sys:xai4j.image.default-methods}",
            description = "Methods: ${sys:xai4j.image.methods} (default: ${DEFAULT-VALUE}).")
    List<String> methods;

    @Option(names = "--rise-masks", defaultValue = "500", description = "RISE masks; RISE's cost grows linearly with it (default: ${DEFAULT-VALUE}).")
    int riseMasks;

    @Option(names = "--seconds", defaultValue = "5", description = "Measuring time per method and batch size, split over 5 alternating rounds (default: ${DEFAULT-VALUE}).")
    double seconds;

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
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("--seconds must be > 0, got " + seconds);
        }
        torchscript.checkAgainst(spec, model, true);
        try (NDManager root = NDManager.newBaseManager()) {
            ImageClassifier net;
            if (model != null) {
                net = ModelFile.load(model, root).model();
            } else if (torchscript.given()) {
                net = torchscript.load(null).model();
            } else {
                SmallResNetConfig arch = SmallResNetConfig.forImageSize(64, 3, 6);
                net = SmallResNet.create(root.newSubManager(), arch, List.of("0", "1", "2", "3", "4", "5"), 64, 0);
            }
            List<String> supported = MethodNames.supported(methods, net, model != null ? model : torchscript.file);
            int[] shape = net.inputShape();
            Console.info("threads: %s; model input %dx%dx%d", Runtime.getRuntime().availableProcessors(), shape[0], shape[1], shape[2]);
            Console.info("%-8s %6s %12s %14s", "method", "batch", "images/s", "x forward");
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int batch : batchSizes) {
                NDArray x = randomImages(root, batch, shape);
                Runnable forward = () -> net.logits(x).close();
                Console.info("%-8s %6d %12.1f %14s", "forward", batch, rate(forward, batch), "1.00");
                for (String m : supported) {
                    Explainer e = Explainers.create(m, net, riseMasks, 0);
                    double[] r = interleaved(forward, () -> e.explain(x, Targets.top1()), batch);
                    Console.info("%-8s %6d %12.1f %14.2f", m, batch, r[1], r[2]);
                    rows.add(row(m, batch, r[1], r[2]));
                    rows.add(row("forward", batch, r[0], 1.0));
                }
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
                json.put("rows", rows);
                json.put("graph", graphResult);
                Json.writeFile(output, json);
            }
        }
        return 0;
    }

    private static Map<String, Object> row(String method, int batch, double imagesPerSecond, double costInForwards) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("method", method);
        r.put("batch", batch);
        r.put("imagesPerSecond", imagesPerSecond);
        r.put("costInForwardPasses", costInForwards);
        return r;
    }

    /** Images per second of one call, after warm-up, over at least {@code seconds}. */
    private double rate(Runnable call, int batch) {
        for (int i = 0; i < 3; i++) {
            runScoped(call);
        }
        return batch / secondsPerCall(call, seconds);
    }

    /**
     * Forward pass and method measured in alternating slices ({@value #ROUNDS} rounds), so that both
     * see the same machine conditions; returns the medians of [forward images/s, method images/s,
     * method time / forward time].
     */
    private double[] interleaved(Runnable forward, Runnable method, int batch) {
        for (int i = 0; i < 2; i++) {
            runScoped(forward);
            runScoped(method);
        }
        double[] f = new double[ROUNDS], m = new double[ROUNDS], ratio = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            double tf = secondsPerCall(forward, seconds / ROUNDS);
            double tm = secondsPerCall(method, seconds / ROUNDS);
            f[r] = batch / tf;
            m[r] = batch / tm;
            ratio[r] = tm / tf;
        }
        return new double[] {median(f), median(m), median(ratio)};
    }

    private static final int ROUNDS = 5;

    private static double secondsPerCall(Runnable call, double budget) {
        long start = System.nanoTime();
        int calls = 0;
        while (calls < 2 || System.nanoTime() - start < budget * 1e9) {
            runScoped(call);
            calls++;
        }
        return (System.nanoTime() - start) / 1e9 / calls;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s[s.length / 2];
    }

    private static void runScoped(Runnable call) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            call.run();
        }
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

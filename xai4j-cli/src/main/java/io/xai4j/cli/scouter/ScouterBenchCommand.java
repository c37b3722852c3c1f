package io.xai4j.cli.scouter;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import com.fasterxml.jackson.databind.JsonNode;
import io.xai4j.cli.Checks;
import io.xai4j.cli.Console;
import io.xai4j.cli.ImageBatches;
import io.xai4j.core.io.Json;
import io.xai4j.core.runtime.Autograd;
import io.xai4j.core.runtime.Tensors;
import io.xai4j.vision.model.CnnClassifier;
import io.xai4j.vision.model.ModelFile;
import io.xai4j.vision.model.Parameter;
import io.xai4j.vision.scouter.Scouter;
import io.xai4j.vision.scouter.ScouterExplainer;
import io.xai4j.vision.scouter.ScouterTrainer;
import io.xai4j.vision.scouter.SlotAttention;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Times SCOUTER next to its FC baseline on one batch of test images, in interleaved rounds (median per batch): inference
 * (the baseline's forward pass; SCOUTER's prediction and every class's explanation in one pass) and a training step's
 * forward and backward pass (the optimizer update excluded; BatchNorm in training mode).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Training and inference images/s of SCOUTER next to the FC baseline.")
final class ScouterBenchCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "A SCOUTER model file.")
    Path model;

    @Option(names = "--baseline", description = "The FC baseline (default: the one the model records, if its file exists).")
    Path baseline;

    @Option(names = "--batch-size", defaultValue = "32", description = "(default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--rounds", defaultValue = "10", description = "Timed rounds after one warm-up round (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--output-dir", defaultValue = "out/scouter-bench", description = "(default: ${DEFAULT-VALUE})")
    Path outputDir;

    @Override
    public Integer call() {
        Checks.atLeast("--batch-size", batchSize, 1);
        Checks.atLeast("--rounds", rounds, 1);
        Checks.outputFolder("--output-dir", outputDir);
        try (NDManager root = NDManager.newBaseManager()) {
            ScouterData d = ScouterData.load(model, root);
            try {
                Scouter s = d.model();
                int n = Math.min(batchSize, d.test.size());
                int[] idx = new int[n];
                for (int i = 0; i < n; i++) {
                    idx[i] = i;
                }
                int[] labels = Arrays.stream(idx).map(d.test::label).toArray();
                List<Runnable> tasks = new ArrayList<>();
                List<String> names = new ArrayList<>();
                NDArray xs = d.batches.batch(root, idx);
                ScouterExplainer explainer = new ScouterExplainer(s);
                names.add("scouter inference (prediction + explanation)");
                tasks.add(() -> explainer.evidence(xs));
                names.add("scouter training step (forward + backward)");
                tasks.add(() -> scouterStep(s, xs, labels));
                CnnClassifier fc = null;
                Path fcFile = baseline;
                JsonNode recorded = d.loaded.header().extra() == null ? null : d.loaded.header().extra().get("baseline");
                if (fcFile == null && recorded != null && Files.exists(Path.of(recorded.asText()))) {
                    fcFile = Path.of(recorded.asText());
                }
                if (fcFile != null) {
                    ModelFile.Loaded b = ModelFile.load(fcFile, root);
                    fc = b.model();
                    NDArray xb = new ImageBatches(d.test, b.header().normalization()).batch(root, idx);
                    CnnClassifier net = fc;
                    names.add("fc inference (forward)");
                    tasks.add(() -> {
                        try (NDScope scope = new NDScope()) {
                            scope.suppressNotUsedWarning();
                            net.logits(xb);
                        }
                    });
                    names.add("fc training step (forward + backward)");
                    tasks.add(() -> fcStep(net, xb, labels));
                }
                List<Parameter> trainable = new ArrayList<>(s.state().stream().filter(Parameter::trainable).toList());
                if (fc != null) {
                    trainable.addAll(fc.parameters().stream().filter(Parameter::trainable).toList());
                }
                trainable.forEach(p -> p.array().setRequiresGradient(true));
                double[][] seconds = new double[tasks.size()][rounds];
                try {
                    for (Runnable t : tasks) {
                        t.run(); // warm-up
                    }
                    for (int r = 0; r < rounds; r++) {
                        for (int t = 0; t < tasks.size(); t++) {
                            long t0 = System.nanoTime();
                            tasks.get(t).run();
                            seconds[t][r] = (System.nanoTime() - t0) / 1e9;
                        }
                    }
                } finally {
                    trainable.forEach(p -> p.array().setRequiresGradient(false));
                }
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("batchSize", n);
                json.put("rounds", rounds);
                Map<String, Double> perSecond = new LinkedHashMap<>();
                for (int t = 0; t < tasks.size(); t++) {
                    double median = median(seconds[t]);
                    perSecond.put(names.get(t), n / median);
                    Console.info("%-46s %8.1f images/s (median %.4f s per batch of %d)", names.get(t), n / median, median, n);
                }
                json.put("imagesPerSecond", perSecond);
                if (fc != null) {
                    double ratio = median(seconds[0]) / median(seconds[2]);
                    json.put("inferenceTimeRatio", ratio);
                    Console.info("SCOUTER inference (prediction and explanation) takes %.2fx the FC baseline's forward pass", ratio);
                    fc.close();
                }
                Json.writeFile(outputDir.resolve("bench.json"), json);
                Console.info("wrote bench.json to %s", outputDir);
            } finally {
                d.close();
            }
        }
        return 0;
    }

    private static void scouterStep(Scouter s, NDArray x, int[] labels) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            Autograd.run(c -> {
                SlotAttention.Output o = s.forwardTraining(x);
                c.backward(ScouterTrainer.loss(o.logits(), o.attention(), labels, 1, 2).total());
                return null;
            });
        }
    }

    private static void fcStep(CnnClassifier net, NDArray x, int[] labels) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            Autograd.run(c -> {
                NDArray logits = net.forwardTraining(x);
                NDArray oneHot = Tensors.oneHot(x.getManager(), labels, net.numClasses());
                c.backward(logits.logSoftmax(1).mul(oneHot).sum().neg());
                return null;
            });
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}

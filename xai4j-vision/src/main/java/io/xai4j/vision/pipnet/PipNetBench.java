package io.xai4j.vision.pipnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import io.xai4j.core.runtime.Autograd;
import io.xai4j.core.runtime.Tensors;
import io.xai4j.vision.data.ImageDataset;
import io.xai4j.vision.model.CnnClassifier;
import io.xai4j.vision.model.Parameter;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Training throughput of PIP-Net's phases next to the black-box CNN with the same backbone (GAP +
 * linear head), on the same machine and data: images per second of full training steps (augmentation,
 * forward, backward, optimizer update; PIP-Net steps run two views per image).
 */
public final class PipNetBench {

    private PipNetBench() {}

    /**
     * Images per second.
     *
     * @param pretrain phase 1 (L_A + L_T, net optimizer) at batch B_pre
     * @param classifierOnly phase 2, first epochs (2·L_C, classifier only) at batch B
     * @param joint phase 2, later epochs (all losses, both optimizers) at batch B
     * @param blackBox the black-box CNN (one augmented view, cross-entropy, Adam) at batch B
     */
    public record Throughput(double pretrain, double classifierOnly, double joint, double blackBox, int batchSize, int pretrainBatchSize,
            int threads) {}

    /**
     * Measures {@code steps} steps of each kind after one warm-up step; seeded. Each kind trains the
     * parameters the trainer trains in that phase: phase 1 add-on, mid and last (early too for a randomly
     * initialised backbone), the joint step everything (phase-2 epochs after the freeze epochs). The
     * black-box column is measured for the smallcnn only (NaN for a TorchScript backbone).
     */
    public static Throughput measure(ImageDataset data, PipNetTrainingConfig config, PipNetFile.Header header, int steps, long seed) {
        return measure(data, config, header, null, steps, seed);
    }

    /** As above around an already built {@code backbone} ({@link PipNetFile#create(NDManager, PipNetFile.Header, PipNetBackbone, long)}). */
    public static Throughput measure(ImageDataset data, PipNetTrainingConfig config, PipNetFile.Header header, PipNetBackbone backbone, int steps,
            long seed) {
        try (NDManager root = NDManager.newBaseManager()) {
            PipNet model = PipNetFile.create(root, header, backbone, seed);
            PipNetTrainer trainer = new PipNetTrainer(config, header.backbone(), null, false);
            List<Parameter> net = trainer.netParameters(model);
            GroupAdam netOpt = new GroupAdam(model.manager(), net);
            GroupAdam clsOpt = new GroupAdam(model.manager(), model.classifierParameters());
            double[] netLr = trainer.baseRates(model, net);
            boolean[] phase1 = trainer.netActive(model, net, false, 1);
            boolean[] all = trainer.netActive(model, net, true, config.freezeEpochs() + 1);
            double[] clsLr = {config.lr()};
            boolean[] clsAll = {true};
            SplittableRandom rng = new SplittableRandom(seed);
            double pretrain = time(steps, config.pretrainBatchSize(), () -> {
                setGrad(net, phase1);
                setGrad(model.classifierParameters(), false);
                int[] idx = sample(rng, data.size(), config.pretrainBatchSize());
                NDArray x = trainer.twoViewBatch(model, data, idx, rng);
                PipNetTrainer.step(model, x, data.labels(idx), 1, 5, 0);
                netOpt.step(netLr, phase1);
            });
            double classifierOnly = time(steps, config.batchSize(), () -> {
                setGrad(net, false);
                setGrad(model.classifierParameters(), true);
                int[] idx = sample(rng, data.size(), config.batchSize());
                NDArray x = trainer.twoViewBatch(model, data, idx, rng);
                PipNetTrainer.step(model, x, data.labels(idx), 0, 0, 2);
                clsOpt.step(clsLr, clsAll);
                model.shrinkClassifier();
            });
            double joint = time(steps, config.batchSize(), () -> {
                setGrad(net, all);
                setGrad(model.classifierParameters(), true);
                int[] idx = sample(rng, data.size(), config.batchSize());
                NDArray x = trainer.twoViewBatch(model, data, idx, rng);
                PipNetTrainer.step(model, x, data.labels(idx), 5, 2, 2);
                netOpt.step(netLr, all);
                clsOpt.step(clsLr, clsAll);
                model.shrinkClassifier();
            });
            setGrad(net, false);
            setGrad(model.classifierParameters(), false);
            double blackBox = header.backbone().kind().equals("smallcnn")
                    ? blackBox(root, data, config, model, header.backbone().channels(), steps, seed, rng) : Double.NaN;
            model.close();
            return new Throughput(pretrain, classifierOnly, joint, blackBox, config.batchSize(), config.pretrainBatchSize(),
                    Runtime.getRuntime().availableProcessors());
        }
    }

    /** The black-box CNN: the same smallcnn + GAP + linear, one augmented view, cross-entropy, Adam. */
    private static double blackBox(NDManager root, ImageDataset data, PipNetTrainingConfig config, PipNet model, int channels, int steps,
            long seed, SplittableRandom rng) {
        int s = config.augmentation().imageSize();
        CnnClassifier cnn = SmallCnn.blackBox(root.newSubManager(), channels, data.classNames(), s, seed);
        List<Parameter> cnnParams = cnn.parameters().stream().filter(Parameter::trainable).toList();
        GroupAdam cnnOpt = new GroupAdam(cnn.manager(), cnnParams);
        double[] cnnLr = new double[cnnParams.size()];
        Arrays.fill(cnnLr, 2e-3);
        boolean[] cnnAll = new boolean[cnnParams.size()];
        Arrays.fill(cnnAll, true);
        setGrad(cnnParams, true);
        double blackBox = time(steps, config.batchSize(), () -> {
            int[] idx = sample(rng, data.size(), config.batchSize());
            NDArray x = oneViewBatch(config, model, data, idx, rng);
            int[] labels = data.labels(idx);
            Autograd.run(gc -> {
                NDArray logits = cnn.forwardTraining(x);
                NDArray sum = logits.logSoftmax(1).mul(Tensors.oneHot(x.getManager(), labels, data.numClasses())).sum().neg();
                NDArray loss = sum.div(Tensors.constant(sum, labels.length));
                gc.backward(loss);
                return null;
            });
            cnnOpt.step(cnnLr, cnnAll);
        });
        setGrad(cnnParams, false);
        cnn.close();
        return blackBox;
    }

    /** One view of the same transform per image, as the black box's augmentation. */
    private static NDArray oneViewBatch(PipNetTrainingConfig config, PipNet model, ImageDataset data, int[] idx, SplittableRandom rng) {
        int s = model.imageSize(), per = 3 * s * s;
        float[] flat = new float[idx.length * per];
        for (int i = 0; i < idx.length; i++) {
            model.normalization().applyInto(config.augmentation().view(data.pixels(idx[i]), data.height(), data.width(), rng), flat, i * per);
        }
        return model.manager().create(flat, new ai.djl.ndarray.types.Shape(idx.length, 3, s, s));
    }

    private static double time(int steps, int batch, Runnable step) {
        runScoped(step);
        long t0 = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            runScoped(step);
        }
        return (double) steps * batch / ((System.nanoTime() - t0) / 1e9);
    }

    private static void runScoped(Runnable r) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            r.run();
        }
    }

    private static void setGrad(List<Parameter> ps, boolean on) {
        for (Parameter p : ps) {
            p.array().setRequiresGradient(on);
        }
    }

    private static void setGrad(List<Parameter> ps, boolean[] on) {
        for (int i = 0; i < ps.size(); i++) {
            ps.get(i).array().setRequiresGradient(on[i]);
        }
    }

    private static int[] sample(SplittableRandom rng, int n, int k) {
        int[] idx = new int[k];
        for (int i = 0; i < k; i++) {
            idx[i] = rng.nextInt(n);
        }
        return idx;
    }
}

package io.xai4j.vision.scouter;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.xai4j.core.runtime.Tensors;
import io.xai4j.vision.model.Conv2d;
import io.xai4j.vision.model.Init;
import io.xai4j.vision.model.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * xSlot, SCOUTER's explainable slot-attention head (Li et al., "SCOUTER: Slot Attention-based Classifier for
 * Explainable Image Recognition", ICCV 2021, arXiv 2009.06138; docs/methods/scouter.md). From the backbone's grid
 * F [B,C,h,w]: F' = ReLU(conv1x1(F)), values V = F' (no position embedding), keys K = MLP(F' + PE); the slots
 * (M = K·spc, learnable, the queries themselves) attend for T iterations with
 * A = σ(rowRescale(S·Kᵀ/√d)) and U = A·V / d, the GRU updating the slots between iterations; the logit of class c
 * is e·Σ over its slots and the d channels of U. Deviations from the official code (each its decision in the
 * docs): no unused Q layer, no GRU after the last iteration, an ε guard in the row rescale, |σ| in the slot
 * initialisation, any grid size.
 */
public final class SlotAttention {

    /** Row sums of the attention logits smaller than this in magnitude are replaced by ±this. */
    static final double RESCALE_EPS = 1e-8;

    private final SlotConfig config;
    private final Conv2d project;
    private final List<NDArray[]> keyLayers;
    private final NDArray slots;
    private final SlotGru gru;
    private final List<Parameter> parameters;

    private SlotAttention(SlotConfig config, Conv2d project, List<NDArray[]> keyLayers, NDArray slots, SlotGru gru) {
        this.config = config;
        this.project = project;
        this.keyLayers = keyLayers;
        this.slots = slots;
        this.gru = gru;
        List<Parameter> p = new ArrayList<>();
        for (Parameter q : project.parameters()) {
            p.add(new Parameter(q.name(), q.array(), true, true));
        }
        for (int l = 0; l < keyLayers.size(); l++) {
            p.add(new Parameter("slot.key." + l + ".weight", keyLayers.get(l)[0], true, true));
            p.add(new Parameter("slot.key." + l + ".bias", keyLayers.get(l)[1], true, true));
        }
        p.add(new Parameter("slot.slots", slots, true, true));
        p.addAll(gru.parameters());
        this.parameters = List.copyOf(p);
    }

    /**
     * A freshly initialised head: conv and linear layers with PyTorch's default uniform ±1/√fan_in, the GRU uniform
     * ±1/√d, and the slots drawn once as μ + |σ|·ε with μ, σ ~ N(0,1)^d shared by all slots and ε ~ N(0,1)^(M×d).
     */
    public static SlotAttention create(NDManager manager, SlotConfig config, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int c = config.channels(), d = config.dim();
        double convBound = 1 / Math.sqrt(c);
        Conv2d project = new Conv2d("slot.project",
                manager.create(Init.uniform(rng, d * c, convBound), new Shape(d, c, 1, 1)),
                manager.create(Init.uniform(rng, d, convBound), new Shape(d)), 1, 0, 1, 1);
        List<NDArray[]> key = new ArrayList<>();
        double bound = 1 / Math.sqrt(d);
        for (int l = 0; l < config.keyLayers(); l++) {
            key.add(new NDArray[] {
                manager.create(Init.uniform(rng, d * d, bound), new Shape(d, d)), manager.create(Init.uniform(rng, d, bound), new Shape(d))});
        }
        float[] mu = Init.normal(rng, d, 1), sigma = Init.normal(rng, d, 1);
        int m = config.slots();
        float[] s = new float[m * d];
        for (int i = 0; i < m; i++) {
            for (int k = 0; k < d; k++) {
                s[i * d + k] = (float) (mu[k] + Math.abs(sigma[k]) * Init.gaussian(rng));
            }
        }
        NDArray slots = manager.create(s, new Shape(m, d));
        SlotGru gru = SlotGru.create(manager, "slot.gru", d, rng);
        return new SlotAttention(config, project, key, slots, gru);
    }

    /**
     * What the head computes for a batch.
     *
     * @param logits o [B,K]
     * @param attention A of the last iteration [B,M,N], N = h·w in row-major grid order
     * @param height h of the grid
     * @param width w of the grid
     */
    public record Output(NDArray logits, NDArray attention, int height, int width) {}

    /** The head on backbone features [B,C,h,w]; gradients flow when called inside {@link io.xai4j.core.runtime.Autograd#run}. */
    public Output forward(NDArray features) {
        Shape fs = features.getShape();
        if (fs.dimension() != 4 || fs.get(1) != config.channels()) {
            throw new IllegalArgumentException("SCOUTER's head expects features [B," + config.channels() + ",h,w], got " + fs);
        }
        long b = fs.get(0);
        int h = (int) fs.get(2), w = (int) fs.get(3), n = h * w, d = config.dim(), m = config.slots();
        NDManager manager = features.getManager();
        NDArray projected = Tensors.relu(project.forward(features, false));
        NDArray values = projected.reshape(b, d, n).transpose(0, 2, 1);
        NDArray pe = manager.create(PositionEmbedding.flat(h, w, d), new Shape(1, d, h, w));
        NDArray keys = projected.add(pe).reshape(b, d, n).transpose(0, 2, 1);
        for (int l = 0; l < keyLayers.size(); l++) {
            if (l > 0) {
                keys = Tensors.relu(keys);
            }
            keys = ai.djl.nn.core.Linear.linear(keys, keyLayers.get(l)[0], keyLayers.get(l)[1]).singletonOrThrow();
        }
        NDArray keysT = keys.transpose(0, 2, 1);
        NDArray scale = Tensors.constant(features, 1 / Math.sqrt(d));
        NDArray perDim = Tensors.constant(features, 1.0 / d);
        NDArray state = slots.expandDims(0).broadcast(new Shape(b, m, d));
        NDArray attention = null, updates = null;
        for (int t = 1; t <= config.iterations(); t++) {
            NDArray dots = rowRescale(state.matMul(keysT).mul(scale));
            attention = Activation.sigmoid(dots);
            updates = attention.matMul(values).mul(perDim);
            if (t < config.iterations()) {
                state = gru.forward(updates.reshape(b * m, d), state.reshape(b * m, d)).reshape(b, m, d);
            }
        }
        NDArray perClass = updates.reshape(b, config.numClasses(), config.slotsPerClass(), d).sum(new int[] {2, 3});
        NDArray logits = config.sign() > 0 ? perClass : perClass.neg();
        return new Output(logits, attention, h, w);
    }

    /**
     * The official code's rescale of each slot's attention logits by the signed total over its image:
     * dots[i,j] / r_i · Σ_ij dots, r_i = Σ_j dots[i,j], with |r_i| &lt; 10⁻⁸ replaced by ±10⁻⁸ (sign of 0 is +).
     */
    static NDArray rowRescale(NDArray dots) {
        NDArray rows = dots.sum(new int[] {2}, true);
        NDArray total = dots.sum(new int[] {1, 2}, true);
        NDArray guard;
        try (NDArray nonNegative = rows.gte(0f); NDArray signs = nonNegative.toType(rows.getDataType(), false)) {
            guard = signs.mul(2f).sub(1f).mul((float) RESCALE_EPS);
        }
        NDArray den;
        try (NDArray large = rows.abs().gte((float) RESCALE_EPS)) {
            den = NDArrays.where(large, rows, guard);
        }
        return dots.div(den).mul(total);
    }

    /** The area loss term: the mean of A over the batch, the slots and the grid cells. */
    static NDArray area(NDArray attention) {
        return attention.mean();
    }

    public SlotConfig config() {
        return config;
    }

    /** Every parameter of the head (all trained, all decayed: PyTorch's AdamW decays every parameter it is given). */
    public List<Parameter> parameters() {
        return parameters;
    }
}

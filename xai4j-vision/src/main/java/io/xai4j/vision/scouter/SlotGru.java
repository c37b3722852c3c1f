package io.xai4j.vision.scouter;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.xai4j.vision.model.Init;
import io.xai4j.vision.model.Parameter;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The GRU cell that updates SCOUTER's slots, written out in PyTorch's {@code nn.GRUCell} gate order and equations
 * (docs/methods/scouter.md#gru): W_ih, W_hh are 3d×d and b_ih, b_hh 3d, row blocks r, z, n;
 * r = σ(gi_r + gh_r), z = σ(gi_z + gh_z), n = tanh(gi_n + r ⊙ gh_n), h' = (1 − z) ⊙ n + z ⊙ h.
 */
final class SlotGru {

    private final int dim;
    private final NDArray weightIh;
    private final NDArray weightHh;
    private final NDArray biasIh;
    private final NDArray biasHh;
    private final String name;

    SlotGru(String name, int dim, NDArray weightIh, NDArray weightHh, NDArray biasIh, NDArray biasHh) {
        this.name = name;
        this.dim = dim;
        this.weightIh = weightIh;
        this.weightHh = weightHh;
        this.biasIh = biasIh;
        this.biasHh = biasHh;
    }

    /** PyTorch's initialisation: every weight and bias uniform in ±1/√d. */
    static SlotGru create(NDManager manager, String name, int dim, SplittableRandom rng) {
        double bound = 1 / Math.sqrt(dim);
        return new SlotGru(name, dim,
                manager.create(Init.uniform(rng, 3 * dim * dim, bound), new Shape(3L * dim, dim)),
                manager.create(Init.uniform(rng, 3 * dim * dim, bound), new Shape(3L * dim, dim)),
                manager.create(Init.uniform(rng, 3 * dim, bound), new Shape(3L * dim)),
                manager.create(Init.uniform(rng, 3 * dim, bound), new Shape(3L * dim)));
    }

    /** One update of the hidden states {@code hidden} [..., d] by the inputs {@code input} [..., d]. */
    NDArray forward(NDArray input, NDArray hidden) {
        NDArray gi = ai.djl.nn.core.Linear.linear(input, weightIh, biasIh).singletonOrThrow();
        NDArray gh = ai.djl.nn.core.Linear.linear(hidden, weightHh, biasHh).singletonOrThrow();
        int last = gi.getShape().dimension() - 1;
        NDList i = gi.split(new long[] {dim, 2L * dim}, last);
        NDList h = gh.split(new long[] {dim, 2L * dim}, last);
        NDArray r = Activation.sigmoid(i.get(0).add(h.get(0)));
        NDArray z = Activation.sigmoid(i.get(1).add(h.get(1)));
        NDArray n = i.get(2).add(r.mul(h.get(2))).tanh();
        return n.add(z.mul(hidden.sub(n)));
    }

    List<Parameter> parameters() {
        return List.of(
                new Parameter(name + ".weight_ih", weightIh, true, true),
                new Parameter(name + ".weight_hh", weightHh, true, true),
                new Parameter(name + ".bias_ih", biasIh, true, true),
                new Parameter(name + ".bias_hh", biasHh, true, true));
    }
}

package io.xai4j.graph.explain;

import com.google.auto.service.AutoService;
import io.xai4j.core.explain.Capabilities;
import io.xai4j.core.explain.MethodInfo;
import io.xai4j.core.explain.MethodOptions;
import io.xai4j.core.explain.Requirement;
import io.xai4j.graph.model.GraphModel;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import io.xai4j.graph.model.Activations;
import io.xai4j.graph.model.GraphBatch;

/**
 * <b>Compatibility, known-incorrect.</b> EB and c-EB as the official code of Pope et al., CVPR 2019
 * ({@code ppope/explain_graphs}, {@code methods.py}) computes them, with the deviations (a)–(e) of
 * docs/methods/graph-explainers.md#deviations-from-the-official-code reproduced on purpose (the optional
 * {@code pope2019} variant, docs/methods/graph-explainers.md#pope2019-compatibility-variants). Use
 * {@link ExcitationBackprop} for the correct method; this class exists so that the official EB/c-EB
 * fidelity values (docs/methods/graph-metrics.md#reference-values) can be compared with the same algorithm on other models.
 *
 * <p>For class c, with F⁰ = X, Gˡ = Â F^{l−1} (the input of dense layer l, K_l its output width):
 * <ol>
 *   <li>head: p[k] = e_k W⁺[k,c] / Σ_j e_j W⁺[j,c] (as the correct method);
 *   <li>GAP, (a): q[n,k] = F^L[n,k] / (10⁻⁵ + Σ_m F^L[m,k]) · p[k], then every feature column is
 *       renormalised on its own: P^L[n,k] = q[n,k] / (Σ_m q[m,k] + 10⁻⁵), so only the support of p survives;
 *   <li>dense layer l, (b): Q[n,k] = (1/K_l) Σ_j Pˡ[n,j] · Gˡ[n,k] · Wˡ⁺[k,j], a mean over outputs
 *       without Zhang's normaliser;
 *   <li>adjacency, (c): P^{l−1} = Gˡ ⊙ Q, an elementwise reweighting instead of a redistribution
 *       over neighbours;
 *   <li>read-out: M_c[n] = Σ_k P⁰[n,k].
 * </ol>
 * c-EB, (d): the same steps with every intermediate (GAP, dense, adjacency) divided by its global sum
 * over the graph instead of the per-column GAP renormalisation, then the other class's map is
 * subtracted, and (e) class 1 reuses the already-updated class-0 mask: mask₀ = ReLU(m₀ − m₁),
 * mask₁ = ReLU(m₁ − mask₀). Like the official code it is defined for two classes only.
 *
 * <p>Not reproduced: (g) the official 0/0 NaN maps; zero sums are guarded here (a zero denominator gives
 * zero), so a degenerate graph gets a zero map instead of NaN. Computed in float64, batched, in both
 * batch layouts.
 */
public final class Pope2019ExcitationBackprop extends GraphExplainer {

    private static final double EPSILON = 1e-5;

    private final boolean contrastive;

    private Pope2019ExcitationBackprop(Builder b) {
        super(b);
        this.contrastive = b.contrastive;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder: {@code setModel} required; {@code optContrastive} the official c-EB instead of the official EB. */
    public static final class Builder extends GraphExplainer.Builder<Builder, Pope2019ExcitationBackprop> {
        private boolean contrastive;

        public Builder optContrastive(boolean c) {
            this.contrastive = c;
            return this;
        }

        @Override
        public Pope2019ExcitationBackprop build() {
            return new Pope2019ExcitationBackprop(this);
        }
    }

    @Override
    public String name() {
        return contrastive ? "ceb-pope2019" : "eb-pope2019";
    }

    @Override
    public String method() {
        return contrastive ? "c-EB (pope2019)" : "EB (pope2019)";
    }

    @Override
    protected BatchMaps explainBatch(GraphBatch batch) {
        int classes = model.numClasses();
        if (contrastive && classes != 2) {
            throw new IllegalArgumentException("the official c-EB (pope2019) is defined for two classes, the model has " + classes);
        }
        int layers = model.numLayers();
        Activations a = model.forward(batch);
        NDArray adj = ExcitationBackprop.f64(batch.adjacency());
        NDArray[] g = new NDArray[layers + 1];
        NDArray[] wPos = new NDArray[layers + 2];
        for (int l = 1; l <= layers; l++) {
            g[l] = adj.matMul(ExcitationBackprop.f64(a.layer(l - 1)));
            wPos[l] = ExcitationBackprop.f64(model.weight(l)).maximum(0f);
        }
        wPos[layers + 1] = ExcitationBackprop.f64(model.weight(layers + 1)).maximum(0f);
        NDArray fTop = ExcitationBackprop.f64(a.layer(layers));
        NDArray pooled = ExcitationBackprop.f64(a.pooled());
        NDArray[] maps = new NDArray[classes];
        for (int c = 0; c < classes; c++) {
            try (NDScope scope = new NDScope()) {
                NDArray p = ExcitationBackprop.topUnit(pooled, wPos[layers + 1].get(":, " + c))[0];
                NDArray colSum = batch.sumNodes(fTop);
                NDArray q = fTop.div(batch.toNodes(colSum.add(EPSILON))).mul(batch.toNodes(p));
                NDArray pl = contrastive ? globalNormalise(q, batch) : q.div(batch.toNodes(batch.sumNodes(q).add(EPSILON)));
                for (int l = layers; l >= 1; l--) {
                    int width = (int) wPos[l].getShape().get(1);
                    NDArray dense = g[l].mul(pl.matMul(wPos[l].transpose())).div(width);
                    if (contrastive) {
                        dense = globalNormalise(dense, batch);
                    }
                    pl = g[l].mul(dense);
                    if (contrastive) {
                        pl = globalNormalise(pl, batch);
                    }
                }
                maps[c] = batch.maskNodes(GraphBatch.sumChannels(pl));
                NDScope.unregister(maps[c]);
            }
        }
        if (contrastive) {
            NDArray mask0 = maps[0].sub(maps[1]).maximum(0f);
            NDArray mask1 = maps[1].sub(mask0).maximum(0f);
            maps = new NDArray[] {mask0, mask1};
        }
        float[][][] out = allocate(batch, classes);
        for (int c = 0; c < classes; c++) {
            store(out, c, maps[c], batch);
        }
        return BatchMaps.of(out);
    }

    /** x / Σ over the graph's nodes and channels of x, per graph; 0 where that sum is 0. */
    private static NDArray globalNormalise(NDArray x, GraphBatch batch) {
        NDArray total = batch.sumNodes(x).sum(new int[] {1}, true);
        NDArray zero = total.eq(0f).toType(DataType.FLOAT64, false);
        return x.div(batch.toNodes(total.add(zero))).mul(batch.toNodes(zero.neg().add(1f)));
    }

    /** Registry entry for the official EB. */
    @AutoService(GraphMethod.class)
    public static final class Method implements GraphMethod {
        @Override
        public MethodInfo info() {
            return GraphMethod.describe("eb-pope2019").setTitle("EB (pope2019)").setReference("the official code of Pope et al., CVPR 2019 (known-incorrect; compatibility)")
                    .setFamily(MethodInfo.Family.PROPAGATION).setRank(70)
                    .optOnRequestOnly().build();
        }

        @Override
        public GraphExplainer create(GraphModel model, MethodOptions options) {
            return builder().setModel(model).optBatchSize(options.batchSize()).build();
        }
    }

    /** Registry entry for the official c-EB. */
    @AutoService(GraphMethod.class)
    public static final class ContrastiveMethod implements GraphMethod {
        @Override
        public MethodInfo info() {
            return GraphMethod.describe("ceb-pope2019").setTitle("c-EB (pope2019)").setReference("the official code of Pope et al., CVPR 2019 (known-incorrect; compatibility)")
                    .setFamily(MethodInfo.Family.PROPAGATION).setRank(71)
                    .optAliases("c-eb-pope2019").optOnRequestOnly().build();
        }

        @Override
        public GraphExplainer create(GraphModel model, MethodOptions options) {
            return builder().setModel(model).optBatchSize(options.batchSize()).optContrastive(true).build();
        }
    }
}

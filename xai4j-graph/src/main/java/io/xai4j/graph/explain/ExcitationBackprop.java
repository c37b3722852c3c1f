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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Excitation backpropagation (EB) and contrastive EB (c-EB) for GCNs: Zhang et al., "Top-down Neural
 * Attention by Excitation Backprop", ECCV 2016 (arXiv 1608.00507), applied to graphs as in Pope et
 * al., CVPR 2019, in the corrected form of docs/methods/graph-explainers.md#eb.
 *
 * <p>Marginal winning probabilities P live on post-ReLU units. Top: p_e[k] = e_k W⁺[k,c] / Z. GAP:
 * P^L[n,k] = F^L[n,k] / Σ_m F^L[m,k] · p_e[k]. Each graph convolution is treated as the composite
 * linear map Â·H·Wˡ, whose connection weights Â[n,n′]·W[k′,k] are non-negative where W is, so Zhang's
 * rule reads Nrm = Â H Wˡ⁺, R = Pˡ ⊘ Nrm, P^{l−1} = H ⊙ (Âᵀ R Wˡ⁺ᵀ). For l = 1, H = X⁺ = max(X, 0)
 * because molecular features (formal charge) can be negative. The read-out is Σ_k P⁰[n,k] (or Pˡ
 * with {@code readoutLayer}). Zero normalisers contribute nothing; the mass lost there is reported in
 * the flag {@code droppedMass} (maximum over classes); a class with Z = 0 gives a zero map and counts
 * in the flag {@code degenerate}.
 *
 * <p>c-EB contrasts with the dual unit of weights −W[:,c]: D^L = P^L(p_e) − P^L(p̄_e) with
 * p̄_e[k] = e_k W⁻[k,c] / Z̄, propagated by the same (signal-linear) maps without clamping, and
 * L = max(0, Σ_k D⁰[n,k]). If Z̄ = 0, c-EB equals EB.
 *
 * <p><b>Deviations from the official code</b> ({@code ppope/explain_graphs}, docs/methods/graph-explainers.md#deviations-from-the-official-code), which are
 * deliberately not replicated: (a) its GAP step renormalises every feature separately, losing the
 * class weighting; (b) its dense step has no Zhang normaliser and averages over outputs; (c) its
 * adjacency step reweights elementwise instead of redistributing over neighbours; (d) its c-EB
 * subtracts the other class's EB map and renormalises globally at every step; (e) its class-1 c-EB
 * reuses the updated class-0 mask; (g) 0/0 yields NaN maps there, zero-guards here.
 */
public final class ExcitationBackprop extends GraphExplainer {

    private final boolean contrastive;
    private final int readoutLayer;

    private ExcitationBackprop(Builder b) {
        super(b);
        this.contrastive = b.contrastive;
        this.readoutLayer = b.readoutLayer;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected java.util.Map<String, Object> params() {
        return java.util.Map.of("batchSize", super.params().get("batchSize"), "readoutLayer", readoutLayer);
    }

    /**
     * Builder: {@code setModel} required; {@code optContrastive} c-EB (dual-unit contrast) instead of EB;
     * {@code optReadoutLayer} l in 0..L where the map Σ_k Pˡ[n,k] is read (default 0, the input features).
     */
    public static final class Builder extends GraphExplainer.Builder<Builder, ExcitationBackprop> {
        private boolean contrastive;
        private int readoutLayer;

        public Builder optContrastive(boolean c) {
            this.contrastive = c;
            return this;
        }

        public Builder optReadoutLayer(int l) {
            if (l < 0) {
                throw new IllegalArgumentException("readoutLayer must be >= 0, got " + l);
            }
            this.readoutLayer = l;
            return this;
        }

        @Override
        public ExcitationBackprop build() {
            return new ExcitationBackprop(this);
        }
    }

    @Override
    public String name() {
        return contrastive ? "ceb" : "eb";
    }

    @Override
    public String method() {
        String name = contrastive ? "c-EB" : "EB";
        return readoutLayer == 0 ? name : name + "(l=" + readoutLayer + ")";
    }

    @Override
    protected BatchMaps explainBatch(GraphBatch batch) {
        return propagate(model, batch, true);
    }

    /** The maps before the final ReLU of c-EB (identical to the result for EB). */
    BatchMaps signedMaps(GraphModel model, GraphBatch batch) {
        return propagate(model, batch, false);
    }

    private BatchMaps propagate(GraphModel model, GraphBatch batch, boolean clampContrast) {
        int layers = model.numLayers();
        if (readoutLayer > layers) {
            throw new IllegalArgumentException("readoutLayer " + readoutLayer + " exceeds the model's " + layers + " layers");
        }
        Activations a = model.forward(batch);
        // The propagation runs in float64: c-EB is a difference of nearly equal probabilities, and
        // float32 rounding would make a graph's map depend on the padding of its batch.
        NDArray adj = f64(batch.adjacency());
        NDArray adjT = batch.transposeAdjacency(adj);
        NDArray head = f64(model.weight(layers + 1));
        NDArray fTop = f64(a.layer(layers));
        NDArray pooled = f64(a.pooled());
        int b = batch.size();
        float[][][] out = allocate(batch, model.numClasses());
        float[] dropped = new float[b];
        float[] degenerate = new float[b];
        // H of every layer (X⁺ for l = 1) and W⁺, converted once for all classes.
        NDArray[] hs = new NDArray[layers + 1];
        NDArray[] wPos = new NDArray[layers + 1];
        for (int l = layers; l > readoutLayer; l--) {
            hs[l] = l == 1 ? batch.maskNodes(f64(a.layer(0)).maximum(0f)) : f64(a.layer(l - 1));
            wPos[l] = f64(model.weight(l)).maximum(0f);
        }
        for (int c = 0; c < model.numClasses(); c++) {
            // One scope per class and per layer: a graph with 10⁵ nodes has 400 MB float64 layers, and
            // keeping every temporary until the batch ends multiplied the peak memory by the step count.
            try (NDScope classScope = new NDScope()) {
                NDArray wc = head.get(":, " + c);
                NDArray[] top = topUnit(pooled, wc.maximum(0f));
                accumulate(degenerate, top[1].toType(DataType.FLOAT32, false).toFloatArray());
                NDArray p = gap(fTop, top[0], batch);
                if (contrastive) {
                    p = p.sub(gap(fTop, topUnit(pooled, wc.neg().maximum(0f))[0], batch));
                }
                NDArray lost = null;
                for (int l = layers; l > readoutLayer; l--) {
                    NDArray next;
                    NDArray nextLost;
                    try (NDScope layerScope = new NDScope()) {
                        NDArray nrm = adj.matMul(hs[l]).matMul(wPos[l]);
                        NDArray nonZero = nrm.gt(0f).toType(DataType.FLOAT64, false);
                        NDArray r = p.div(nrm.add(nonZero.neg().add(1f))).mul(nonZero);
                        NDArray lostHere = batch.sumNodes(p.mul(nonZero.neg().add(1f))).sum(new int[] {1});
                        nextLost = lost == null ? lostHere : lost.add(lostHere);
                        next = hs[l].mul(adjT.matMul(r).matMul(wPos[l].transpose()));
                        NDScope.unregister(next, nextLost);
                    }
                    NDScope.register(next);
                    NDScope.register(nextLost);
                    p.close();
                    if (lost != null) {
                        lost.close();
                    }
                    p = next;
                    lost = nextLost;
                }
                NDArray map = GraphBatch.sumChannels(p);
                if (contrastive && clampContrast) {
                    map = map.maximum(0f);
                }
                store(out, c, batch.maskNodes(map), batch);
                if (lost != null && !contrastive) {
                    float[] lv = lost.toType(DataType.FLOAT32, false).toFloatArray();
                    for (int i = 0; i < b; i++) {
                        dropped[i] = Math.max(dropped[i], lv[i]);
                    }
                }
            }
        }
        List<Map<String, Double>> flags = new ArrayList<>();
        for (int i = 0; i < b; i++) {
            Map<String, Double> f = new HashMap<>();
            f.put("degenerate", (double) degenerate[i]);
            if (!contrastive) {
                f.put("droppedMass", (double) dropped[i]);
            }
            flags.add(f);
        }
        return new BatchMaps(out, flags);
    }

    /** {p [B,K], zeroFlag [B]}: p[k] = e_k w[k] / Σ_j e_j w[j], all 0 where the sum is 0. */
    static NDArray[] topUnit(NDArray pooled, NDArray w) {
        NDArray s = pooled.mul(w);
        NDArray z = s.sum(new int[] {1}, true);
        NDArray zero = z.lte(0f).toType(DataType.FLOAT64, false);
        NDArray p = s.div(z.add(zero)).mul(zero.neg().add(1f));
        return new NDArray[] {p, zero.squeeze(1)};
    }

    /** P^L[n,k] = F[n,k] / Σ_m F[m,k] · p[k] over each graph's nodes, 0 where the column sum is 0. */
    static NDArray gap(NDArray f, NDArray p, GraphBatch batch) {
        NDArray s = batch.sumNodes(f);
        NDArray zero = s.lte(0f).toType(DataType.FLOAT64, false);
        return f.div(batch.toNodes(s.add(zero))).mul(batch.toNodes(p.mul(zero.neg().add(1f))));
    }

    static NDArray f64(NDArray a) {
        return a.toType(DataType.FLOAT64, true);
    }

    private static void accumulate(float[] into, float[] v) {
        for (int i = 0; i < into.length; i++) {
            into[i] += v[i];
        }
    }

    /** Registry entry for EB. */
    @AutoService(GraphMethod.class)
    public static final class Method implements GraphMethod {
        @Override
        public MethodInfo info() {
            return GraphMethod.describe("eb").setTitle("EB").setReference("Pope et al., CVPR 2019 (after Zhang et al., ECCV 2016)")
                    .setFamily(MethodInfo.Family.PROPAGATION).setRank(20)
                    .build();
        }

        @Override
        public GraphExplainer create(GraphModel model, MethodOptions options) {
            return builder().setModel(model).optBatchSize(options.batchSize()).build();
        }
    }

    /** Registry entry for c-EB. */
    @AutoService(GraphMethod.class)
    public static final class ContrastiveMethod implements GraphMethod {
        @Override
        public MethodInfo info() {
            return GraphMethod.describe("ceb").setTitle("c-EB").setReference("Pope et al., CVPR 2019 (after Zhang et al., ECCV 2016)")
                    .setFamily(MethodInfo.Family.PROPAGATION).setRank(21)
                    .optAliases("c-eb").build();
        }

        @Override
        public GraphExplainer create(GraphModel model, MethodOptions options) {
            return builder().setModel(model).optBatchSize(options.batchSize()).optContrastive(true).build();
        }
    }
}

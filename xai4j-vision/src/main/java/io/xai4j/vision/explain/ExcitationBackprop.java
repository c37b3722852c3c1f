package io.xai4j.vision.explain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import io.xai4j.core.explain.Attribution;
import com.google.auto.service.AutoService;
import io.xai4j.core.explain.Capabilities;
import io.xai4j.core.explain.MethodInfo;
import io.xai4j.core.explain.MethodOptions;
import io.xai4j.core.explain.Requirement;
import io.xai4j.core.explain.Explainer;
import io.xai4j.core.runtime.Tensors;
import io.xai4j.vision.model.GlobalAvgPool;
import io.xai4j.vision.model.ImageClassifier;
import io.xai4j.vision.model.Layer;
import io.xai4j.vision.model.Linear;
import io.xai4j.vision.model.Sequential;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Excitation Backprop and contrastive Excitation Backprop (Zhang et al., "Top-down Neural Attention by
 * Excitation Backprop", ECCV 2016, arXiv 1608.00507), docs/methods/excitation-backprop.md.
 *
 * <p>EB: P = one-hot(t) at the logits, propagated down with the marginal winning probability rules
 * (BatchNorm folded into the preceding convolution, proportional split at residual sums); map =
 * Σ_channels P at the read-out layer (default: one stage below the feature layer, as TorchRay reads
 * ResNet-50 at {@code layer3}). c-EB: the target signal and the dual unit's signal (classifier row t
 * replaced by −W[t]) are taken down to the contrast layer (the input of global average pooling), their
 * difference D (signed, no clamp) continues down, and map = max(0, Σ_channels D).
 *
 * <p>Deviation from TorchRay: BatchNorm is folded into the convolution weights by default (TorchRay passes the
 * signal through BatchNorm unchanged: {@link BatchNormMode#PASSTHROUGH}, docs/methods/excitation-backprop.md#deviations); for a BatchNorm
 * right after a convolution the two agree when its scales are positive, since a positive per-channel scale cancels
 * in the rule's ratio (a stand-alone BatchNorm drops mass at x ≤ 0 only when folding). Mass at
 * zero normalisers is dropped without an ε and reported in {@code meta.droppedMass}. Needs the typed layer
 * graph: opaque TorchScript models are refused.
 */
public final class ExcitationBackprop implements Explainer {

    /** How the signal crosses BatchNorm (docs/methods/excitation-backprop.md#deviations, {@code bnMode}). */
    public enum BatchNormMode {
        /** Fold γ/σ into the preceding convolution's weights before taking W⁺ (the default). */
        FOLD,
        /** Pass the signal through BatchNorm unchanged, as TorchRay does. */
        PASSTHROUGH
    }

    private final ImageClassifier model;
    private final Sequential net;
    private final int readout;
    private final boolean contrastive;
    private final String readoutLayer;
    private final BatchNormMode batchNorm;

    private ExcitationBackprop(Builder b) {
        this.model = b.model;
        this.net = model.structure()
                .orElseThrow(() -> new UnsupportedModelException(
                        "Excitation Backprop needs the layer structure of an xai4j CNN; for this model use gradcam, cgrad, rise (or cam with a linear head)"));
        List<String> layers = model.layers();
        this.readoutLayer = b.readoutLayer != null ? b.readoutLayer
                : layers.size() >= 2 ? layers.get(layers.size() - 2) : layers.get(0);
        if (!layers.contains(readoutLayer)) {
            throw new IllegalArgumentException("no layer '" + readoutLayer + "' to read Excitation Backprop out at; layers are " + layers);
        }
        this.readout = net.indexOf(readoutLayer);
        this.contrastive = b.contrastive;
        this.batchNorm = b.batchNorm;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return contrastive ? "ceb" : "eb";
    }

    @Override
    public int numClasses() {
        return model.numClasses();
    }

    @Override
    public Attribution explain(NDArray images, int[] targets) {
        Targets.checkImages(images);
        int h = (int) images.getShape().get(2), w = (int) images.getShape().get(3);
        int batch = (int) images.getShape().get(0);
        List<Layer> children = net.children();
        int last = children.size();
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            List<ExcitationRules.Trace> traces = ExcitationRules.trace(children, images);
            float[][] logits = Tensors.toArray2(traces.get(last - 1).output());
            int[] t = Targets.resolve(targets, logits);
            NDArray oneHot = Tensors.oneHot(images.getManager(), t, logits[0].length);
            ExcitationRules rules = new ExcitationRules(batch, batchNorm);
            NDArray signal;
            double[] dropped;
            if (!contrastive) {
                signal = rules.excite(children, readout + 1, last, traces.subList(readout + 1, last), oneHot);
                dropped = rules.dropped();
            } else {
                int k = contrastLayer(children);
                if (k <= readout) {
                    throw new IllegalArgumentException("the read-out layer must lie below the contrast layer");
                }
                ExcitationRules targetRules = new ExcitationRules(batch, batchNorm), dualRules = new ExcitationRules(batch, batchNorm);
                NDArray target = targetRules.excite(children, k, last, traces.subList(k, last), oneHot);
                List<Layer> dualChildren = new ArrayList<>(children);
                Linear classifier = (Linear) children.get(last - 1);
                dualChildren.set(last - 1, new Linear("dual", classifier.weight().neg(), classifier.bias()));
                NDArray dual = dualRules.excite(dualChildren, k, last, traces.subList(k, last), oneHot);
                signal = rules.excite(children, readout + 1, k, traces.subList(readout + 1, k), target.sub(dual));
                // D = P − P̄ starts with mass (1 − dropped_target) − (1 − dropped_dual), so below the contrast layer
                // Σ D + (dropped_target − dropped_dual + dropped_D) = 0
                double[] dt = targetRules.dropped(), dd = dualRules.dropped(), dD = rules.dropped();
                dropped = new double[batch];
                for (int b = 0; b < batch; b++) {
                    dropped[b] = dt[b] - dd[b] + dD[b];
                }
            }
            NDArray raw = signal.sum(new int[] {1});
            if (contrastive) {
                raw = raw.maximum(0f);
            }
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("readoutLayer", readoutLayer);
            meta.put("batchNorm", batchNorm.name().toLowerCase(java.util.Locale.ROOT));
            meta.put("droppedMass", dropped);
            meta.put("signalTotal", totals(signal));
            return Attribution.of(name(), Tensors.toArray3(raw), h, w, logits, t, readoutLayer, meta);
        }
    }

    private static double[] totals(NDArray signal) {
        float[] t = signal.reshape(signal.getShape().get(0), -1).sum(new int[] {1}).toFloatArray();
        double[] out = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            out[i] = t[i];
        }
        return out;
    }

    /** The input of global average pooling when it feeds the classifier directly, else the classifier's input. */
    private static int contrastLayer(List<Layer> children) {
        int last = children.size();
        if (!(children.get(last - 1) instanceof Linear)) {
            throw new UnsupportedModelException("contrastive EB needs a linear classifier as the last layer");
        }
        return last >= 2 && children.get(last - 2) instanceof GlobalAvgPool ? last - 2 : last - 1;
    }

    /** Builder: {@code setModel} required; {@code optReadoutLayer}, {@code optContrastive}, {@code optBatchNormMode}. */
    public static final class Builder {
        private ImageClassifier model;
        private String readoutLayer;
        private boolean contrastive;
        private BatchNormMode batchNorm = BatchNormMode.FOLD;

        public Builder setModel(ImageClassifier model) {
            this.model = model;
            return this;
        }

        public Builder optReadoutLayer(String layer) {
            this.readoutLayer = layer;
            return this;
        }

        public Builder optContrastive(boolean contrastive) {
            this.contrastive = contrastive;
            return this;
        }

        /** {@link BatchNormMode#FOLD} (default) or TorchRay's {@link BatchNormMode#PASSTHROUGH}. */
        public Builder optBatchNormMode(BatchNormMode mode) {
            this.batchNorm = java.util.Objects.requireNonNull(mode, "mode");
            return this;
        }

        public ExcitationBackprop build() {
            if (model == null) {
                throw new IllegalStateException("ExcitationBackprop needs a model: call setModel");
            }
            return new ExcitationBackprop(this);
        }
    }

    /** Registry entry for EB. */
    @AutoService(ImageMethod.class)
    public static final class Method implements ImageMethod {
        @Override
        public MethodInfo info() {
            return MethodInfo.builder("eb").setTitle("Excitation Backprop").setReference("Zhang et al., ECCV 2016, arXiv 1608.00507")
                    .setFamily(MethodInfo.Family.PROPAGATION).setRank(40)
                    .optCapabilities(Capabilities.of(Requirement.FEATURE_LAYER, Requirement.LAYER_GRAPH))
                    .optSettings(MethodOptions.Setting.LAYER).build();
        }

        @Override
        public Explainer create(ImageClassifier model, MethodOptions options) {
            return builder().setModel(model).optReadoutLayer(options.layer()).build();
        }
    }

    /** Registry entry for contrastive EB. */
    @AutoService(ImageMethod.class)
    public static final class ContrastiveMethod implements ImageMethod {
        @Override
        public MethodInfo info() {
            return MethodInfo.builder("ceb").setTitle("contrastive Excitation Backprop").setReference("Zhang et al., ECCV 2016, arXiv 1608.00507")
                    .setFamily(MethodInfo.Family.PROPAGATION).setRank(41)
                    .optCapabilities(Capabilities.of(Requirement.FEATURE_LAYER, Requirement.LAYER_GRAPH))
                    .optSettings(MethodOptions.Setting.LAYER).optAliases("c-eb").build();
        }

        @Override
        public Explainer create(ImageClassifier model, MethodOptions options) {
            return builder().setModel(model).optReadoutLayer(options.layer()).optContrastive(true).build();
        }
    }
}

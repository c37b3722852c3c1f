package io.xai4j.vision.scouter;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import com.google.auto.service.AutoService;
import io.xai4j.core.explain.Attribution;
import io.xai4j.core.explain.Capabilities;
import io.xai4j.core.explain.Explainer;
import io.xai4j.core.explain.MethodInfo;
import io.xai4j.core.explain.MethodOptions;
import io.xai4j.core.explain.Requirement;
import io.xai4j.core.explain.Targets;
import io.xai4j.core.runtime.Tensors;
import io.xai4j.vision.explain.ImageMethod;
import io.xai4j.vision.model.ImageClassifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SCOUTER's own explanation (Li et al., ICCV 2021, arXiv 2009.06138; docs/methods/scouter.md#explanations): the
 * attention map of a class's slots from the last iteration, read from one forward pass, no gradient. As an
 * {@link Explainer} it gives the map of the requested class (top-1 by default) for any metric, like every other
 * method; {@link #evidence} gives every class's map, the joint normalisation, logits and evidence sums.
 */
public final class ScouterExplainer implements Explainer {

    private final Scouter model;

    public ScouterExplainer(Scouter model) {
        this.model = model;
    }

    @Override
    public String name() {
        return "scouter";
    }

    @Override
    public int numClasses() {
        return model.numClasses();
    }

    /** Every class's evidence for each image of the batch, from one forward pass. */
    public List<ClassEvidence> evidence(NDArray images) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            SlotAttention.Output out = model.forward(images);
            float[][] logits = Tensors.toArray2(out.logits());
            float[] a = out.attention().toFloatArray();
            int per = model.config().slots() * out.height() * out.width();
            List<ClassEvidence> list = new ArrayList<>();
            for (int b = 0; b < logits.length; b++) {
                float[] row = new float[per];
                System.arraycopy(a, b * per, row, 0, per);
                list.add(ClassEvidence.of(model.config(), row, out.height(), out.width(), logits[b]));
            }
            return list;
        }
    }

    @Override
    public Attribution explain(NDArray images, int[] targets) {
        if (images.getShape().dimension() != 4) {
            throw new IllegalArgumentException("expected images [B,C,H,W], got " + images.getShape());
        }
        int h = (int) images.getShape().get(2), w = (int) images.getShape().get(3);
        List<ClassEvidence> ev = evidence(images);
        float[][] scores = new float[ev.size()][];
        for (int b = 0; b < scores.length; b++) {
            scores[b] = ev.get(b).logits();
        }
        int[] t = Targets.of(targets).resolve(scores);
        float[][][] raw = new float[ev.size()][][];
        for (int b = 0; b < raw.length; b++) {
            float[][] m = ev.get(b).maps()[t[b]];
            raw[b] = new float[m.length][];
            for (int y = 0; y < m.length; y++) {
                raw[b][y] = m[y].clone();
            }
        }
        return Attribution.of(name(), raw, h, w, scores, t, null, Map.of("variant", model.config().variant()));
    }

    /** Registry entry: offered by models with their own class attention (SCOUTER). */
    @AutoService(ImageMethod.class)
    public static final class Method implements ImageMethod {
        @Override
        public MethodInfo info() {
            return MethodInfo.builder("scouter").setTitle("SCOUTER").setReference("Li et al., ICCV 2021, arXiv 2009.06138")
                    .setFamily(MethodInfo.Family.LEARNED).setRank(90)
                    .optCapabilities(Capabilities.of(Requirement.CLASS_ATTENTION)).optAliases("xslot", "slot-attention").optOnRequestOnly().build();
        }

        @Override
        public Explainer create(ImageClassifier model, MethodOptions options) {
            if (!(model instanceof Scouter s)) {
                throw new IllegalArgumentException("scouter explains SCOUTER models only (it reads their slot attention)");
            }
            return new ScouterExplainer(s);
        }
    }
}

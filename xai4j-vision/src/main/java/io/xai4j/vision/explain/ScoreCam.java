package io.xai4j.vision.explain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import com.google.auto.service.AutoService;
import io.xai4j.core.explain.Capabilities;
import io.xai4j.core.explain.Explainer;
import io.xai4j.core.explain.MapOps;
import io.xai4j.core.explain.MethodInfo;
import io.xai4j.core.explain.MethodOptions;
import io.xai4j.core.explain.Requirement;
import io.xai4j.core.runtime.Tensors;
import io.xai4j.vision.model.ImageClassifier;
import java.util.Map;

/**
 * Score-CAM (Wang et al., "Score-CAM: Score-Weighted Visual Explanations for Convolutional Neural Networks",
 * CVPR-W 2020, arXiv 1910.01279): gradient-free; each channel A[k], upsampled bilinearly to the input size and
 * min–max normalised to [0,1], masks the input, and the weight is the softmax probability of the target class for
 * the masked input, w[k] = softmax(f(x ⊙ norm(up(A[k]))))[t]; flat channels get weight 0. As the official code (no
 * baseline subtraction). pytorch-grad-cam instead takes the softmax over the channels of the masked inputs' raw
 * target logits; the two differ in scale, not in which channels dominate. Costs K forward passes per image,
 * batched over channels ({@link MethodOptions#batchSize()} masked images per pass). See docs/methods/cam-family.md.
 */
public final class ScoreCam extends BaseCam {

    private final int batchSize;

    ScoreCam(ImageClassifier model, String layer, int batchSize) {
        super(model, layer, false);
        this.batchSize = batchSize;
    }

    @Override
    public String name() {
        return "scorecam";
    }

    @Override
    protected Map<String, Object> params() {
        return Map.of("batchSize", batchSize);
    }

    @Override
    protected NDArray channelWeights(CamInputs in) {
        NDArray images = in.images();
        NDManager manager = images.getManager();
        Shape s = images.getShape();
        int b = (int) s.get(0), k = (int) in.channels(), h = (int) s.get(2), w = (int) s.get(3);
        float[][][][] act = activations(in.activations());
        float[][] weights = new float[b][k];
        for (int i = 0; i < b; i++) {
            float[][] masks = new float[k][];
            boolean[] flat = new boolean[k];
            for (int c = 0; c < k; c++) {
                float[][] up = MapOps.upsampleBilinear(act[i][c], h, w);
                flat[c] = MapOps.minMaxNormaliseInPlace(up);
                masks[c] = flatten(up, h, w);
            }
            for (int start = 0; start < k; start += batchSize) {
                int n = Math.min(batchSize, k - start);
                float[] chunk = new float[n * h * w];
                for (int j = 0; j < n; j++) {
                    System.arraycopy(masks[start + j], 0, chunk, j * h * w, h * w);
                }
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    NDArray m = manager.create(chunk, new Shape(n, 1, h, w));
                    float[][] p = Tensors.softmax(Tensors.toArray2(model.logits(images.get(i).expandDims(0).mul(m))));
                    for (int j = 0; j < n; j++) {
                        weights[i][start + j] = flat[start + j] ? 0f : p[j][in.targets()[i]];
                    }
                }
            }
        }
        return Tensors.fromArray2(manager, weights);
    }

    private static float[][][][] activations(NDArray a) {
        Shape s = a.getShape();
        int b = (int) s.get(0), k = (int) s.get(1), h = (int) s.get(2), w = (int) s.get(3);
        float[] flat = a.toFloatArray();
        float[][][][] out = new float[b][k][h][w];
        for (int i = 0; i < b; i++) {
            for (int c = 0; c < k; c++) {
                for (int y = 0; y < h; y++) {
                    System.arraycopy(flat, ((i * k + c) * h + y) * w, out[i][c][y], 0, w);
                }
            }
        }
        return out;
    }

    private static float[] flatten(float[][] map, int h, int w) {
        float[] out = new float[h * w];
        for (int y = 0; y < h; y++) {
            System.arraycopy(map[y], 0, out, y * w, w);
        }
        return out;
    }

    /** Registry entry: masked images per forward pass from {@link MethodOptions#batchSize()}. */
    @AutoService(ImageMethod.class)
    public static final class Method implements ImageMethod {
        @Override
        public MethodInfo info() {
            return MethodInfo.builder("scorecam").setTitle("Score-CAM").setReference("Wang et al., CVPR-W 2020, arXiv 1910.01279")
                    .setFamily(MethodInfo.Family.PERTURBATION).setRank(24)
                    .optCapabilities(Capabilities.of(Requirement.FEATURE_LAYER))
                    .optSettings(MethodOptions.Setting.LAYER, MethodOptions.Setting.BATCH_SIZE).optAliases("score-cam").build();
        }

        @Override
        public Explainer create(ImageClassifier model, MethodOptions options) {
            return new ScoreCam(model, options.layer(), options.batchSize());
        }
    }
}

package io.xai4j.vision.explain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import com.google.auto.service.AutoService;
import io.xai4j.core.explain.Capabilities;
import io.xai4j.core.explain.Explainer;
import io.xai4j.core.explain.MethodInfo;
import io.xai4j.core.explain.MethodOptions;
import io.xai4j.core.explain.Requirement;
import io.xai4j.core.runtime.Tensors;
import io.xai4j.vision.model.ImageClassifier;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Eigen-CAM (Muhammad and Yeasin, "Eigen-CAM: Class Activation Map using Principal Components", IJCNN 2020,
 * arXiv 2008.00299): the projection of the activations on their first principal component. With M [h·w, K] the
 * activations of one image (a row per position), v₁ the first right singular vector of M with its column means
 * removed, map = ReLU(M·v₁) (uncentred M, as pytorch-grad-cam). Class-agnostic: the target only sets the reported
 * score. A singular vector's sign is arbitrary; xai4j fixes it so that Σ M·v₁ ≥ 0 (pytorch-grad-cam keeps LAPACK's
 * sign, which can give an all-zero map after the ReLU). SVD in double precision by Commons Math.
 * See docs/methods/cam-family.md.
 */
public final class EigenCam extends BaseCam {

    EigenCam(ImageClassifier model, String layer) {
        super(model, layer, false);
    }

    @Override
    public String name() {
        return "eigencam";
    }

    @Override
    protected NDArray channelWeights(CamInputs in) {
        throw new UnsupportedOperationException("Eigen-CAM projects on a principal component; see combine");
    }

    @Override
    protected NDArray combine(CamInputs in) {
        Shape s = in.activations().getShape();
        int b = (int) s.get(0), k = (int) s.get(1), h = (int) s.get(2), w = (int) s.get(3), n = h * w;
        float[] a = in.activations().toFloatArray();
        float[][][] out = new float[b][h][w];
        for (int i = 0; i < b; i++) {
            double[][] m = new double[n][k];
            double[] mean = new double[k];
            for (int c = 0; c < k; c++) {
                for (int p = 0; p < n; p++) {
                    m[p][c] = a[(i * k + c) * n + p];
                    mean[c] += m[p][c] / n;
                }
            }
            double[][] centred = new double[n][k];
            for (int p = 0; p < n; p++) {
                for (int c = 0; c < k; c++) {
                    centred[p][c] = m[p][c] - mean[c];
                }
            }
            RealVector v1 = new SingularValueDecomposition(new Array2DRowRealMatrix(centred, false)).getV().getColumnVector(0);
            double[] projection = new Array2DRowRealMatrix(m, false).operate(v1).toArray();
            double sum = 0;
            for (double v : projection) {
                sum += v;
            }
            double sign = sum < 0 ? -1 : 1;
            for (int p = 0; p < n; p++) {
                out[i][p / w][p % w] = (float) (sign * projection[p]);
            }
        }
        return Tensors.fromArray3(in.images().getManager(), out);
    }

    /** Registry entry. */
    @AutoService(ImageMethod.class)
    public static final class Method implements ImageMethod {
        @Override
        public MethodInfo info() {
            return MethodInfo.builder("eigencam").setTitle("Eigen-CAM").setReference("Muhammad and Yeasin, IJCNN 2020, arXiv 2008.00299")
                    .setFamily(MethodInfo.Family.LAYER_CAM).setRank(25)
                    .optCapabilities(Capabilities.of(Requirement.FEATURE_LAYER))
                    .optSettings(MethodOptions.Setting.LAYER).optAliases("eigen-cam").build();
        }

        @Override
        public Explainer create(ImageClassifier model, MethodOptions options) {
            return new EigenCam(model, options.layer());
        }
    }
}

package io.xai4j.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.xai4j.vision.data.ImageDataset;
import io.xai4j.vision.train.TrainingData;

/** An {@link ImageDataset} in model-input space: per-channel (x − mean)/std. */
final class ImageBatches implements TrainingData {

    private final ImageDataset data;
    private final float[] mean;
    private final float[] std;

    ImageBatches(ImageDataset data, float[] mean, float[] std) {
        this.data = data;
        this.mean = mean;
        this.std = std;
    }

    /** Per-channel mean and standard deviation over (up to 2,000 images of) a data set. */
    static float[][] statistics(ImageDataset data) {
        int c = data.channels(), n = Math.min(data.size(), 2000);
        double[] sum = new double[c], sq = new double[c];
        long count = 0;
        for (int i = 0; i < n; i++) {
            float[] p = data.pixels(i);
            int plane = p.length / c;
            for (int ch = 0; ch < c; ch++) {
                for (int j = 0; j < plane; j++) {
                    double v = p[ch * plane + j];
                    sum[ch] += v;
                    sq[ch] += v * v;
                }
            }
            count += p.length / c;
        }
        float[] mean = new float[c], std = new float[c];
        for (int ch = 0; ch < c; ch++) {
            mean[ch] = (float) (sum[ch] / count);
            std[ch] = (float) Math.sqrt(Math.max(1e-8, sq[ch] / count - mean[ch] * (double) mean[ch]));
        }
        return new float[][] {mean, std};
    }

    ImageDataset data() {
        return data;
    }

    @Override
    public int size() {
        return data.size();
    }

    @Override
    public int label(int index) {
        return data.label(index);
    }

    @Override
    public NDArray batch(NDManager manager, int[] indices) {
        int c = data.channels(), h = data.height(), w = data.width(), plane = h * w;
        float[] flat = new float[indices.length * c * plane];
        for (int i = 0; i < indices.length; i++) {
            float[] p = data.pixels(indices[i]);
            for (int ch = 0; ch < c; ch++) {
                int off = (i * c + ch) * plane;
                for (int j = 0; j < plane; j++) {
                    flat[off + j] = (p[ch * plane + j] - mean[ch]) / std[ch];
                }
            }
        }
        return manager.create(flat, new Shape(indices.length, c, h, w));
    }
}

package io.xai4j.vision.pipnet;

import ai.djl.ndarray.NDManager;
import io.xai4j.vision.data.ImageDataset;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Unclamped presences p[n][d] of every prototype in every image of a set, with the latent cell where
 * each prototype is most present (argmax of z[n,d,:,:], ties to the first cell in row-major order,
 * docs/methods/pipnet.md#model). The projection set of docs/methods/pipnet.md#augmentation (training images, test transform, in order) gives the "top-k
 * training patches" of the global explanation, the pruning and purity.
 *
 * @param presence [N][D]
 * @param cell [N][D] row-major index h·W + w of the argmax cell
 * @param gridHeight H
 * @param gridWidth W
 */
public record PresenceTable(float[][] presence, int[][] cell, int gridHeight, int gridWidth) {

    /** Runs the model in inference mode over {@code data} (the model is not changed). */
    public static PresenceTable compute(PipNet model, ImageDataset data, int batchSize) {
        int n = data.size();
        float[][] presence = new float[n][];
        int[][] cell = new int[n][];
        int gh = 0, gw = 0;
        try (NDManager m = NDManager.newBaseManager()) {
            for (int from = 0; from < n; from += batchSize) {
                int to = Math.min(n, from + batchSize);
                float[][][][] z;
                try (NDManager sub = m.newSubManager()) {
                    z = model.latent(PipNetInputs.batch(sub, data, IntStream.range(from, to).toArray(), model));
                }
                for (int b = 0; b < z.length; b++) {
                    int d = z[b].length;
                    gh = z[b][0].length;
                    gw = z[b][0][0].length;
                    presence[from + b] = new float[d];
                    cell[from + b] = new int[d];
                    for (int j = 0; j < d; j++) {
                        float best = Float.NEGATIVE_INFINITY;
                        int arg = 0;
                        for (int y = 0; y < gh; y++) {
                            for (int x = 0; x < gw; x++) {
                                if (z[b][j][y][x] > best) {
                                    best = z[b][j][y][x];
                                    arg = y * gw + x;
                                }
                            }
                        }
                        presence[from + b][j] = best;
                        cell[from + b][j] = arg;
                    }
                }
            }
        }
        return new PresenceTable(presence, cell, gh, gw);
    }

    /** Number of images. */
    public int size() {
        return presence.length;
    }

    /**
     * The {@code k} images with the highest presence of prototype {@code d}, each at most once, by
     * descending presence (ties to the lower image index).
     */
    public int[] topK(int d, int k) {
        Integer[] order = new Integer[presence.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int c = Float.compare(presence[b][d], presence[a][d]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        int[] out = new int[Math.min(k, order.length)];
        for (int i = 0; i < out.length; i++) {
            out[i] = order[i];
        }
        return out;
    }

    /** Cell row of the argmax of prototype d in image n. */
    public int cellY(int n, int d) {
        return cell[n][d] / gridWidth;
    }

    /** Cell column of the argmax of prototype d in image n. */
    public int cellX(int n, int d) {
        return cell[n][d] % gridWidth;
    }
}

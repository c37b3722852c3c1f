package io.xai4j.graph.explain;

import io.xai4j.graph.data.Edge;
import io.xai4j.graph.data.Graph;
import io.xai4j.graph.model.Gcn;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A slow, obviously-correct double-precision GCN and explainer reference written with explicit loops,
 * independent of the DJL implementation, for tiny graphs.
 */
final class ReferenceGcn {

    final int d;
    final int[] widths;
    final int classes;
    final double[][][] w; // w[l][in][out], l = 0..L (L = head)
    final double[][] b;

    ReferenceGcn(int d, int[] widths, int classes, long seed, double scale) {
        this.d = d;
        this.widths = widths;
        this.classes = classes;
        Random rnd = new Random(seed);
        int layers = widths.length + 1;
        w = new double[layers][][];
        b = new double[layers][];
        for (int l = 0; l < layers; l++) {
            int in = l == 0 ? d : widths[l - 1];
            int out = l == widths.length ? classes : widths[l];
            w[l] = new double[in][out];
            b[l] = new double[out];
            for (int i = 0; i < in; i++) {
                for (int o = 0; o < out; o++) {
                    w[l][i][o] = (float) (scale * rnd.nextGaussian());
                }
            }
            for (int o = 0; o < out; o++) {
                b[l][o] = (float) (0.3 * scale * rnd.nextGaussian());
            }
        }
    }

    Gcn toGcn() {
        int layers = widths.length + 1;
        float[][] fw = new float[layers][];
        float[][] fb = new float[layers][];
        for (int l = 0; l < layers; l++) {
            int in = w[l].length, out = w[l][0].length;
            fw[l] = new float[in * out];
            for (int i = 0; i < in; i++) {
                for (int o = 0; o < out; o++) {
                    fw[l][i * out + o] = (float) w[l][i][o];
                }
            }
            fb[l] = new float[out];
            for (int o = 0; o < out; o++) {
                fb[l][o] = (float) b[l][o];
            }
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add("class" + c);
        }
        return Gcn.fromParameters(d, widths, names, fw, fb);
    }

    /**
     * Â = D̃^{-1/2} (A + I) D̃^{-1/2} built densely in double precision from the edges, as docs/methods/gcn.md#model writes it: its own
     * code, not {@link Graph#normalisedAdjacency()}, so that the reference is independent of the production Â.
     */
    static double[][] adj(Graph g) {
        int n = g.numNodes();
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            a[i][i] = 1;
        }
        for (Edge e : g.edges()) {
            a[e.u()][e.v()] += e.weight();
            if (!g.directed()) {
                a[e.v()][e.u()] += e.weight();
            }
        }
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                d[i] += a[i][j];
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] /= Math.sqrt(d[i]) * Math.sqrt(d[j]);
            }
        }
        return a;
    }

    static double[][] toDouble(float[][] x) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = new double[x[i].length];
            for (int k = 0; k < x[i].length; k++) {
                out[i][k] = x[i][k];
            }
        }
        return out;
    }

    /** One graph convolution ReLU(Â H W + b), explicit sums. */
    double[][] layer(double[][] a, double[][] h, int l) {
        int n = h.length, in = w[l].length, out = w[l][0].length;
        double[][] f = new double[n][out];
        for (int i = 0; i < n; i++) {
            for (int o = 0; o < out; o++) {
                double s = b[l][o];
                for (int j = 0; j < n; j++) {
                    for (int k = 0; k < in; k++) {
                        s += a[i][j] * h[j][k] * w[l][k][o];
                    }
                }
                f[i][o] = Math.max(0, s);
            }
        }
        return f;
    }

    /** F⁰..F^L for input X. */
    List<double[][]> features(double[][] a, double[][] x) {
        List<double[][]> f = new ArrayList<>();
        f.add(x);
        for (int l = 0; l < widths.length; l++) {
            f.add(layer(a, f.get(l), l));
        }
        return f;
    }

    double[] pooled(double[][] top) {
        double[] e = new double[top[0].length];
        for (double[] row : top) {
            for (int k = 0; k < e.length; k++) {
                e[k] += row[k] / top.length;
            }
        }
        return e;
    }

    /** y from layer l's features onwards. */
    double[] scoresFrom(double[][] a, double[][] fl, int l) {
        double[][] h = fl;
        for (int m = l; m < widths.length; m++) {
            h = layer(a, h, m);
        }
        double[] e = pooled(h);
        double[] y = new double[classes];
        for (int c = 0; c < classes; c++) {
            y[c] = b[widths.length][c];
            for (int k = 0; k < e.length; k++) {
                y[c] += e[k] * w[widths.length][k][c];
            }
        }
        return y;
    }

    /** Central finite differences of y_c with respect to Fˡ. */
    double[][] gradient(double[][] a, double[][] fl, int l, int c) {
        double eps = 1e-6;
        double[][] g = new double[fl.length][fl[0].length];
        for (int i = 0; i < fl.length; i++) {
            for (int k = 0; k < fl[0].length; k++) {
                double keep = fl[i][k];
                fl[i][k] = keep + eps;
                double up = scoresFrom(a, fl, l)[c];
                fl[i][k] = keep - eps;
                double down = scoresFrom(a, fl, l)[c];
                fl[i][k] = keep;
                g[i][k] = (up - down) / (2 * eps);
            }
        }
        return g;
    }

    double[] contrastiveGradient(Graph g, int c) {
        double[][] a = adj(g);
        double[][] x = toDouble(g.x());
        double[][] grad = gradient(a, x, 0, c);
        double[] out = new double[x.length];
        for (int n = 0; n < x.length; n++) {
            double s = 0;
            for (double v : grad[n]) {
                s += Math.max(0, v) * Math.max(0, v);
            }
            out[n] = Math.sqrt(s);
        }
        return out;
    }

    double[] gradCam(Graph g, int c, int l) {
        double[][] a = adj(g);
        double[][] fl = features(a, toDouble(g.x())).get(l);
        double[][] grad = gradient(a, fl, l, c);
        int n = fl.length, k = fl[0].length;
        double[] alpha = new double[k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                alpha[j] += grad[i][j] / n;
            }
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < k; j++) {
                s += alpha[j] * fl[i][j];
            }
            out[i] = Math.max(0, s);
        }
        return out;
    }

    double[] cam(Graph g, int c) {
        double[][] a = adj(g);
        double[][] top = features(a, toDouble(g.x())).get(widths.length);
        double[] out = new double[top.length];
        for (int n = 0; n < top.length; n++) {
            double s = b[widths.length][c];
            for (int k = 0; k < top[n].length; k++) {
                s += w[widths.length][k][c] * top[n][k];
            }
            out[n] = Math.max(0, s);
        }
        return out;
    }

    /**
     * Zhang's MWP rule unit by unit: P_j = Σ_i a_j w⁺_{ji} / (Σ_{j'} a_{j'} w⁺_{j'i}) · P_i, with units
     * i = (n,k) of Fˡ and j = (n′,k′) of H and connection weights Â[n,n′]·W[k′,k]. Returns the
     * signed per-node map Σ_k P^{readout}[n,k]; {@code contrast} selects the dual-unit difference.
     */
    double[] excitation(Graph g, int c, boolean contrast, int readout, double[] massOut) {
        double[][] a = adj(g);
        List<double[][]> f = features(a, toDouble(g.x()));
        int top = widths.length;
        double[][] ft = f.get(top);
        int n = ft.length;
        double[] e = pooled(ft);
        double[][] p = gapDown(ft, topProbabilities(e, c, +1));
        if (contrast) {
            double[][] q = gapDown(ft, topProbabilities(e, c, -1));
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < p[i].length; k++) {
                    p[i][k] -= q[i][k];
                }
            }
        }
        for (int l = top; l > readout; l--) {
            double[][] h = f.get(l - 1);
            if (l == 1) {
                h = new double[h.length][];
                for (int i = 0; i < h.length; i++) {
                    h[i] = f.get(0)[i].clone();
                    for (int k = 0; k < h[i].length; k++) {
                        h[i][k] = Math.max(0, h[i][k]);
                    }
                }
            }
            int kin = h[0].length, kout = p[0].length;
            double[][] next = new double[n][kin];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < kout; k++) {
                    double z = 0;
                    for (int j = 0; j < n; j++) {
                        for (int kk = 0; kk < kin; kk++) {
                            z += h[j][kk] * a[i][j] * Math.max(0, w[l - 1][kk][k]);
                        }
                    }
                    if (z <= 0) {
                        continue;
                    }
                    for (int j = 0; j < n; j++) {
                        for (int kk = 0; kk < kin; kk++) {
                            next[j][kk] += h[j][kk] * a[i][j] * Math.max(0, w[l - 1][kk][k]) / z * p[i][k];
                        }
                    }
                }
            }
            p = next;
            if (massOut != null) {
                massOut[l - 1] = sum(p);
            }
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            for (double v : p[i]) {
                out[i] += v;
            }
        }
        return out;
    }

    private double[] topProbabilities(double[] e, int c, int sign) {
        double[] p = new double[e.length];
        double z = 0;
        for (int k = 0; k < e.length; k++) {
            p[k] = e[k] * Math.max(0, sign * w[widths.length][k][c]);
            z += p[k];
        }
        for (int k = 0; k < e.length; k++) {
            p[k] = z > 0 ? p[k] / z : 0;
        }
        return p;
    }

    private static double[][] gapDown(double[][] f, double[] pe) {
        int n = f.length, k = f[0].length;
        double[][] p = new double[n][k];
        for (int j = 0; j < k; j++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += f[i][j] / n;
            }
            for (int i = 0; i < n; i++) {
                p[i][j] = s > 0 ? (f[i][j] / n) / s * pe[j] : 0;
            }
        }
        return p;
    }

    static double sumOf(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    static double sum(double[][] m) {
        double s = 0;
        for (double[] r : m) {
            for (double v : r) {
                s += v;
            }
        }
        return s;
    }

    /** A random graph with N nodes, a spanning path plus random extra edges, features in [−0.5, 1.5). */
    /** {@code count} random graphs "g0", "g1", ... of sizes firstSize + i·sizeStep, seeds firstSeed + i. */
    static List<Graph> randomGraphs(int count, int firstSize, int sizeStep, int d, long firstSeed) {
        List<Graph> graphs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            graphs.add(randomGraph("g" + i, firstSize + i * sizeStep, d, firstSeed + i));
        }
        return graphs;
    }

    static Graph randomGraph(String id, int n, int d, long seed) {
        Random rnd = new Random(seed);
        float[][] x = new float[n][d];
        for (float[] row : x) {
            for (int k = 0; k < d; k++) {
                row[k] = (float) (rnd.nextDouble() * 2 - 0.5);
            }
        }
        List<Edge> edges = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            edges.add(Edge.of(rnd.nextInt(i), i));
        }
        for (int t = 0; t < n / 2; t++) {
            edges.add(Edge.of(rnd.nextInt(n), rnd.nextInt(n)));
        }
        return Graph.of(id, x, edges, rnd.nextInt(2));
    }
}

package io.xai4j.graph.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One attributed graph (docs/methods/gcn.md#model, docs/methods/graph-input.md): node features X (row i = node i), edges with optional
 * weights, an optional class label, optional node names, ground-truth marks and layout positions.
 *
 * <p>Edges are stored once per node pair. Undirected graphs are symmetric in {@link #adjacency()};
 * duplicate pairs merge (the last weight wins) and self-loops are dropped, because the GCN adds
 * them itself (Ã = A + I).
 *
 * @param id display identifier (for molecules the name where the source gives one, else the SMILES)
 * @param x node features, N×d
 * @param edges edges, node indices in 0..N−1
 * @param directed whether edges are directed (u → v)
 * @param label class index, or −1 when unknown
 * @param nodeNames optional display names (null or length N)
 * @param groundTruth optional 0/1 importance marks (null or length N)
 * @param positions optional layout positions (null or N×2)
 */
public record Graph(
        String id,
        float[][] x,
        List<Edge> edges,
        boolean directed,
        int label,
        String[] nodeNames,
        int[] groundTruth,
        double[][] positions) {

    public Graph {
        if (x == null || x.length == 0) {
            throw new IllegalArgumentException("graph " + id + " has no nodes");
        }
        int d = x[0].length;
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != d) {
                throw new IllegalArgumentException(
                        "graph " + id + ": node " + i + " has " + x[i].length + " features, node 0 has " + d);
            }
        }
        int n = x.length;
        Map<Long, Edge> merged = new LinkedHashMap<>();
        for (Edge e : edges) {
            if (e.u() < 0 || e.u() >= n || e.v() < 0 || e.v() >= n) {
                throw new IllegalArgumentException(
                        "graph " + id + ": edge (" + e.u() + "," + e.v() + ") refers to a node outside 0.." + (n - 1));
            }
            if (e.u() == e.v()) {
                continue;
            }
            int a = directed ? e.u() : Math.min(e.u(), e.v());
            int b = directed ? e.v() : Math.max(e.u(), e.v());
            merged.put((long) a * n + b, new Edge(a, b, e.weight()));
        }
        edges = List.copyOf(merged.values());
        check(nodeNames == null || nodeNames.length == n, id, "nodeNames", nodeNames == null ? 0 : nodeNames.length, n);
        check(groundTruth == null || groundTruth.length == n, id, "groundTruth", groundTruth == null ? 0 : groundTruth.length, n);
        check(positions == null || positions.length == n, id, "positions", positions == null ? 0 : positions.length, n);
    }

    private static void check(boolean ok, String id, String field, int got, int n) {
        if (!ok) {
            throw new IllegalArgumentException("graph " + id + ": " + field + " has " + got + " entries but the graph has " + n + " nodes");
        }
    }

    /** An undirected, unnamed graph. */
    public static Graph of(String id, float[][] x, List<Edge> edges, int label) {
        return new Graph(id, x, edges, false, label, null, null, null);
    }

    public int numNodes() {
        return x.length;
    }

    public int featureDim() {
        return x[0].length;
    }

    /** Dense weighted adjacency A (N×N), symmetric unless directed; no self-loops. */
    public float[][] adjacency() {
        int n = numNodes();
        float[][] a = new float[n][n];
        for (Edge e : edges) {
            a[e.u()][e.v()] = e.weight();
            if (!directed) {
                a[e.v()][e.u()] = e.weight();
            }
        }
        return a;
    }

    /**
     * Â = D̃^{-1/2} (A + I) D̃^{-1/2} with D̃_ii = Σ_j Ã_ij (docs/methods/gcn.md#model, Kipf &amp; Welling 2017), dense N×N.
     * D̃_ii ≥ 1, so no division by zero can occur. Built from {@link #normalisedEntries()}, so the dense
     * and the sparse form hold bit-identical values.
     */
    public float[][] normalisedAdjacency() {
        NormalisedAdjacency e = normalisedEntries();
        int n = numNodes();
        float[][] a = new float[n][n];
        for (int k = 0; k < e.values().length; k++) {
            a[e.rows()[k]][e.cols()[k]] = e.values()[k];
        }
        return a;
    }

    /**
     * The non-zero entries of Â in O(N + E) time and memory: the N self-loops first (node order),
     * then every edge (u,v) and, for undirected graphs, (v,u). Degrees are row sums of A + I; for a
     * directed graph an edge u → v counts in row u only.
     */
    public NormalisedAdjacency normalisedEntries() {
        int n = numNodes();
        double[] deg = new double[n];
        Arrays.fill(deg, 1.0);
        for (Edge e : edges) {
            deg[e.u()] += e.weight();
            if (!directed) {
                deg[e.v()] += e.weight();
            }
        }
        double[] inv = new double[n];
        for (int i = 0; i < n; i++) {
            inv[i] = 1.0 / Math.sqrt(deg[i]);
        }
        int nnz = n + edges.size() * (directed ? 1 : 2);
        int[] rows = new int[nnz];
        int[] cols = new int[nnz];
        float[] values = new float[nnz];
        int k = 0;
        for (int i = 0; i < n; i++, k++) {
            rows[k] = i;
            cols[k] = i;
            values[k] = (float) (inv[i] * inv[i]);
        }
        for (Edge e : edges) {
            float w = (float) (e.weight() * inv[e.u()] * inv[e.v()]);
            rows[k] = e.u();
            cols[k] = e.v();
            values[k++] = w;
            if (!directed) {
                rows[k] = e.v();
                cols[k] = e.u();
                values[k++] = w;
            }
        }
        return new NormalisedAdjacency(n, rows, cols, values);
    }

    /**
     * Â in coordinate form: entry k is Â[rows[k], cols[k]] = values[k]; every (row, col) pair occurs once.
     *
     * @param n number of nodes
     */
    public record NormalisedAdjacency(int n, int[] rows, int[] cols, float[] values) {

        public int nonZeros() {
            return values.length;
        }
    }

    /** Neighbour lists (both directions for undirected graphs). */
    public List<List<Integer>> neighbours() {
        List<List<Integer>> out = new ArrayList<>();
        for (int i = 0; i < numNodes(); i++) {
            out.add(new ArrayList<>());
        }
        for (Edge e : edges) {
            out.get(e.u()).add(e.v());
            if (!directed) {
                out.get(e.v()).add(e.u());
            }
        }
        return out;
    }

    /** The same graph with other node features (e.g. occluded rows), all else unchanged. */
    public Graph withFeatures(float[][] features) {
        return new Graph(id, features, edges, directed, label, nodeNames, groundTruth, positions);
    }

    /** A deep copy of X, for occlusion. */
    public float[][] copyFeatures() {
        float[][] c = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            c[i] = Arrays.copyOf(x[i], x[i].length);
        }
        return c;
    }

    /**
     * The graph with nodes renumbered: old node i becomes node {@code perm[i]}. Every per-node field
     * moves with its node.
     */
    public Graph permute(int[] perm) {
        int n = numNodes();
        float[][] nx = new float[n][];
        String[] names = nodeNames == null ? null : new String[n];
        int[] gt = groundTruth == null ? null : new int[n];
        double[][] pos = positions == null ? null : new double[n][];
        for (int i = 0; i < n; i++) {
            nx[perm[i]] = x[i].clone();
            if (names != null) {
                names[perm[i]] = nodeNames[i];
            }
            if (gt != null) {
                gt[perm[i]] = groundTruth[i];
            }
            if (pos != null) {
                pos[perm[i]] = positions[i].clone();
            }
        }
        List<Edge> ne = new ArrayList<>();
        for (Edge e : edges) {
            ne.add(new Edge(perm[e.u()], perm[e.v()], e.weight()));
        }
        return new Graph(id, nx, ne, directed, label, names, gt, pos);
    }
}

package io.xai4j.graph.synth;

import io.xai4j.graph.data.Edge;
import io.xai4j.graph.data.Graph;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The BA-2Motifs planted-motif benchmark of Luo et al., "Parameterized Explainer for Graph Neural
 * Network", NeurIPS 2020 (arXiv 2011.04573), as specified in docs/methods/ba2motifs.md: a 20-node Barabási–Albert
 * base graph (m = 1, grown from two connected nodes, attachment ∝ degree) plus a 5-node motif, a
 * house (class 0) or a 5-cycle (class 1), joined by one edge between a uniformly random motif node and
 * a uniformly random base node. Node order is then permuted and ground truth marks the motif nodes.
 * Node features are constant (10-dim, all 0.1), so only structure can separate the classes.
 */
public final class Ba2Motifs {

    public static final int BASE_NODES = 20;
    public static final int MOTIF_NODES = 5;
    public static final int FEATURES = 10;
    public static final List<String> CLASSES = List.of("house", "cycle");

    private Ba2Motifs() {}

    /** 2·{@code perClass} graphs, classes alternating (house, cycle, house, ...), fully determined by {@code seed}. */
    public static List<Graph> generate(int perClass, long seed) {
        Random rnd = new Random(seed);
        List<Graph> out = new ArrayList<>();
        for (int i = 0; i < perClass; i++) {
            out.add(graph("house-" + i, 0, rnd));
            out.add(graph("cycle-" + i, 1, rnd));
        }
        return out;
    }

    /** The official-size data set: 500 graphs per class. */
    public static List<Graph> generate(long seed) {
        return generate(500, seed);
    }

    /** The motif's own edges, nodes numbered 0..4 (house: square 0-1-2-3-0, roof 4 on 0 and 1). */
    public static List<int[]> motifEdges(int label) {
        if (label == 0) {
            return List.of(new int[] {0, 1}, new int[] {1, 2}, new int[] {2, 3}, new int[] {3, 0}, new int[] {4, 0}, new int[] {4, 1});
        }
        return List.of(new int[] {0, 1}, new int[] {1, 2}, new int[] {2, 3}, new int[] {3, 4}, new int[] {4, 0});
    }

    /**
     * One graph of class {@code label}: the 20-node BA base, the motif joined by one edge, the node order permuted;
     * the draws from {@code rnd} are in this order (base, joining edge, permutation).
     */
    static Graph graph(String id, int label, Random rnd) {
        List<int[]> edges = barabasiAlbert(BASE_NODES, rnd);
        for (int[] e : motifEdges(label)) {
            edges.add(new int[] {BASE_NODES + e[0], BASE_NODES + e[1]});
        }
        edges.add(new int[] {BASE_NODES + rnd.nextInt(MOTIF_NODES), rnd.nextInt(BASE_NODES)});
        return permuted(id, label, BASE_NODES + MOTIF_NODES, BASE_NODES, edges, rnd);
    }

    /**
     * The edges of a Barabási–Albert tree on {@code n} nodes with m = 1: nodes 0 and 1 joined, then each new node
     * attached to one existing node with probability ∝ degree.
     */
    static List<int[]> barabasiAlbert(int n, Random rnd) {
        List<int[]> edges = new ArrayList<>();
        int[] degree = new int[n];
        edges.add(new int[] {0, 1});
        degree[0] = degree[1] = 1;
        int degreeSum = 2;
        for (int v = 2; v < n; v++) {
            int r = rnd.nextInt(degreeSum);
            int target = 0;
            while (r >= degree[target]) {
                r -= degree[target];
                target++;
            }
            edges.add(new int[] {target, v});
            degree[target]++;
            degree[v]++;
            degreeSum += 2;
        }
        return edges;
    }

    /**
     * The graph on {@code n} nodes with {@code edges}, its node order permuted by a shuffle drawn from {@code rnd};
     * nodes {@code firstMotifNode}..n−1 (before the permutation) are the ground-truth motif, all features 0.1.
     */
    static Graph permuted(String id, int label, int n, int firstMotifNode, List<int[]> edges, Random rnd) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, rnd);
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = order.get(i);
        }
        float[][] x = new float[n][FEATURES];
        int[] gt = new int[n];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(x[i], 0.1f);
            gt[perm[i]] = i >= firstMotifNode ? 1 : 0;
        }
        List<Edge> permuted = new ArrayList<>();
        for (int[] e : edges) {
            permuted.add(Edge.of(perm[e[0]], perm[e[1]]));
        }
        return new Graph(id, x, permuted, false, label, null, gt, null);
    }
}

package io.xai4j.graph.synth;

import io.xai4j.graph.data.Graph;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * BA-3Motifs-null ({@code ba3null}), the planted-motif benchmark of docs/methods/ba2motifs.md#ba-3motifs-null: the two classes of
 * {@link Ba2Motifs} (house 0, 5-cycle 1: a 20-node Barabási–Albert base plus the 5-node motif, exactly as docs/methods/ba2motifs.md#generator) and a
 * third class, no motif (2): a Barabási–Albert tree of 25 nodes, so that the node count is no cue. Every motif class
 * then needs positive evidence, since "no 5-cycle" also describes the null class (the two-class benchmark lets a GCN
 * call a graph "house" for the absence of a cycle; Faber, Moghaddam, Wattenhofer, "When Comparing to Ground Truth is
 * Wrong", KDD 2021). Null graphs have no ground-truth node (all gt 0), so node AUROC leaves them out. Node features
 * are constant (10-dim, all 0.1), the node order is permuted, as in BA-2Motifs.
 */
public final class Ba3MotifsNull {

    public static final int NODES = Ba2Motifs.BASE_NODES + Ba2Motifs.MOTIF_NODES;
    public static final int FEATURES = Ba2Motifs.FEATURES;
    public static final List<String> CLASSES = List.of("house", "cycle", "none");

    private Ba3MotifsNull() {}

    /** 3·{@code perClass} graphs, classes in turn (house, cycle, none, house, ...), fully determined by {@code seed}. */
    public static List<Graph> generate(int perClass, long seed) {
        Random rnd = new Random(seed);
        List<Graph> out = new ArrayList<>();
        for (int i = 0; i < perClass; i++) {
            out.add(Ba2Motifs.graph("house-" + i, 0, rnd));
            out.add(Ba2Motifs.graph("cycle-" + i, 1, rnd));
            out.add(Ba2Motifs.permuted("none-" + i, 2, NODES, NODES, Ba2Motifs.barabasiAlbert(NODES, rnd), rnd));
        }
        return out;
    }

    /** The benchmark's size (docs/methods/ba2motifs.md#ba-3motifs-null): 500 graphs per class. */
    public static List<Graph> generate(long seed) {
        return generate(500, seed);
    }
}

package io.xai4j.graph.chem;

import io.xai4j.graph.explain.GraphExplanation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.smiles.SmiFlavor;

/**
 * Frequent salient substructures per class (docs/methods/molecules.md#salient-substructures, after the official notebook of Pope et al.):
 * for the correctly classified molecules of class c, the atoms with M̂_c &gt; τ form connected
 * components over the bonds; components of at least {@code minAtoms} atoms are keyed by canonical
 * SMILES (unique, aromatic symbols; element, charge, aromaticity and original H counts kept, cut bonds
 * not capped) and counted once per molecule.
 */
public final class SalientSubstructures {

    /**
     * A fragment, the number of class molecules containing it, and that number over the class size, where a
     * class's molecules are those labelled <em>and</em> predicted c (the explained ones, docs/methods/molecules.md#salient-substructures; the
     * official notebook's "fraction of the class molecules" does not say which).
     */
    public record Fragment(String smiles, int molecules, double fraction) {}

    private SalientSubstructures() {}

    /**
     * @param predicted predicted class per molecule
     * @return per class index the top-k fragments, most frequent first (ties by SMILES)
     */
    public static Map<Integer, List<Fragment>> analyse(List<MolecularGraph> molecules, List<GraphExplanation> explanations, int[] predicted,
            double tau, int minAtoms, int topK) {
        GraphExplanation.requirePaired(molecules.stream().map(MolecularGraph::graph).toList(), explanations);
        if (predicted.length != molecules.size()) {
            throw new IllegalArgumentException(molecules.size() + " molecules but " + predicted.length + " predictions");
        }
        int classes = explanations.isEmpty() ? 0 : explanations.get(0).classes().size();
        Map<Integer, List<Fragment>> out = new HashMap<>();
        for (int c = 0; c < classes; c++) {
            Map<String, Integer> counts = new HashMap<>();
            int members = 0;
            for (int i = 0; i < molecules.size(); i++) {
                MolecularGraph m = molecules.get(i);
                if (m.graph().label() != c || predicted[i] != c) {
                    continue;
                }
                members++;
                for (String key : fragments(m.molecule(), explanations.get(i).maps()[c], tau, minAtoms)) {
                    counts.merge(key, 1, Integer::sum);
                }
            }
            int total = members;
            List<Fragment> list = new ArrayList<>();
            counts.forEach((k, v) -> list.add(new Fragment(k, v, total == 0 ? 0 : (double) v / total)));
            list.sort(Comparator.comparingInt(Fragment::molecules).reversed().thenComparing(Fragment::smiles));
            out.put(c, List.copyOf(list.subList(0, Math.min(topK, list.size()))));
        }
        return out;
    }

    /** CSV text {@code class,rank,smiles,molecules,fraction} ({@link io.xai4j.core.io.CsvTables}: quoted where needed). */
    public static String toCsv(Map<Integer, List<Fragment>> fragments, List<String> classes) {
        List<List<Object>> rows = new ArrayList<>();
        fragments.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            int rank = 1;
            for (Fragment f : e.getValue()) {
                rows.add(List.of(classes.get(e.getKey()), rank++, f.smiles(), f.molecules(),
                        String.format(java.util.Locale.ROOT, "%.4f", f.fraction())));
            }
        });
        return io.xai4j.core.io.CsvTables.toCsv(List.of("class", "rank", "smiles", "molecules", "fraction"), rows);
    }

    /** The distinct fragment SMILES of one molecule. */
    public static Set<String> fragments(IAtomContainer mol, float[] map, double tau, int minAtoms) {
        int n = mol.getAtomCount();
        BitSet salient = new BitSet(n);
        for (int i = 0; i < n; i++) {
            if (map[i] > tau) {
                salient.set(i);
            }
        }
        Set<String> keys = new HashSet<>();
        BitSet seen = new BitSet(n);
        for (int s = salient.nextSetBit(0); s >= 0; s = salient.nextSetBit(s + 1)) {
            if (seen.get(s)) {
                continue;
            }
            BitSet comp = new BitSet(n);
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            queue.add(s);
            seen.set(s);
            while (!queue.isEmpty()) {
                int a = queue.poll();
                comp.set(a);
                for (IAtom nb : mol.getConnectedAtomsList(mol.getAtom(a))) {
                    int j = mol.indexOf(nb);
                    if (salient.get(j) && !seen.get(j)) {
                        seen.set(j);
                        queue.add(j);
                    }
                }
            }
            if (comp.cardinality() >= minAtoms) {
                keys.add(ScaffoldSplit.smiles(mol, comp, false, SmiFlavor.Unique | SmiFlavor.UseAromaticSymbols));
            }
        }
        return keys;
    }
}

package io.xai4j.graph.chem;

import io.xai4j.graph.data.Split;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.graph.Cycles;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IBond;
import org.openscience.cdk.smiles.SmiFlavor;
import org.openscience.cdk.smiles.SmilesGenerator;

/**
 * Bemis–Murcko scaffold split (Bemis &amp; Murcko, J. Med. Chem. 1996; DeepChem {@code ScaffoldSplitter}
 * logic, docs/methods/molecules.md#scaffold-split): molecules grouped by scaffold, groups sorted by (size, first index) descending,
 * filled into train up to 0.8·n, then valid up to 0.9·n, then test.
 *
 * <p>The scaffold is computed here directly rather than with CDK's {@code MurckoFragmenter}, so that
 * it matches RDKit's {@code MurckoScaffold} on the case that CDK's fragmenter gets wrong (docs/methods/molecules.md#scaffold-split): ring systems
 * and linkers are kept, side chains pruned, and terminal atoms joined by a double or triple bond to a
 * kept atom (exocyclic C=O, S=O) stay on the scaffold. Atoms that lose side chains get the lost bond
 * orders back as hydrogens. The key is the CDK unique SMILES without stereo; acyclic molecules get "".
 */
public final class ScaffoldSplit {

    private ScaffoldSplit() {}

    /** The scaffold key of a molecule. */
    public static String scaffold(IAtomContainer mol) {
        int n = mol.getAtomCount();
        try {
            Cycles.markRingAtomsAndBonds(mol);
        } catch (RuntimeException e) {
            return "";
        }
        BitSet keep = new BitSet(n);
        keep.set(0, n);
        int[] degree = new int[n];
        for (IBond b : mol.bonds()) {
            degree[mol.indexOf(b.getBegin())]++;
            degree[mol.indexOf(b.getEnd())]++;
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = 0; i < n; i++) {
                if (keep.get(i) && degree[i] <= 1 && !mol.getAtom(i).isInRing()) {
                    keep.clear(i);
                    changed = true;
                    for (IAtom nb : mol.getConnectedAtomsList(mol.getAtom(i))) {
                        int j = mol.indexOf(nb);
                        if (keep.get(j)) {
                            degree[j]--;
                        }
                    }
                }
            }
        }
        if (keep.isEmpty()) {
            return "";
        }
        // RDKit's MurckoDecompose keeps every atom double-bonded to the scaffold, whatever else it carries
        // (C=O, but also the =C of an exocyclic C=C to a chain, or the N of a C=N–O oxime); its other bonds
        // are cut and capped with hydrogens. Triple-bonded neighbours are not kept.
        BitSet withExo = (BitSet) keep.clone();
        for (IBond b : mol.bonds()) {
            int u = mol.indexOf(b.getBegin()), v = mol.indexOf(b.getEnd());
            if (b.getOrder() == IBond.Order.DOUBLE && keep.get(u) != keep.get(v)) {
                withExo.set(keep.get(u) ? v : u);
            }
        }
        return smiles(mol, withExo, true, SmiFlavor.Unique);
    }

    /**
     * Canonical SMILES of the atoms in {@code keep}. With {@code capHydrogens}, bonds cut at the
     * border become hydrogens on the kept atom.
     */
    static String smiles(IAtomContainer mol, BitSet keep, boolean capHydrogens, int flavor) {
        try {
            IAtomContainer copy = mol.clone();
            List<IAtom> remove = new ArrayList<>();
            for (int i = 0; i < copy.getAtomCount(); i++) {
                if (!keep.get(i)) {
                    remove.add(copy.getAtom(i));
                }
            }
            if (capHydrogens) {
                for (IBond b : copy.bonds()) {
                    int u = copy.indexOf(b.getBegin()), v = copy.indexOf(b.getEnd());
                    if (keep.get(u) != keep.get(v)) {
                        IAtom kept = keep.get(u) ? b.getBegin() : b.getEnd();
                        int h = kept.getImplicitHydrogenCount() == null ? 0 : kept.getImplicitHydrogenCount();
                        kept.setImplicitHydrogenCount(h + (b.getOrder() == null || b.getOrder() == IBond.Order.UNSET ? 1 : b.getOrder().numeric()));
                    }
                }
            }
            for (IAtom a : remove) {
                copy.removeAtom(a);
            }
            return new SmilesGenerator(flavor).create(copy);
        } catch (CloneNotSupportedException | CDKException e) {
            throw new IllegalStateException("cannot write SMILES for a substructure: " + e.getMessage(), e);
        }
    }

    /** The DeepChem scaffold split with the given fractions. */
    public static Split split(List<MolecularGraph> molecules, double trainFraction, double validFraction) {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < molecules.size(); i++) {
            groups.computeIfAbsent(scaffold(molecules.get(i).molecule()), k -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> sets = new ArrayList<>(groups.values());
        sets.sort((a, b) -> a.size() != b.size() ? Integer.compare(b.size(), a.size()) : Integer.compare(b.get(0), a.get(0)));
        int n = molecules.size();
        double trainCut = trainFraction * n;
        double validCut = (trainFraction + validFraction) * n;
        List<Integer> train = new ArrayList<>(), valid = new ArrayList<>(), test = new ArrayList<>();
        for (List<Integer> set : sets) {
            if (train.size() + set.size() > trainCut) {
                if (train.size() + valid.size() + set.size() > validCut) {
                    test.addAll(set);
                } else {
                    valid.addAll(set);
                }
            } else {
                train.addAll(set);
            }
        }
        return new Split(train, valid, test);
    }

    /** The DeepChem default 80/10/10 scaffold split. */
    public static Split split(List<MolecularGraph> molecules) {
        return split(molecules, 0.8, 0.1);
    }
}

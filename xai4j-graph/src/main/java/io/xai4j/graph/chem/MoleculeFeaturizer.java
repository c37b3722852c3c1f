package io.xai4j.graph.chem;

import io.xai4j.graph.data.Edge;
import io.xai4j.graph.data.Graph;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openscience.cdk.aromaticity.Aromaticity;
import org.openscience.cdk.aromaticity.ElectronDonation;
import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.exception.InvalidSmilesException;
import org.openscience.cdk.graph.Cycles;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IAtomType;
import org.openscience.cdk.interfaces.IBond;
import org.openscience.cdk.silent.SilentChemObjectBuilder;
import org.openscience.cdk.smiles.SmilesParser;
import org.openscience.cdk.tools.manipulator.AtomContainerManipulator;

/**
 * Molecule → graph with CDK (docs/methods/molecules.md#atom-features): DeepChem {@code ConvMolFeaturizer.atom_features} order,
 * d = 75, heavy atoms in SMILES input order, bonds unweighted (bond order ignored, as in the official
 * adjacency). Salts and fragments stay as disconnected components.
 *
 * <p>Slots: 0–43 element one-hot (unknown → 43), 44–54 heavy degree 0..10, 55–59 total H 0..4
 * (unk → 59), 60–66 implicit valence 0..6 (unk → 66), 67 formal charge, 68 radical electrons,
 * 69–73 hybridization SP..SP3D2 (unk → 73), 74 aromatic. Substitutes for RDKit quantities (docs/methods/molecules.md#atom-features table):
 * implicit valence is the CDK implicit-H count for organic-subset atoms and 0 for bracket atoms;
 * radicals fall back, for bracket atoms CDK left without single electrons, to the gap between the
 * lowest allowed valence of the isoelectronic element and bond-order sum + H; hybridization comes from
 * the CDK atom type and may differ from RDKit for conjugated N/O.
 */
public final class MoleculeFeaturizer {

    public static final int FEATURES = 75;

    /** The element list of DeepChem's featuriser; the last entry catches everything else. */
    public static final List<String> SYMBOLS = List.of("C", "N", "O", "S", "F", "Si", "P", "Cl", "Br", "Mg", "Na", "Ca",
            "Fe", "As", "Al", "I", "B", "V", "K", "Tl", "Yb", "Sb", "Sn", "Ag", "Pd", "Co", "Se", "Ti", "Zn", "H", "Li", "Ge",
            "Cu", "Au", "Ni", "Cd", "In", "Mn", "Zr", "Cr", "Pt", "Hg", "Pb", "Unknown");

    static final int DEGREE = 44;
    static final int TOTAL_H = 55;
    static final int IMPLICIT_VALENCE = 60;
    static final int CHARGE = 67;
    static final int RADICAL = 68;
    static final int HYBRIDIZATION = 69;
    static final int AROMATIC = 74;

    private static final String BRACKET = "xai4j.bracket";

    /** Lowest allowed valence by (isoelectronic) atomic number, for the radical fallback. */
    private static final Map<Integer, Integer> LOWEST_VALENCE = Map.ofEntries(
            Map.entry(1, 1), Map.entry(2, 0), Map.entry(5, 3), Map.entry(6, 4), Map.entry(7, 3), Map.entry(8, 2),
            Map.entry(9, 1), Map.entry(10, 0), Map.entry(13, 3), Map.entry(14, 4), Map.entry(15, 3), Map.entry(16, 2),
            Map.entry(17, 1), Map.entry(18, 0), Map.entry(32, 4), Map.entry(33, 3), Map.entry(34, 2), Map.entry(35, 1),
            Map.entry(36, 0), Map.entry(51, 3), Map.entry(52, 2), Map.entry(53, 1), Map.entry(54, 0));
    private static final java.util.Set<String> NON_METALS =
            java.util.Set.of("B", "C", "N", "O", "F", "Si", "P", "S", "Cl", "Br", "I", "Se", "As", "Te", "Ge", "Sb");

    private MoleculeFeaturizer() {}

    /**
     * Parses SMILES as in docs/methods/molecules.md#parsing: CDK SmilesParser, atom typing (an atom without a type rejects the
     * molecule), explicit hydrogens suppressed, Daylight aromaticity re-perceived.
     */
    public static IAtomContainer parse(String smiles) throws MoleculeRejectedException {
        IAtomContainer mol;
        try {
            mol = new SmilesParser(SilentChemObjectBuilder.getInstance()).parseSmiles(smiles);
        } catch (InvalidSmilesException e) {
            throw new MoleculeRejectedException("unparseable SMILES: " + cdkReason(e.getMessage()));
        }
        List<Boolean> brackets = bracketAtoms(smiles);
        if (brackets.size() == mol.getAtomCount()) {
            for (int i = 0; i < brackets.size(); i++) {
                mol.getAtom(i).setProperty(BRACKET, brackets.get(i));
            }
        }
        try {
            AtomContainerManipulator.percieveAtomTypesAndConfigureAtoms(mol);
        } catch (CDKException e) {
            throw new MoleculeRejectedException("atom typing failed: " + cdkReason(e.getMessage()));
        }
        for (IAtom atom : mol.atoms()) {
            if (atom.getAtomTypeName() == null || "X".equals(atom.getAtomTypeName())) {
                throw new MoleculeRejectedException("atom " + (mol.indexOf(atom) + 1) + " (" + atom.getSymbol()
                        + ") has no CDK atom type (RDKit would fail sanitisation)");
            }
        }
        mol = AtomContainerManipulator.suppressHydrogens(mol);
        for (IAtom atom : mol.atoms()) {
            atom.setIsAromatic(false);
        }
        for (IBond bond : mol.bonds()) {
            bond.setIsAromatic(false);
        }
        try {
            new Aromaticity(ElectronDonation.daylight(), Cycles.or(Cycles.all(), Cycles.all(6))).apply(mol);
        } catch (CDKException e) {
            throw new MoleculeRejectedException("aromaticity perception failed: " + cdkReason(e.getMessage()));
        }
        return mol;
    }

    /**
     * A CDK exception message as one line: CDK writes "reason:", then the SMILES and a caret line under the
     * offending character; the reason loses its trailing colon and the caret becomes "(at character n)".
     */
    static String cdkReason(String message) {
        List<String> lines = String.valueOf(message).lines().toList();
        String reason = lines.isEmpty() ? "" : lines.get(0).strip();
        while (reason.endsWith(":")) {
            reason = reason.substring(0, reason.length() - 1).strip();
        }
        int caret = lines.size() >= 3 ? lines.get(2).indexOf('^') : -1;
        return caret >= 0 ? reason + " (at character " + (caret + 1) + ")" : reason;
    }

    /** Whether the k-th atom token of the SMILES is written in brackets. */
    static List<Boolean> bracketAtoms(String smiles) {
        List<Boolean> out = new ArrayList<>();
        int i = 0;
        while (i < smiles.length()) {
            char ch = smiles.charAt(i);
            if (ch == '[') {
                int end = smiles.indexOf(']', i);
                out.add(true);
                i = end < 0 ? smiles.length() : end + 1;
            } else if ((ch == 'C' && next(smiles, i) == 'l') || (ch == 'B' && next(smiles, i) == 'r')) {
                out.add(false);
                i += 2;
            } else if ("BCNOPSFIbcnops*".indexOf(ch) >= 0) {
                out.add(false);
                i++;
            } else if (ch == '%') {
                i += 3;
            } else {
                i++;
            }
        }
        return out;
    }

    private static char next(String s, int i) {
        return i + 1 < s.length() ? s.charAt(i + 1) : '\0';
    }

    /**
     * Names of the 75 feature slots, in order: {@code atom=<symbol>} (44), {@code degree=0..10},
     * {@code total_h=0..4}, {@code implicit_valence=0..6}, {@code formal_charge}, {@code radical_electrons},
     * {@code hybridization=SP|SP2|SP3|SP3D|other}, {@code aromatic}.
     */
    public static List<String> featureNames() {
        List<String> names = new ArrayList<>();
        SYMBOLS.forEach(sym -> names.add("atom=" + sym));
        for (int k = 0; k <= 10; k++) {
            names.add("degree=" + k);
        }
        for (int k = 0; k <= 4; k++) {
            names.add("total_h=" + k);
        }
        for (int k = 0; k <= 6; k++) {
            names.add("implicit_valence=" + k);
        }
        names.add("formal_charge");
        names.add("radical_electrons");
        for (String h : List.of("SP", "SP2", "SP3", "SP3D", "other")) {
            names.add("hybridization=" + h);
        }
        names.add("aromatic");
        return List.copyOf(names);
    }

    /** The 75-dim feature rows, row i = heavy atom i. */
    public static float[][] features(IAtomContainer mol) {
        float[][] x = new float[mol.getAtomCount()][FEATURES];
        for (int i = 0; i < x.length; i++) {
            IAtom atom = mol.getAtom(i);
            float[] f = x[i];
            int sym = SYMBOLS.indexOf(atom.getSymbol());
            f[sym < 0 ? SYMBOLS.size() - 1 : sym] = 1f;
            f[DEGREE + Math.min(mol.getConnectedBondsCount(atom), 10)] = 1f;
            int h = hydrogens(atom);
            f[TOTAL_H + Math.min(h, 4)] = 1f;
            int implicitValence = isBracket(atom) ? 0 : h;
            f[IMPLICIT_VALENCE + Math.min(implicitValence, 6)] = 1f;
            f[CHARGE] = atom.getFormalCharge() == null ? 0 : atom.getFormalCharge();
            f[RADICAL] = radicals(mol, atom);
            f[HYBRIDIZATION + hybridization(atom.getHybridization())] = 1f;
            f[AROMATIC] = atom.isAromatic() ? 1f : 0f;
        }
        return x;
    }

    /** The molecule graph: features, unweighted bonds in atom order, the given label. */
    public static Graph graph(String id, IAtomContainer mol, int label) {
        List<Edge> edges = new ArrayList<>();
        for (IBond bond : mol.bonds()) {
            edges.add(Edge.of(mol.indexOf(bond.getBegin()), mol.indexOf(bond.getEnd())));
        }
        String[] names = new String[mol.getAtomCount()];
        for (int i = 0; i < names.length; i++) {
            names[i] = mol.getAtom(i).getSymbol();
        }
        return new Graph(id, features(mol), edges, false, label, names, null, null);
    }

    static int hydrogens(IAtom atom) {
        return atom.getImplicitHydrogenCount() == null ? 0 : atom.getImplicitHydrogenCount();
    }

    private static boolean isBracket(IAtom atom) {
        Object v = atom.getProperty(BRACKET);
        return v instanceof Boolean b && b;
    }

    private static int radicals(IAtomContainer mol, IAtom atom) {
        int assigned = mol.getConnectedSingleElectronsCount(atom);
        if (assigned > 0 || !isBracket(atom) || !NON_METALS.contains(atom.getSymbol())) {
            return assigned;
        }
        int charge = atom.getFormalCharge() == null ? 0 : atom.getFormalCharge();
        Integer lowest = LOWEST_VALENCE.get(atom.getAtomicNumber() - charge);
        if (lowest == null) {
            return 0;
        }
        int used = hydrogens(atom);
        for (IBond bond : mol.getConnectedBondsList(atom)) {
            used += bond.getOrder() == null || bond.getOrder() == IBond.Order.UNSET ? 1 : bond.getOrder().numeric();
        }
        return Math.max(0, lowest - used);
    }

    private static int hybridization(IAtomType.Hybridization h) {
        if (h == null) {
            return 4;
        }
        return switch (h) {
            case SP1 -> 0;
            case SP2, PLANAR3 -> 1;
            case SP3 -> 2;
            case SP3D1 -> 3;
            default -> 4;
        };
    }
}

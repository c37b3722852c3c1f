package io.xai4j.graph.chem;

import static io.xai4j.graph.chem.MoleculeFeaturizer.AROMATIC;
import static io.xai4j.graph.chem.MoleculeFeaturizer.CHARGE;
import static io.xai4j.graph.chem.MoleculeFeaturizer.DEGREE;
import static io.xai4j.graph.chem.MoleculeFeaturizer.HYBRIDIZATION;
import static io.xai4j.graph.chem.MoleculeFeaturizer.IMPLICIT_VALENCE;
import static io.xai4j.graph.chem.MoleculeFeaturizer.RADICAL;
import static io.xai4j.graph.chem.MoleculeFeaturizer.TOTAL_H;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xai4j.graph.data.Graph;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The featurisation fixtures of docs/methods/molecules.md#where-in-the-code, written out by hand from the slot table (#atom-features). */
class MoleculeFeaturizerTest {

    private static final int SP = 0, SP2 = 1, SP3 = 2;

    /** Expected vector: element, heavy degree, total H, implicit valence, charge, radicals, hybridization, aromatic. */
    private static float[] atom(String symbol, int degree, int h, int implicitValence, int charge, int radicals, int hyb, boolean aromatic) {
        float[] f = new float[75];
        f[MoleculeFeaturizer.SYMBOLS.indexOf(symbol)] = 1;
        f[DEGREE + degree] = 1;
        f[TOTAL_H + h] = 1;
        f[IMPLICIT_VALENCE + implicitValence] = 1;
        f[CHARGE] = charge;
        f[RADICAL] = radicals;
        f[HYBRIDIZATION + hyb] = 1;
        f[AROMATIC] = aromatic ? 1 : 0;
        return f;
    }

    private static float[][] features(String smiles) throws MoleculeRejectedException {
        return MolecularGraph.of(smiles, 0, 0).graph().x();
    }

    private static void assertAtoms(String smiles, float[]... expected) throws MoleculeRejectedException {
        float[][] x = features(smiles);
        assertEquals(expected.length, x.length, smiles + ": heavy atom count");
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], x[i], smiles + ": atom " + i);
        }
    }

    @Test
    void aceticAcid() throws Exception {
        assertAtoms("CC(=O)O",
                atom("C", 1, 3, 3, 0, 0, SP3, false),
                atom("C", 3, 0, 0, 0, 0, SP2, false),
                atom("O", 1, 0, 0, 0, 0, SP2, false),
                atom("O", 1, 1, 1, 0, 0, SP3, false));
    }

    @Test
    void phenol() throws Exception {
        float[] ch = atom("C", 2, 1, 1, 0, 0, SP2, true);
        assertAtoms("c1ccccc1O", ch, ch, ch, ch, ch, atom("C", 3, 0, 0, 0, 0, SP2, true), atom("O", 1, 1, 1, 0, 0, SP3, false));
    }

    @Test
    void methylammoniumBracketHydrogensAreNotImplicitValence() throws Exception {
        assertAtoms("C[NH3+]", atom("C", 1, 3, 3, 0, 0, SP3, false), atom("N", 1, 3, 0, 1, 0, SP3, false));
    }

    @Test
    void saltIsKeptAsTwoComponents() throws Exception {
        MolecularGraph m = MolecularGraph.of("[Na+].[Cl-]", 0, 0);
        assertEquals(0, m.graph().edges().size());
        float[][] x = m.graph().x();
        assertEquals(1f, x[0][MoleculeFeaturizer.SYMBOLS.indexOf("Na")]);
        assertEquals(1f, x[0][CHARGE]);
        assertEquals(1f, x[1][MoleculeFeaturizer.SYMBOLS.indexOf("Cl")]);
        assertEquals(-1f, x[1][CHARGE]);
        for (float[] row : x) {
            assertEquals(1f, row[DEGREE], "isolated ions have degree 0");
            assertEquals(1f, row[TOTAL_H], "no hydrogens");
            assertEquals(0f, row[RADICAL], "closed shell");
        }
    }

    @Test
    void alanineWithStereoBracketAtom() throws Exception {
        assertAtoms("N[C@@H](C)C(=O)O",
                atom("N", 1, 2, 2, 0, 0, SP3, false),
                atom("C", 3, 1, 0, 0, 0, SP3, false),
                atom("C", 1, 3, 3, 0, 0, SP3, false),
                atom("C", 3, 0, 0, 0, 0, SP2, false),
                atom("O", 1, 0, 0, 0, 0, SP2, false),
                atom("O", 1, 1, 1, 0, 0, SP3, false));
    }

    @Test
    void carbeneGetsRadicalsFromTheValenceGap() throws Exception {
        assertEquals(2f, features("[CH2]")[0][RADICAL]);
        assertEquals(0f, features("C[O-]")[1][RADICAL], "O− is isoelectronic with F: valence 1 is satisfied");
    }

    @Test
    void featureRowsAndAdjacencyDescribeTheSameAtoms() throws Exception {
        // Row i of X and row i of A must both be the i-th heavy atom in SMILES order.
        for (String smiles : List.of("OC(=O)c1ccccc1N", "[H]OC([H])([H])C#N", "Clc1ccc(Br)cc1S(=O)(=O)N")) {
            MolecularGraph m = MolecularGraph.of(smiles, 0, 0);
            Graph g = m.graph();
            float[][] a = g.adjacency();
            for (int i = 0; i < g.numNodes(); i++) {
                int neighbours = 0;
                for (float v : a[i]) {
                    neighbours += v != 0 ? 1 : 0;
                }
                int degreeSlot = -1;
                for (int k = 0; k <= 10; k++) {
                    if (g.x()[i][DEGREE + k] == 1f) {
                        degreeSlot = k;
                    }
                }
                assertEquals(neighbours, degreeSlot, smiles + " atom " + i + ": degree in X vs neighbours in A");
                assertEquals(1f, g.x()[i][MoleculeFeaturizer.SYMBOLS.indexOf(m.molecule().getAtom(i).getSymbol())]);
            }
        }
        Graph g = MolecularGraph.of("OC(=O)c1ccccc1N", 0, 0).graph();
        assertEquals("O", g.nodeNames()[0]);
        assertEquals("N", g.nodeNames()[9]);
        assertEquals(1f, g.adjacency()[8][9], "the amine N (atom 9) bonds to ring atom 8");
        assertEquals(1f, g.x()[0][MoleculeFeaturizer.SYMBOLS.indexOf("O")]);
    }

    @Test
    void explicitHydrogensAreSuppressedInOrder() throws Exception {
        float[][] x = features("[H]OC([H])([H])C#N");
        assertEquals(4, x.length, "O, C, C, N");
        assertEquals(1f, x[0][MoleculeFeaturizer.SYMBOLS.indexOf("O")]);
        assertEquals(1f, x[3][MoleculeFeaturizer.SYMBOLS.indexOf("N")]);
        assertEquals(1f, x[0][TOTAL_H + 1]);
        assertEquals(1f, x[1][TOTAL_H + 2]);
        assertEquals(1f, x[2][HYBRIDIZATION + SP]);
        assertEquals(1f, x[3][HYBRIDIZATION + SP]);
    }

    @Test
    void cdkReasonsAreOneCompleteLineWithoutADanglingColon() {
        for (String smiles : new String[] {"C1CC", "c1cccc1", "not a smiles", "CC(C", "C%"}) {
            MoleculeRejectedException e = assertThrows(MoleculeRejectedException.class, () -> MolecularGraph.of(smiles, 0, 0));
            String m = e.getMessage();
            assertFalse(m.isBlank() || m.contains("\n") || m.strip().endsWith(":"), smiles + " -> '" + m + "'");
        }
        MoleculeRejectedException ring = assertThrows(MoleculeRejectedException.class, () -> MolecularGraph.of("C1CC", 0, 0));
        assertTrue(ring.getMessage().startsWith("unparseable SMILES: ") && ring.getMessage().toLowerCase(java.util.Locale.ROOT).contains("unclosed ring")
                && ring.getMessage().endsWith("(at character 4)"), ring.getMessage());
    }

    @Test
    void unparseableAndUntypeableSmilesAreRejected() {
        assertThrows(MoleculeRejectedException.class, () -> MolecularGraph.of("C1CC", 0, 0));
        assertThrows(MoleculeRejectedException.class, () -> MolecularGraph.of("c1cccc1", 0, 0));
        assertThrows(MoleculeRejectedException.class, () -> MolecularGraph.of("not a smiles", 0, 0));
    }
}

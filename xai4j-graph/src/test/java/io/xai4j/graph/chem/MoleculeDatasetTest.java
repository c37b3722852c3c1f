package io.xai4j.graph.chem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xai4j.graph.data.Split;
import java.io.StringReader;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MoleculeDatasetTest {

    private static final List<String> CLASSES = List.of("no", "yes");

    @Test
    void badSmilesAreSkippedWithTheirLineAndCounted() throws Exception {
        String csv = "name,smiles,label\n"
                + "a,CCO,1\n"
                + "b,C1CC,0\n"
                + "c,\"c1ccccc1\",0\n"
                + "d,CC(,1\n"
                + "e,CCN,\n";
        MoleculeDataset ds = MoleculeDataset.read("toy", "toy.csv", new StringReader(csv), "smiles", "label", CLASSES);
        assertEquals(5, ds.rows());
        assertEquals(2, ds.molecules().size());
        assertEquals(1, ds.unlabelled());
        assertEquals(2, ds.rejected().size());
        assertEquals(3, ds.rejected().get(0).line());
        assertEquals(5, ds.rejected().get(1).line());
        assertEquals(4, ds.molecules().get(1).line());
    }

    @Test
    void columnsAreFoundByHeaderNameAndErrorsNameLineAndField() {
        String swapped = "label,smiles\n1,CCO\n";
        MoleculeDataset ds = assertDoesNotThrow(swapped);
        assertEquals(1, ds.molecules().get(0).graph().label());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MoleculeDataset.read("t", "t.csv", new StringReader("smiles,label\nCCO,7\n"), "smiles", "label", CLASSES));
        assertTrue(e.getMessage().contains("t.csv line 2") && e.getMessage().contains("'label'"), e.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> MoleculeDataset.read("t", "t.csv", new StringReader("smi,label\nCCO,1\n"), "smiles", "label", CLASSES));
        assertTrue(missing.getMessage().contains("line 1") && missing.getMessage().contains("'smiles'"), missing.getMessage());
    }

    private static MoleculeDataset assertDoesNotThrow(String csv) {
        try {
            return MoleculeDataset.read("t", "t.csv", new StringReader(csv), "smiles", "label", CLASSES);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void scaffoldKeepsRingsLinkersAndExocyclicDoubleBonds() throws Exception {
        assertEquals(ScaffoldSplit.scaffold(MolecularGraph.of("c1ccccc1CCc1ccccc1", 0, 0).molecule()),
                ScaffoldSplit.scaffold(MolecularGraph.of("Oc1ccccc1CCc1ccc(C)cc1", 0, 0).molecule()));
        assertEquals("", ScaffoldSplit.scaffold(MolecularGraph.of("CCCC(=O)O", 0, 0).molecule()));
        String withKetone = ScaffoldSplit.scaffold(MolecularGraph.of("CC1CCC(=O)CC1", 0, 0).molecule());
        assertEquals(ScaffoldSplit.scaffold(MolecularGraph.of("O=C1CCCCC1", 0, 0).molecule()), withKetone);
        assertTrue(withKetone.contains("O"), "exocyclic C=O stays on the scaffold as in RDKit: " + withKetone);
        String ester = ScaffoldSplit.scaffold(MolecularGraph.of("c1ccccc1C(=O)OC", 0, 0).molecule());
        assertEquals(ScaffoldSplit.scaffold(MolecularGraph.of("c1ccccc1", 0, 0).molecule()), ester, "side-chain carbonyls go");
        // RDKit's MurckoDecompose keeps any atom double-bonded to the scaffold, also when it carries a chain
        // (amitriptyline: RDKit's scaffold is C=C1c2ccccc2CCc2ccccc21) or another atom (an oxime's N of C=N–O)
        String amitriptyline = ScaffoldSplit.scaffold(MolecularGraph.of("CN(C)CCC=C1c2ccccc2CCc3ccccc13", 0, 0).molecule());
        assertEquals(ScaffoldSplit.scaffold(MolecularGraph.of("C=C1c2ccccc2CCc2ccccc21", 0, 0).molecule()), amitriptyline);
        assertNotEquals(ScaffoldSplit.scaffold(MolecularGraph.of("C1c2ccccc2CCc2ccccc21", 0, 0).molecule()), amitriptyline);
        assertEquals(ScaffoldSplit.scaffold(MolecularGraph.of("N=C1CCCCC1", 0, 0).molecule()),
                ScaffoldSplit.scaffold(MolecularGraph.of("CC1CCC(=NO)CC1", 0, 0).molecule()));
        // a triple-bonded neighbour is not kept (RDKit keeps double bonds only)
        assertEquals(ScaffoldSplit.scaffold(MolecularGraph.of("c1ccccc1", 0, 0).molecule()),
                ScaffoldSplit.scaffold(MolecularGraph.of("c1ccccc1C#N", 0, 0).molecule()));
    }

    @Test
    void scaffoldSplitFillsTrainWithLargestGroupsFirst() throws Exception {
        String[] smiles = {"c1ccccc1C", "c1ccccc1O", "c1ccccc1N", "C1CCCCC1C", "C1CCCCC1O", "c1ccncc1", "CCO", "C1CC1", "c1ccoc1", "c1ccsc1"};
        List<MolecularGraph> mols = new java.util.ArrayList<>();
        for (String s : smiles) {
            mols.add(MolecularGraph.of(s, 0, 0));
        }
        Split split = ScaffoldSplit.split(mols);
        assertTrue(split.train().containsAll(List.of(0, 1, 2, 3, 4)), "benzene (3) and cyclohexane (2) groups go to train: " + split);
        assertEquals(8, split.train().size());
        Set<Integer> all = new HashSet<>(split.train());
        all.addAll(split.valid());
        all.addAll(split.test());
        assertEquals(10, all.size());
        // DeepChem order: groups by size, ties by first index descending → {9}, {8}, {7} fill train to 8,
        // then {6} (CCO, empty scaffold) goes to valid and {5} to test
        assertEquals(List.of(6), split.valid());
        assertEquals(List.of(5), split.test());
    }

    @Test
    void bundledBbbpLoadsWithReportedRejects() {
        MoleculeDataset bbbp = MoleculeDataset.bbbp();
        assertEquals(2050, bbbp.rows());
        assertEquals(bbbp.rows(), bbbp.molecules().size() + bbbp.rejected().size() + bbbp.unlabelled());
        // the counts docs/graph.md reports (official: 2039 of 2050 parsed)
        assertEquals(2039, bbbp.molecules().size(), "parsed");
        assertEquals(11, bbbp.rejected().size(), "rejected");
        MoleculeDataset bace = MoleculeDataset.bace();
        assertEquals(1513, bace.molecules().size() + bace.rejected().size() + bace.unlabelled());
        assertEquals(0, bace.rejected().size(), "BACE: 1513 parsed, 0 rejected (official 1512)");
        for (MolecularGraph m : bbbp.molecules()) {
            assertEquals(75, m.graph().featureDim());
        }
        assertEquals("Propanolol", bbbp.molecules().get(0).graph().id(), "BBBP molecules go by their name");
        assertEquals("[Cl].CC(C)NCC(O)COc1cccc2ccccc12", bbbp.molecules().get(0).smiles());
        MolecularGraph firstBace = bace.molecules().get(0);
        assertEquals(firstBace.smiles(), firstBace.graph().id(), "BACE has no name column: the id stays the SMILES");
    }

    @Test
    void aNameColumnGivesTheGraphIdsAndTheSmilesStay() throws Exception {
        String csv = "num,name,label,smiles\n"
                + "1,ethanol,1,CCO\n"
                + "2,,0,c1ccccc1O\n"
                + "3,ethanol,0,CCCO\n";
        MoleculeDataset ds = MoleculeDataset.read("toy", "toy.csv", new StringReader(csv), "smiles", "label", "name", CLASSES);
        assertEquals(List.of("ethanol", "c1ccccc1O", "ethanol"), ds.graphs().stream().map(io.xai4j.graph.data.Graph::id).toList(),
                "a row without a name keeps its SMILES as id, as a .smi line without one does");
        assertEquals(List.of("CCO", "c1ccccc1O", "CCCO"), ds.molecules().stream().map(MolecularGraph::smiles).toList());
        assertEquals(List.of("CCO", "c1ccccc1O", "CCCO"), MoleculeDataset.read("toy", "toy.csv", new StringReader(csv), "smiles", "label", CLASSES)
                .graphs().stream().map(io.xai4j.graph.data.Graph::id).toList(), "without an id column the ids are the SMILES");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> MoleculeDataset.read("t", "t.csv", new StringReader("smiles,label\nCCO,1\n"), "smiles", "label", "name", CLASSES));
        assertEquals("t.csv line 1: header [smiles, label] lacks column 'name'", missing.getMessage());
        IllegalArgumentException shortRow = assertThrows(IllegalArgumentException.class,
                () -> MoleculeDataset.read("t", "t.csv", new StringReader("smiles,label,name\nCCO,1\n"), "smiles", "label", "name", CLASSES));
        assertEquals("t.csv line 2: 2 cells, expected at least 3", shortRow.getMessage());
    }

    @Test
    void csvQuotingBlankLinesAndByteOrderMarkFollowRfc4180() throws Exception {
        // a quoted cell with a comma and an escaped quote, a blank line, a BOM before the header, CRLF line ends
        String csv = "\uFEFFname,smiles,label\r\n"
                + "\"aspirin, \"\"plain\"\"\",CC(=O)Oc1ccccc1C(=O)O,1\r\n"
                + "\r\n"
                + "ethanol,CCO,0.0\r\n";
        MoleculeDataset ds = MoleculeDataset.read("toy", "toy.csv", new StringReader(csv), "smiles", "label", CLASSES);
        assertEquals(2, ds.rows());
        assertEquals(2, ds.molecules().size());
        assertEquals(2, ds.molecules().get(0).line());
        assertEquals(4, ds.molecules().get(1).line(), "the blank line 3 is skipped, not renumbered");
        assertEquals(13, ds.molecules().get(0).molecule().getAtomCount());
        assertEquals(0, ds.molecules().get(1).graph().label());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MoleculeDataset.read("t", "t.csv",
                new StringReader("smiles,label\nCCO,1\n\"CC\"x,1\n"), "smiles", "label", CLASSES));
        assertTrue(e.getMessage().startsWith("t.csv line 3: malformed CSV"), e.getMessage());
    }

    @Test
    void smilesFilesGiveNamedUnlabelledMoleculesAndReportBadLines(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path smi = dir.resolve("mine.smi");
        java.nio.file.Files.writeString(smi, "# my compounds\n"
                + "CC(=O)Oc1ccccc1C(=O)O aspirin (acetylsalicylic acid)\n"
                + "\n"
                + "CC( broken\n"
                + "c1ccccc1O\n");
        MoleculeDataset ds = MoleculeDataset.readSmiles(smi);
        assertEquals(3, ds.rows());
        assertEquals(2, ds.molecules().size());
        assertEquals(List.of(), ds.classes());
        MolecularGraph aspirin = ds.molecules().get(0);
        assertEquals("aspirin (acetylsalicylic acid)", aspirin.graph().id());
        assertEquals("CC(=O)Oc1ccccc1C(=O)O", aspirin.smiles());
        assertEquals(2, aspirin.line());
        assertEquals(-1, aspirin.graph().label());
        assertEquals("c1ccccc1O", ds.molecules().get(1).graph().id(), "without a name the id is the SMILES");
        assertEquals(1, ds.rejected().size());
        assertEquals(4, ds.rejected().get(0).line());
        assertEquals("CC(", ds.rejected().get(0).smiles());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> MoleculeDataset.readSmiles(dir.resolve("no.smi")));
        assertTrue(missing.getMessage().contains("no.smi"), missing.getMessage());
    }
}

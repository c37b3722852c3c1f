package io.xai4j.graph.chem;

import io.xai4j.graph.data.Graph;
import org.openscience.cdk.interfaces.IAtomContainer;

/**
 * A molecule as a graph together with its source: row i of the graph is atom i of {@code molecule}.
 *
 * @param graph features and bonds
 * @param smiles the input SMILES
 * @param line 1-based line of the CSV file (header = line 1), or 0 when not from a file
 * @param molecule the CDK molecule (hydrogens suppressed, Daylight aromaticity); treat as read-only
 */
public record MolecularGraph(Graph graph, String smiles, int line, IAtomContainer molecule) {

    /** Parses and featurises one SMILES; the graph's id is the SMILES. */
    public static MolecularGraph of(String smiles, int label, int line) throws MoleculeRejectedException {
        return of(smiles, smiles, label, line);
    }

    /**
     * Parses and featurises one SMILES under the graph id {@code id} (e.g. the molecule's name).
     *
     * @param label class index, or −1 when unknown
     */
    public static MolecularGraph of(String smiles, String id, int label, int line) throws MoleculeRejectedException {
        IAtomContainer mol = MoleculeFeaturizer.parse(smiles);
        if (mol.getAtomCount() == 0) {
            throw new MoleculeRejectedException("molecule has no heavy atoms");
        }
        return new MolecularGraph(MoleculeFeaturizer.graph(id, mol, label), smiles, line, mol);
    }
}

package io.xai4j.graph.chem;

/** A SMILES string that cannot become a molecule graph (parse failure or an atom without a CDK atom type). */
public final class MoleculeRejectedException extends Exception {

    public MoleculeRejectedException(String message) {
        super(message);
    }
}

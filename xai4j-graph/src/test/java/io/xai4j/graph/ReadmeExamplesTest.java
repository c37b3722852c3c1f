package io.xai4j.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xai4j.graph.chem.MolecularGraph;
import io.xai4j.graph.chem.MoleculeFeaturizer;
import io.xai4j.graph.explain.ExcitationBackprop;
import io.xai4j.graph.explain.GradCam;
import io.xai4j.graph.explain.GraphExplanation;
import io.xai4j.graph.model.Gcn;
import io.xai4j.graph.render.MoleculeDepiction;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Using it from Java" molecule example, run as written on a small random-weight GCN saved
 * to a file, so the documented calls keep compiling and keep doing what the README says.
 */
class ReadmeExamplesTest {

    @Test
    void explainOneMoleculeWithASavedGcn(@TempDir Path dir) throws Exception {
        Path modelFile = dir.resolve("model.gcn");
        try (Gcn fresh = Gcn.create(MoleculeFeaturizer.FEATURES, new int[] {16, 16, 16}, List.of("p_np = 0", "p_np = 1"), 5)) {
            fresh.save(modelFile);
        }

        // --- README: "Using it from Java", molecules ---
        MolecularGraph aspirin = MolecularGraph.of("CC(=O)Oc1ccccc1C(=O)O", "aspirin", -1, 0);   // label −1: unknown, line 0: not from a file
        try (Gcn model = Gcn.load(modelFile)) {
            GraphExplanation gradCam = GradCam.builder().setModel(model).build().explain(aspirin.graph());
            GraphExplanation eb = ExcitationBackprop.builder().setModel(model).build().explain(aspirin.graph());
            float[] atoms = gradCam.maps()[1];                                              // class 1's map, one value per atom, in [0,1]
            String svg = MoleculeDepiction.svg(aspirin.molecule(), atoms, "Grad-CAM, class 1", 400, 300);
            // --- end of the README example ---

            assertEquals(13, aspirin.molecule().getAtomCount());
            assertEquals("aspirin", gradCam.graphId());
            assertEquals(13, atoms.length);
            for (float a : atoms) {
                assertTrue(a >= 0f && a <= 1f, "normalised map value " + a);
            }
            for (int c = 0; c < 2; c++) {
                double mass = 0;
                for (float v : eb.raw()[c]) {
                    assertTrue(v >= 0f);
                    mass += v;
                }
                assertEquals(1.0, mass, 1e-4, "EB keeps the unit probability mass of class " + c);
            }
            assertTrue(svg.startsWith("<?xml") || svg.contains("<svg"), svg.substring(0, Math.min(80, svg.length())));
        }
    }
}

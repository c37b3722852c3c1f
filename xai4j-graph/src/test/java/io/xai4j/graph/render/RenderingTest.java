package io.xai4j.graph.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xai4j.core.report.HtmlReport;
import io.xai4j.graph.chem.MolecularGraph;
import io.xai4j.graph.chem.SalientSubstructures;
import io.xai4j.graph.data.Graph;
import io.xai4j.graph.explain.GraphExplanation;
import io.xai4j.graph.synth.Ba2Motifs;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RenderingTest {

    @Test
    void saliencyBinsRunFromWhiteToRed() {
        assertEquals(0, MoleculeDepiction.bin(0f));
        assertEquals(0, MoleculeDepiction.bin(0.09f));
        assertEquals(9, MoleculeDepiction.bin(1f));
        Color low = MoleculeDepiction.binColour(0), high = MoleculeDepiction.binColour(9);
        assertEquals(255, high.getRed());
        assertTrue(high.getGreen() < low.getGreen() && low.getGreen() > 200);
    }

    @Test
    void moleculeDepictionsAndGraphDrawingsRender() throws Exception {
        MolecularGraph m = MolecularGraph.of("c1ccccc1O", 0, 0);
        BufferedImage img = MoleculeDepiction.image(m.molecule(), new float[] {0, 0.2f, 0.4f, 0.6f, 0.8f, 1f, 1f}, "phenol <test>", 200, 160);
        assertEquals(200, img.getWidth());
        assertTrue(MoleculeDepiction.svg(m.molecule(), new float[7], "t", 200, 160).contains("<svg"));
        Graph g = Ba2Motifs.generate(1, 0).get(0);
        double[][] a = GraphDrawing.layout(g, 7), b = GraphDrawing.layout(g, 7);
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], "seeded layout is deterministic");
        }
        String svg = GraphDrawing.svg(g, new float[25], "<b>", 200, 1);
        assertTrue(svg.contains("&lt;b&gt;") && !svg.contains("<b>"), "titles are escaped");
        assertEquals(180, GraphDrawing.image(g, new float[25], "x", 180, 1).getHeight());
        HtmlReport r = new HtmlReport("t");
        try (io.xai4j.graph.model.Gcn gcn = io.xai4j.graph.model.Gcn.create(10, new int[] {4, 4, 4}, Ba2Motifs.CLASSES, 0)) {
            io.xai4j.graph.report.GraphReportSections.addGraphSection(r, "g", "G", gcn, List.of(g),
                    Map.of("CAM", List.of(GraphExplanation.of("CAM", Ba2Motifs.CLASSES, new float[2][25], Map.of()))), 1, 0);
        }
        assertTrue(r.render().contains("data:image/png;base64,"));
    }

    @Test
    void salientFragmentsAreConnectedComponentsKeyedBySmiles() throws Exception {
        // Acetanilide-like: CC(=O)Nc1ccccc1; mark the amide C(=O)N and the ring separately.
        MolecularGraph m = MolecularGraph.of("CC(=O)Nc1ccccc1", 1, 0);
        float[] map = {0, 1, 1, 0, 1, 1, 1, 1, 1, 1};
        Set<String> f = SalientSubstructures.fragments(m.molecule(), map, 0.01, 2);
        // Cut bonds are not capped (docs/methods/molecules.md#salient-substructures): atoms that lost a bond show as bracket radicals.
        assertEquals(Set.of("[C]=O", "[c]1ccccc1"), f);
        GraphExplanation e = GraphExplanation.of("x", List.of("a", "b"), new float[][] {new float[10], map}, Map.of());
        var counts = SalientSubstructures.analyse(List.of(m, m), List.of(e, e), new int[] {1, 1}, 0.01, 2, 20);
        assertEquals(2, counts.get(1).get(0).molecules());
        assertEquals(1.0, counts.get(1).get(0).fraction());
        assertTrue(counts.get(0).isEmpty());
        String csv = SalientSubstructures.toCsv(counts, List.of("a", "b"));
        // read back with the CSV library: one row per fragment of class b, in rank order
        var records = org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new java.io.StringReader(csv)).getRecords();
        assertEquals(counts.get(1).size(), records.size(), csv);
        assertEquals("b", records.get(0).get("class"));
        assertEquals("1", records.get(0).get("rank"));
        assertEquals(counts.get(1).get(0).smiles(), records.get(0).get("smiles"));
        assertEquals("2", records.get(0).get("molecules"));
        assertEquals("1.0000", records.get(0).get("fraction"));
    }
}

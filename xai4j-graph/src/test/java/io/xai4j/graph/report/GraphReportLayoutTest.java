package io.xai4j.graph.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xai4j.core.report.HtmlReport;
import io.xai4j.graph.chem.MolecularGraph;
import io.xai4j.graph.chem.MoleculeFeaturizer;
import io.xai4j.graph.data.Graph;
import io.xai4j.graph.explain.GraphExplanation;
import io.xai4j.graph.model.Gcn;
import io.xai4j.graph.render.GraphDrawing;
import io.xai4j.graph.render.MoleculeDepiction;
import io.xai4j.graph.synth.Ba2Motifs;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The layout faults of issue 20 (defect 9) in graph reports, each checked on the pictures or the HTML. */
class GraphReportLayoutTest {

    private static final List<String> CLASSES = List.of("a", "b");

    @Test
    void highlightingDoesNotChangeWhichAtomSymbolsAreDrawn() throws Exception {
        MolecularGraph m = MolecularGraph.of("CCCC(=O)O", 0, 0);
        int n = m.molecule().getAtomCount();
        float[] all = new float[n];
        Arrays.fill(all, 0.95f);
        String plain = MoleculeDepiction.svg(m.molecule(), new float[n], null, 260, 220);
        String highlighted = MoleculeDepiction.svg(m.molecule(), all, null, 260, 220);
        // CDK's SVG has one class='atom' element per drawn atom symbol: here the two oxygens only
        assertEquals(2, count(plain, "class='atom'"), plain);
        assertEquals(2, count(highlighted, "class='atom'"), "highlighted carbons must not get 'CH' / 'HC' labels");
    }

    @Test
    void highlightsStayInsideThePicture() throws Exception {
        for (String smiles : List.of("CCCC(=O)O", "OC1=CC=CC=C1", "CN1C=NC2=C1C(=O)N(C(=O)N2C)C")) {
            MolecularGraph m = MolecularGraph.of(smiles, 0, 0);
            float[] all = new float[m.molecule().getAtomCount()];
            Arrays.fill(all, 1f);
            BufferedImage img = MoleculeDepiction.image(m.molecule(), all, null, 260, 220);
            assertEquals(0, nonWhiteBorderPixels(img), smiles + ": the glow is clipped at the picture's edge");
        }
    }

    @Test
    void moleculePanelsCarryTheirTitleOnceAsCaption() throws Exception {
        MolecularGraph m = MolecularGraph.of("c1ccccc1O", 0, 0);
        float[] map = {0, 0.2f, 0.4f, 0.6f, 0.8f, 1f, 1f};
        HtmlReport r = new HtmlReport("t");
        try (Gcn gcn = Gcn.create(MoleculeFeaturizer.FEATURES, new int[] {4, 4, 4}, CLASSES, 0)) {
            GraphReportSections.addMoleculeSection(r, "m", "M", gcn, List.of(m),
                    Map.of("CAM", List.of(GraphExplanation.of("CAM", CLASSES, new float[][] {map, map}, Map.of()))), null, null, 1, null);
        }
        String html = r.render();
        List<BufferedImage> panels = pngs(html);
        // the legend, then one panel per class; each panel is the untitled depiction (the caption names it)
        assertEquals(3, panels.size());
        assertSamePixels(MoleculeDepiction.image(m.molecule(), map, null, 260, 220), panels.get(1));
        assertTrue(html.contains("<figcaption>CAM: a p="), html);
    }

    @Test
    void graphPanelsCarryTheirTitleOnceAndTheReportHasALegend() throws Exception {
        Graph g = Ba2Motifs.generate(1, 0).get(0);
        float[] map = new float[g.numNodes()];
        map[3] = 1f;
        HtmlReport r = new HtmlReport("t");
        try (Gcn gcn = Gcn.create(g.featureDim(), new int[] {4, 4, 4}, Ba2Motifs.CLASSES, 0)) {
            GraphReportSections.addGraphSection(r, "g", "G", gcn, List.of(g),
                    Map.of("CAM", List.of(GraphExplanation.of("CAM", Ba2Motifs.CLASSES, new float[][] {map, map}, Map.of()))), 1, 0);
        }
        String html = r.render();
        assertTrue(html.contains(GraphReportSections.LEGEND_CAPTION), "plain graphs need the colour legend too");
        List<BufferedImage> panels = pngs(html);
        assertEquals(2, panels.size());
        assertSamePixels(GraphDrawing.image(g, map, null, 220, 0), panels.get(1));
    }

    @Test
    void aMoleculeTooLargeToDrawGetsANoteInsteadOfAPicture() throws Exception {
        MolecularGraph big = MolecularGraph.of("C".repeat(1500), 0, 0);
        MolecularGraph small = MolecularGraph.of("CCO", 0, 0);
        HtmlReport r = new HtmlReport("t");
        long t0 = System.nanoTime();
        try (Gcn gcn = Gcn.create(MoleculeFeaturizer.FEATURES, new int[] {4, 4, 4}, CLASSES, 0)) {
            GraphReportSections.addMoleculeSection(r, "m", "M", gcn, List.of(big, small),
                    Map.of("CAM", List.of(GraphExplanation.of("CAM", CLASSES, new float[2][1500], Map.of()),
                            GraphExplanation.of("CAM", CLASSES, new float[2][3], Map.of()))), null, null, 2, null);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        String html = r.render();
        assertTrue(html.contains("Not drawn: 1,500 atoms"), "the 1,500-atom molecule should be noted, not drawn");
        assertEquals(1 + 2, pngs(html).size(), "legend and the small molecule's two panels");
        assertTrue(seconds < 20, "took " + seconds + " s");
    }

    private static int count(String s, String what) {
        return s.split(Pattern.quote(what), -1).length - 1;
    }

    static int nonWhiteBorderPixels(BufferedImage img) {
        int n = 0, w = img.getWidth(), h = img.getHeight();
        for (int y = 0; y < h; y++) {
            n += (img.getRGB(0, y) & 0xffffff) != 0xffffff ? 1 : 0;
            n += (img.getRGB(w - 1, y) & 0xffffff) != 0xffffff ? 1 : 0;
        }
        for (int x = 0; x < w; x++) {
            n += (img.getRGB(x, 0) & 0xffffff) != 0xffffff ? 1 : 0;
            n += (img.getRGB(x, h - 1) & 0xffffff) != 0xffffff ? 1 : 0;
        }
        return n;
    }

    static List<BufferedImage> pngs(String html) throws Exception {
        List<BufferedImage> out = new ArrayList<>();
        Matcher m = Pattern.compile("data:image/png;base64,([A-Za-z0-9+/=]+)").matcher(html);
        while (m.find()) {
            out.add(ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1)))));
        }
        return out;
    }

    private static void assertSamePixels(BufferedImage expected, BufferedImage actual) {
        assertEquals(expected.getWidth(), actual.getWidth());
        assertEquals(expected.getHeight(), actual.getHeight());
        int differing = 0;
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                differing += (expected.getRGB(x, y) & 0xffffff) != (actual.getRGB(x, y) & 0xffffff) ? 1 : 0;
            }
        }
        assertEquals(0, differing, "pixels differ from the untitled picture: a title is drawn into the panel as well as its caption");
    }
}

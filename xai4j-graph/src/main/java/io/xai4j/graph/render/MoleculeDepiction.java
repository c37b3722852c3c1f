package io.xai4j.graph.render;

import io.xai4j.core.render.ColorMaps;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.openscience.cdk.depict.Depiction;
import org.openscience.cdk.depict.DepictionGenerator;
import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.renderer.SymbolVisibility;
import org.openscience.cdk.renderer.generators.standard.StandardGenerator;

/**
 * Molecule pictures with atoms coloured by saliency (docs/methods/graph-explainers.md#pictures): CDK {@link DepictionGenerator} with
 * outer-glow highlights, the normalised map quantised into 10 bins of the white→red scale; atoms with
 * saliency 0 are not highlighted.
 *
 * <p>Three choices keep the panels of one molecule comparable: carbon symbols follow the IUPAC rule without
 * terminal carbons whether or not an atom is highlighted (CDK's default shows a highlighted carbon as "CH"/"HC", so
 * the same molecule looked different from panel to panel); the molecule is drawn at CDK's standard bond length (shrunk
 * only when it does not fit) inside a margin, because fill-to-fit scaled the glow past the picture's edge; molecules of
 * more than {@link #MAX_ATOMS} atoms are not drawn (a 1,500-atom molecule took a minute to lay out and came out as a
 * hairline), the report says so instead.
 */
public final class MoleculeDepiction {

    public static final int BINS = 10;

    /** The largest molecule drawn; a larger one is left out of reports with a note. */
    public static final int MAX_ATOMS = 250;

    /** Margin around the molecule in pixels, wider than the outer glow. */
    static final double MARGIN = 12;

    private MoleculeDepiction() {}

    /** The bin (0..9) of a saliency value in [0,1]. */
    public static int bin(float v) {
        return Math.max(0, Math.min(BINS - 1, (int) Math.floor(v * BINS)));
    }

    /** The colour of a bin: the white→red map at the bin's upper edge. */
    public static Color binColour(int bin) {
        return new Color(ColorMaps.whiteRed((bin + 1) / (double) BINS));
    }

    private static Depiction depiction(IAtomContainer molecule, float[] saliency, String title, int width, int height) {
        if (saliency.length != molecule.getAtomCount()) {
            throw new IllegalArgumentException("saliency has " + saliency.length + " values but the molecule has " + molecule.getAtomCount() + " atoms");
        }
        try {
            IAtomContainer mol = molecule.clone();
            DepictionGenerator gen = new DepictionGenerator().withSize(width, height).withOuterGlowHighlight(8.0).withMargin(MARGIN)
                    .withParam(StandardGenerator.Visibility.class, SymbolVisibility.iupacRecommendationsWithoutTerminalCarbon());
            if (title != null) {
                mol.setTitle(title);
                gen = gen.withMolTitle();
            }
            for (int b = 0; b < BINS; b++) {
                List<IAtom> atoms = new ArrayList<>();
                for (int i = 0; i < saliency.length; i++) {
                    if (saliency[i] > 0 && bin(saliency[i]) == b) {
                        atoms.add(mol.getAtom(i));
                    }
                }
                if (!atoms.isEmpty()) {
                    gen = gen.withHighlight(atoms, binColour(b));
                }
            }
            return gen.depict(mol);
        } catch (CloneNotSupportedException | CDKException e) {
            throw new IllegalStateException("cannot depict molecule '" + title + "': " + e.getMessage(), e);
        }
    }

    /** Whether a molecule is small enough to be drawn ({@link #MAX_ATOMS}). */
    public static boolean drawable(IAtomContainer molecule) {
        return molecule.getAtomCount() <= MAX_ATOMS;
    }

    /** A PNG-ready image; {@code title} null draws none (a report captions the picture itself). */
    public static BufferedImage image(IAtomContainer molecule, float[] saliency, String title, int width, int height) {
        return depiction(molecule, saliency, title, width, height).toImg();
    }

    /** The same picture as SVG text; {@code title} null draws none. */
    public static String svg(IAtomContainer molecule, float[] saliency, String title, int width, int height) {
        return depiction(molecule, saliency, title, width, height).toSvgStr();
    }

    /** A horizontal colour bar of the 10 bins labelled 0 and 1. */
    public static BufferedImage colourBar(int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int barH = height - 14;
        for (int b = 0; b < BINS; b++) {
            g.setColor(binColour(b));
            g.fillRect(b * width / BINS, 0, width / BINS + 1, barH);
        }
        g.setColor(Color.DARK_GRAY);
        g.drawRect(0, 0, width - 1, barH - 1);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        g.drawString("0", 1, height - 2);
        g.drawString("1", width - 8, height - 2);
        g.dispose();
        return img;
    }
}

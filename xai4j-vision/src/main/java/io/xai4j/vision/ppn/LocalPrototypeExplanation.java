package io.xai4j.vision.ppn;

import io.xai4j.vision.pipnet.PatchGeometry;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The local explanation of one image (docs/methods/posthoc-ppn.md#explanations): for the top-3 classes by logit, the logit, the bias and
 * per prototype its contribution, share (contribution / Σ|contributions|), h×w heatmap and the box of 2 cells around
 * its argmax cell (PIP-Net's patch mapping), sorted by contribution; logit = bias + Σ contributions.
 *
 * @param image index of the image in its set
 * @param predicted the black box's argmax
 * @param classes the top-3 classes
 */
public record LocalPrototypeExplanation(int image, int predicted, List<ClassEvidence> classes) {

    /** One class's evidence. */
    public record ClassEvidence(int classIndex, String className, float logit, float bias, double reconstructed, List<PartEvidence> parts) {}

    /** One prototype's evidence (heatmap values are X p̃ᵀ, signed, at the feature grid). */
    public record PartEvidence(String id, int prototype, boolean background, double contribution, double share, float[][] heatmap,
            PatchGeometry.Box box) {}

    private static final Color[] COLOURS = {new Color(230, 25, 75), new Color(60, 180, 75), new Color(0, 130, 200), new Color(245, 130, 48),
        new Color(145, 30, 180), new Color(70, 240, 240)};

    /** The explanation of image {@code n} of a decomposed batch. */
    public static LocalPrototypeExplanation of(Decomposition d, int n, int imageIndex, PostHocPrototypes prototypes, int imageSize) {
        float[] logits = d.logits()[n];
        Integer[] order = new Integer[logits.length];
        for (int c = 0; c < order.length; c++) {
            order[c] = c;
        }
        Arrays.sort(order, (a, b) -> Float.compare(logits[b], logits[a]));
        List<ClassEvidence> out = new ArrayList<>();
        for (int r = 0; r < Math.min(3, order.length); r++) {
            int c = order[r];
            ClassPrototypes cp = prototypes.classes().get(c);
            double abs = 0;
            for (double v : d.contributions()[n][c]) {
                abs += Math.abs(v);
            }
            List<PartEvidence> parts = new ArrayList<>();
            for (int i = 0; i < cp.size(); i++) {
                float[][] map = d.heatmaps()[n][c][i];
                PatchGeometry g = PatchGeometry.cells(imageSize, map.length, map[0].length, 2);
                int by = 0, bx = 0;
                for (int y = 0; y < map.length; y++) {
                    for (int x = 0; x < map[0].length; x++) {
                        if (map[y][x] > map[by][bx]) {
                            by = y;
                            bx = x;
                        }
                    }
                }
                double contribution = d.contributions()[n][c][i];
                parts.add(new PartEvidence(cp.id(i), i, cp.isBackground(i), contribution, abs == 0 ? 0 : contribution / abs, map, g.box(by, bx)));
            }
            parts.sort((a, b) -> Double.compare(b.contribution(), a.contribution()));
            out.add(new ClassEvidence(c, prototypes.classNames().get(c), logits[c], d.bias()[c], d.reconstructed(n, c), List.copyOf(parts)));
        }
        return new LocalPrototypeExplanation(imageIndex, order[0], List.copyOf(out));
    }

    /**
     * The "where" picture for one class: each prototype in its own colour, the positive part of its heatmap
     * (bilinearly upsampled) normalised by the maximum over the class's heatmaps, alpha-blended on the image, plus its
     * box. Negative evidence is not drawn (it is listed in the JSON).
     */
    public static BufferedImage render(BufferedImage image, ClassEvidence evidence) {
        int s = image.getWidth();
        List<float[][]> up = new ArrayList<>();
        float max = 0;
        for (PartEvidence p : evidence.parts()) {
            float[][] u = PatchGeometry.upsample(p.heatmap(), s);
            up.add(u);
            for (float[] row : u) {
                for (float v : row) {
                    max = Math.max(max, v);
                }
            }
        }
        BufferedImage out = new BufferedImage(s, s, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                int rgb = image.getRGB(x, y);
                double r = (rgb >> 16 & 255), g = (rgb >> 8 & 255), b = (rgb & 255);
                for (int i = 0; i < up.size(); i++) {
                    double a = max > 0 ? 0.6 * Math.max(0, up.get(i)[y][x]) / max : 0;
                    Color c = COLOURS[evidence.parts().get(i).prototype() % COLOURS.length];
                    r = (1 - a) * r + a * c.getRed();
                    g = (1 - a) * g + a * c.getGreen();
                    b = (1 - a) * b + a * c.getBlue();
                }
                out.setRGB(x, y, (int) r << 16 | (int) g << 8 | (int) b);
            }
        }
        Graphics2D g2 = out.createGraphics();
        g2.setStroke(new BasicStroke(1f));
        for (PartEvidence p : evidence.parts()) {
            if (p.contribution() > 0) {
                g2.setColor(COLOURS[p.prototype() % COLOURS.length]);
                PatchGeometry.Box bx = p.box();
                g2.drawRect(bx.left(), bx.top(), bx.right() - bx.left() - 1, bx.bottom() - bx.top() - 1);
            }
        }
        g2.dispose();
        return out;
    }
}

package io.xai4j.vision.pipnet;

import static io.xai4j.core.report.HtmlReport.escape;

import io.xai4j.core.render.ColorMaps;
import io.xai4j.core.render.Images;
import io.xai4j.core.report.HtmlReport;
import io.xai4j.vision.data.ImageDataset;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * HTML report sections for PIP-Net (docs/methods/pipnet.md#explanations): the scoring sheet, the prototype gallery (global
 * explanation) and local explanations. Every prototype id links to its gallery row ({@code #proto-d}),
 * so a reader goes from a prediction to the prototypes behind it.
 */
public final class PipNetReport {

    /** Display sides, in pixels, that an image and its patch and presence-map views are enlarged towards. */
    static final int IMAGE_SIDE = 192, VIEW_SIDE = 128;

    private PipNetReport() {}

    /** Anchor of prototype d's gallery row. */
    public static String anchor(int prototype) {
        return "proto-" + prototype;
    }

    private static String link(int prototype) {
        return link(prototype, true);
    }

    /** "pN", linked to the gallery row when the report has the gallery. */
    private static String link(int prototype, boolean linked) {
        return linked ? "<a href=\"#" + anchor(prototype) + "\">p" + prototype + "</a>" : "p" + prototype;
    }

    /** Adds the three sections ("pipnet-sheet", "pipnet-prototypes", "pipnet-local") to a report. */
    public static void addSections(HtmlReport report, ScoringSheet sheet, GlobalExplanation global, ImageDataset projection,
            List<LocalExplanation> local, ImageDataset localImages, int[] labels) {
        report.addSection("pipnet-sheet", "PIP-Net scoring sheet", scoringSheet(sheet));
        report.addSection("pipnet-local", "PIP-Net local explanations", localExplanations(local, localImages, labels, sheet, global.geometry()));
        report.addSection("pipnet-prototypes", "PIP-Net prototypes (global explanation)", gallery(global, projection));
    }

    /** The scoring sheet: per class its prototypes (linked) and weights. */
    public static String scoringSheet(ScoringSheet sheet) {
        return scoringSheet(sheet, true);
    }

    /** As above; {@code linked}: the prototype ids link to the gallery (false for a report without one). */
    public static String scoringSheet(ScoringSheet sheet, boolean linked) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<p>%d of %d prototypes are relevant (W &gt; 1e-3). Class score = Σ presence × weight;"
                + " an image whose scores are all 0 abstains (&ldquo;not seen before&rdquo;).</p>", sheet.relevantPrototypes().length,
                sheet.prototypes()));
        b.append("<table><thead><tr><th>class</th><th>prototypes (weight)</th></tr></thead><tbody>");
        for (ScoringSheet.ClassRow r : sheet.classes()) {
            b.append("<tr><td>").append(escape(r.className())).append("</td><td style=\"text-align:left\">");
            List<String> parts = new ArrayList<>();
            for (ScoringSheet.Entry e : r.entries()) {
                parts.add(link(e.prototype(), linked) + " (" + weight(e.weight()) + ")");
            }
            b.append(parts.isEmpty() ? "<i>none</i>" : String.join(", ", parts)).append("</td></tr>");
        }
        return b.append("</tbody></table>").toString();
    }

    /** One row per relevant prototype: its top-k training patches. */
    public static String gallery(GlobalExplanation global, ImageDataset projection) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<p class=\"note\">Top-%d training patches (%d px) per relevant prototype, by presence.</p>",
                global.k(), global.geometry().patchSize()));
        for (GlobalExplanation.PrototypeRow row : global.prototypes()) {
            StringBuilder presences = new StringBuilder();
            for (GlobalExplanation.Patch p : row.patches()) {
                presences.append(String.format(Locale.ROOT, " %.2f", p.presence()));
            }
            b.append("<div class=\"row\" id=\"").append(anchor(row.prototype())).append("\"><b style=\"width:4em\">p").append(row.prototype())
                    .append("</b>").append(HtmlReport.figure(Images.dataUri(Images.scale(global.rowImage(row, projection, 32), 2)),
                            "presence:" + presences))
                    .append("</div>");
        }
        return b.toString();
    }

    /** Each image with its prediction (or abstention), top-3 classes and every contribution. */
    public static String localExplanations(List<LocalExplanation> local, ImageDataset images, int[] labels, ScoringSheet sheet,
            PatchGeometry geometry) {
        return localExplanations(local, images, labels, null, sheet, geometry.imageSize(), true);
    }

    /**
     * As above, captioned with {@code names} (e.g. file names; null: "image i") for images shown at input side
     * {@code s}; {@code linked}: prototypes link to the gallery (false for a report without one).
     */
    public static String localExplanations(List<LocalExplanation> local, ImageDataset images, int[] labels, List<String> names,
            ScoringSheet sheet, int s, boolean linked) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < local.size(); i++) {
            LocalExplanation e = local.get(i);
            BufferedImage img = Images.fromPlanarRgb(PipNetInputs.pixels(images, e.image(), s), s, s);
            String truth = labels == null || labels[i] < 0 ? "" : " · true class " + sheet.classes().get(labels[i]).className();
            String caption = names == null ? "image " + e.image() + truth : names.get(i) + truth;
            String verdict = e.abstained() ? "<b>abstained: not seen before</b> (every class score is 0)"
                    : "predicted <b>" + escape(sheet.classes().get(e.predicted()).className()) + "</b>";
            b.append("<div class=\"row\" id=\"local-").append(e.image()).append("\">")
                    .append(HtmlReport.figure(Images.dataUri(Images.scale(img, zoom(s, IMAGE_SIDE))), caption))
                    .append("<div style=\"text-align:left\"><p>").append(verdict).append(escape(truth)).append("</p>");
            for (LocalExplanation.ClassEvidence c : e.classes()) {
                b.append(String.format(Locale.ROOT, "<p>%s: score %.3f = ", escape(c.className()), c.score()));
                List<String> terms = new ArrayList<>();
                for (LocalExplanation.Contribution k : c.contributions()) {
                    terms.add(link(k.prototype(), linked) + " " + presence(k.presence()) + "×" + weight(k.weight()));
                }
                b.append(terms.isEmpty() ? "0" : String.join(" + ", terms));
                if (c.bias() != 0f) {
                    b.append(String.format(Locale.ROOT, " + bias %.2f", c.bias()));
                }
                b.append("</p><div class=\"row\">");
                for (LocalExplanation.Contribution k : c.contributions()) {
                    if (k.contribution() <= LocalExplanation.DISPLAY_THRESHOLD) {
                        continue;
                    }
                    String cap = caption(k);
                    b.append(linked ? "<a href=\"#" + anchor(k.prototype()) + "\">" : "")
                            .append(HtmlReport.figure(Images.dataUri(Images.scale(GlobalExplanation.crop(img, k.box(), 16), 3)), cap))
                            .append(HtmlReport.figure(Images.dataUri(Images.scale(boxed(img, k.box()), zoom(s, VIEW_SIDE))), "patch"))
                            .append(HtmlReport.figure(Images.dataUri(Images.scale(heatmapOverlay(img, k.map()), zoom(s, VIEW_SIDE))), "presence map"))
                            .append(linked ? "</a>" : "");
                }
                b.append("</div>");
            }
            b.append("</div></div>");
        }
        return b.toString();
    }

    /**
     * The whole-number enlargement that brings an image of side {@code side} closest to {@code target} without
     * exceeding it, at least 1: a 64 px image is shown at 3× (192 px), a 224 px photo at its own size (a fixed 3× made
     * it 672 px, half the page).
     */
    static int zoom(int side, int target) {
        return Math.max(1, target / side);
    }

    /** A presence as shown: two decimals. */
    static String presence(double p) {
        return String.format(Locale.ROOT, "%.2f", p);
    }

    /**
     * A weight as shown: two decimals, or two significant digits for a weight that would show as 0.00 (the sheet lists
     * weights above 1e-3, so "(0.00)" read as a zero weight).
     */
    static String weight(double w) {
        if (w == 0 || Math.abs(w) >= 0.005) {
            return String.format(Locale.ROOT, "%.2f", w);
        }
        return new java.math.BigDecimal(w).round(new java.math.MathContext(2)).toPlainString();
    }

    /**
     * A contribution's caption, {@code pD: presence × weight = product}, where the product is that of the factors as
     * shown, rounded to two decimals, so the equation holds on the page ("1.00 × 4.50 = 4.49" did not: 0.998 × 4.50).
     * The score line above it keeps the model's exact score.
     */
    static String caption(LocalExplanation.Contribution k) {
        String p = presence(k.presence()), w = weight(k.weight());
        return String.format(Locale.ROOT, "p%d: %s × %s = %.2f", k.prototype(), p, w, Double.parseDouble(p) * Double.parseDouble(w));
    }

    /** The image with the patch drawn as a yellow rectangle. */
    public static BufferedImage boxed(BufferedImage img, PatchGeometry.Box box) {
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(img, 0, 0, null);
        g.setColor(Color.YELLOW);
        g.setStroke(new BasicStroke(1));
        g.drawRect(box.left(), box.top(), box.right() - box.left() - 1, box.bottom() - box.top() - 1);
        g.dispose();
        return out;
    }

    /** 0.6·image + 0.2·jet(upsampled map), the official overlay (bilinear upsampling, docs/methods/pipnet.md#patches-and-heat-maps). */
    public static BufferedImage heatmapOverlay(BufferedImage img, float[][] map) {
        int s = img.getWidth();
        float[][] up = PatchGeometry.upsample(map, s);
        BufferedImage out = new BufferedImage(s, s, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                int a = img.getRGB(x, y), c = ColorMaps.jet(up[y][x]);
                int r = (int) Math.min(255, Math.round(0.6 * ((a >> 16) & 255) + 0.2 * ((c >> 16) & 255)));
                int gg = (int) Math.min(255, Math.round(0.6 * ((a >> 8) & 255) + 0.2 * ((c >> 8) & 255)));
                int bb = (int) Math.min(255, Math.round(0.6 * (a & 255) + 0.2 * (c & 255)));
                out.setRGB(x, y, (r << 16) | (gg << 8) | bb);
            }
        }
        return out;
    }
}

package io.xai4j.graph.render;

import io.xai4j.core.report.HtmlReport;
import io.xai4j.core.render.ColorMaps;
import io.xai4j.graph.data.Edge;
import io.xai4j.graph.data.Graph;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.Random;

/**
 * Generic graph pictures (docs/methods/graph-explainers.md#pictures): positions from the graph's {@code pos} or a seeded
 * Fruchterman–Reingold layout (Fruchterman &amp; Reingold, Softw. Pract. Exper. 1991; 500 iterations),
 * nodes filled by saliency on the white→red map, optional names, ground-truth nodes outlined in blue.
 */
public final class GraphDrawing {

    public static final int ITERATIONS = 500;

    private GraphDrawing() {}

    /** Positions in the unit square: the graph's own, else a Fruchterman–Reingold layout with {@code seed}. */
    public static double[][] layout(Graph graph, long seed) {
        int n = graph.numNodes();
        double[][] p = new double[n][2];
        if (graph.positions() != null) {
            for (int i = 0; i < n; i++) {
                p[i] = graph.positions()[i].clone();
            }
            return normalise(p);
        }
        Random rnd = new Random(seed);
        for (double[] xy : p) {
            xy[0] = rnd.nextDouble();
            xy[1] = rnd.nextDouble();
        }
        double k = Math.sqrt(1.0 / Math.max(1, n));
        double t = 0.1;
        double[][] disp = new double[n][2];
        for (int it = 0; it < ITERATIONS; it++) {
            for (double[] d : disp) {
                d[0] = d[1] = 0;
            }
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    double dx = p[i][0] - p[j][0], dy = p[i][1] - p[j][1];
                    double dist = Math.max(1e-4, Math.hypot(dx, dy));
                    double f = k * k / dist;
                    disp[i][0] += dx / dist * f;
                    disp[i][1] += dy / dist * f;
                    disp[j][0] -= dx / dist * f;
                    disp[j][1] -= dy / dist * f;
                }
            }
            for (Edge e : graph.edges()) {
                double dx = p[e.u()][0] - p[e.v()][0], dy = p[e.u()][1] - p[e.v()][1];
                double dist = Math.max(1e-4, Math.hypot(dx, dy));
                double f = dist * dist / k;
                disp[e.u()][0] -= dx / dist * f;
                disp[e.u()][1] -= dy / dist * f;
                disp[e.v()][0] += dx / dist * f;
                disp[e.v()][1] += dy / dist * f;
            }
            for (int i = 0; i < n; i++) {
                double len = Math.max(1e-9, Math.hypot(disp[i][0], disp[i][1]));
                double step = Math.min(len, t);
                p[i][0] += disp[i][0] / len * step;
                p[i][1] += disp[i][1] / len * step;
            }
            t = Math.max(0.001, t * 0.99);
        }
        return normalise(p);
    }

    private static double[][] normalise(double[][] p) {
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (double[] xy : p) {
            minX = Math.min(minX, xy[0]);
            maxX = Math.max(maxX, xy[0]);
            minY = Math.min(minY, xy[1]);
            maxY = Math.max(maxY, xy[1]);
        }
        double sx = Math.max(1e-9, maxX - minX), sy = Math.max(1e-9, maxY - minY);
        for (double[] xy : p) {
            xy[0] = (xy[0] - minX) / sx;
            xy[1] = (xy[1] - minY) / sy;
        }
        return p;
    }

    /** A PNG-ready picture of the graph with node fill = saliency in [0,1]; {@code title} null draws none (a report captions it). */
    public static BufferedImage image(Graph graph, float[] saliency, String title, int size, long seed) {
        double[][] p = layout(graph, seed);
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, size, size);
        double margin = 24, span = size - 2 * margin, r = Math.max(4, size / 40.0);
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1.2f));
        for (Edge e : graph.edges()) {
            g.draw(new Line2D.Double(margin + p[e.u()][0] * span, margin + p[e.u()][1] * span, margin + p[e.v()][0] * span, margin + p[e.v()][1] * span));
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
        for (int i = 0; i < graph.numNodes(); i++) {
            double x = margin + p[i][0] * span, y = margin + p[i][1] * span;
            Ellipse2D node = new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r);
            g.setColor(new Color(ColorMaps.whiteRed(saliency[i])));
            g.fill(node);
            boolean gt = graph.groundTruth() != null && graph.groundTruth()[i] == 1;
            g.setColor(gt ? Color.BLUE : Color.DARK_GRAY);
            g.setStroke(new BasicStroke(gt ? 2.5f : 1f));
            g.draw(node);
            if (graph.nodeNames() != null && graph.nodeNames()[i] != null) {
                g.setColor(Color.BLACK);
                g.drawString(graph.nodeNames()[i], (float) (x + r), (float) (y - r));
            }
        }
        if (title != null) {
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            g.drawString(title, 4, 14);
        }
        g.dispose();
        return img;
    }

    /** The same picture as SVG text (names and title escaped; {@code title} null draws none). */
    public static String svg(Graph graph, float[] saliency, String title, int size, long seed) {
        double[][] p = layout(graph, seed);
        double margin = 24, span = size - 2 * margin, r = Math.max(4, size / 40.0);
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\">", size, size));
        b.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
        for (Edge e : graph.edges()) {
            b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"gray\"/>", margin + p[e.u()][0] * span,
                    margin + p[e.u()][1] * span, margin + p[e.v()][0] * span, margin + p[e.v()][1] * span));
        }
        for (int i = 0; i < graph.numNodes(); i++) {
            boolean gt = graph.groundTruth() != null && graph.groundTruth()[i] == 1;
            b.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"#%06x\" stroke=\"%s\" stroke-width=\"%s\"/>",
                    margin + p[i][0] * span, margin + p[i][1] * span, r, ColorMaps.whiteRed(saliency[i]), gt ? "blue" : "#444", gt ? "2.5" : "1"));
            if (graph.nodeNames() != null && graph.nodeNames()[i] != null) {
                b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"9\">%s</text>", margin + p[i][0] * span + r,
                        margin + p[i][1] * span - r, HtmlReport.escape(graph.nodeNames()[i])));
            }
        }
        if (title != null) {
            b.append("<text x=\"4\" y=\"14\" font-size=\"11\">").append(HtmlReport.escape(title)).append("</text>");
        }
        return b.append("</svg>").toString();
    }
}

package io.xai4j.cli;

import io.xai4j.core.report.HtmlReport;
import java.util.List;
import java.util.Locale;

/**
 * Minimal inline SVG line plots for the report (no external scripts). The legend sits right of the plotting area, so
 * no curve can cover it (inside it, the accuracy curves ran through it).
 */
final class Plots {

    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd"};

    /** Width of the legend column right of the plotting area. */
    static final int LEGEND_WIDTH = 100;

    private Plots() {}

    static String lines(String title, List<String> names, List<double[]> series) {
        int plotWidth = 360, w = plotWidth + LEGEND_WIDTH, h = 200, pad = 36;
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        int n = 0;
        for (double[] s : series) {
            for (double v : s) {
                if (!Double.isNaN(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
            n = Math.max(n, s.length);
        }
        if (max <= min) {
            max = min + 1;
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg width=\"%d\" height=\"%d\" style=\"margin:8px;border:1px solid #ddd\">", w, h));
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"16\" font-size=\"13\">%s</text>", pad, HtmlReport.escape(title)));
        b.append(String.format(Locale.ROOT, "<text x=\"2\" y=\"%d\" font-size=\"10\">%.3f</text><text x=\"2\" y=\"%d\" font-size=\"10\">%.3f</text>",
                pad, max, h - pad, min));
        for (int k = 0; k < series.size(); k++) {
            StringBuilder pts = new StringBuilder();
            double[] s = series.get(k);
            for (int i = 0; i < s.length; i++) {
                if (Double.isNaN(s[i])) {
                    continue;
                }
                double x = pad + (n == 1 ? 0 : (double) i / (n - 1) * (plotWidth - 2 * pad));
                double y = h - pad - (s[i] - min) / (max - min) * (h - 2 * pad);
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            String c = COLOURS[k % COLOURS.length];
            b.append("<polyline fill=\"none\" stroke=\"").append(c).append("\" stroke-width=\"2\" points=\"").append(pts).append("\"/>");
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"%s\">%s</text>", plotWidth, pad + 14 * k, c,
                    HtmlReport.escape(names.get(k))));
        }
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\">epoch 1..%d</text>", plotWidth / 2 - 20, h - 8, n));
        return b.append("</svg>").toString();
    }
}

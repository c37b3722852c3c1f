package io.xai4j.cli;

import io.xai4j.core.explain.Attribution;
import io.xai4j.core.metrics.Direction;
import io.xai4j.core.metrics.MetricResult;
import io.xai4j.core.render.Images;
import io.xai4j.core.report.HtmlReport;
import io.xai4j.vision.data.ImageDataset;
import io.xai4j.vision.train.EpochStats;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** HTML sections for image explanations: overlays side by side, the metric table, training curves. */
final class ImageReport {

    private ImageReport() {}

    /** One row per image: the input, then each method's overlay, captioned with predicted and target class. */
    static String gallery(ImageDataset data, int[] indices, int[] predicted, List<Attribution> perMethod, int scale) {
        StringBuilder b = new StringBuilder("<p class=\"note\">Overlays: jet colour map, α = 0.5, maps min–max normalised per image.</p>");
        List<String> names = data.classNames();
        for (int i = 0; i < indices.length; i++) {
            BufferedImage img = Images.fromPlanarRgb(data.pixels(indices[i]), data.height(), data.width());
            b.append("<div class=\"row\">");
            int target = perMethod.get(0).targets()[i];
            b.append(HtmlReport.figure(Images.dataUri(Images.scale(img, scale)), data.source(indices[i]) + " — target " + names.get(target)
                    + ", predicted " + names.get(predicted[i])));
            for (Attribution a : perMethod) {
                BufferedImage o = Images.overlay(img, a.maps()[i], 0.5);
                b.append(HtmlReport.figure(Images.dataUri(Images.scale(o, scale)), a.method() + (a.degenerate()[i] ? " (flat map)" : "")));
            }
            b.append("</div>");
        }
        return b.toString();
    }

    /** Method × metric table, the best value of each column in bold, with the direction in the header. */
    static String metricTable(ImageEvaluation.Result r) {
        List<String> header = new ArrayList<>(List.of("method"));
        for (String m : ImageEvaluation.METRICS) {
            header.add(m + arrow(r, m));
        }
        header.add("s / image");
        List<List<String>> rows = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        for (ImageEvaluation.MethodScores s : r.methods()) {
            List<String> row = new ArrayList<>(List.of(s.method()));
            double[] v = new double[ImageEvaluation.METRICS.size()];
            for (int c = 0; c < v.length; c++) {
                MetricResult m = s.metrics().get(ImageEvaluation.METRICS.get(c));
                v[c] = m == null ? Double.NaN : m.mean();
                row.add(fmt(v[c]));
            }
            row.add(String.format(Locale.ROOT, "%.4f", s.secondsPerImage()));
            rows.add(row);
            values.add(v);
        }
        boolean[][] bold = new boolean[rows.size() + 2][];
        for (int c = 0; c < ImageEvaluation.METRICS.size(); c++) {
            Direction d = direction(r, ImageEvaluation.METRICS.get(c));
            int best = -1;
            for (int i = 0; i < values.size(); i++) {
                double v = values.get(i)[c];
                if (!Double.isNaN(v) && (best < 0 || (d == Direction.HIGHER ? v > values.get(best)[c] : v < values.get(best)[c]))) {
                    best = i;
                }
            }
            if (best >= 0 && d != Direction.DESCRIPTIVE) {
                if (bold[best] == null) {
                    bold[best] = new boolean[header.size()];
                }
                bold[best][c + 1] = true;
            }
        }
        if (!r.uniformBaseline().isEmpty()) {
            List<String> uniform = new ArrayList<>(List.of("baseline: uniform map"));
            List<String> center = new ArrayList<>(List.of("baseline: centre point"));
            for (String m : ImageEvaluation.METRICS) {
                MetricResult u = r.uniformBaseline().get(m);
                uniform.add(u == null ? "" : fmt(u.mean()));
                Double c = r.centerBaseline().get(m);
                center.add(c == null ? "" : fmt(c));
            }
            uniform.add("");
            center.add("");
            rows.add(uniform);
            rows.add(center);
        }
        return HtmlReport.table(header, rows, bold) + "<p class=\"note\">" + r.images() + " test images (target = true class); MPRT on "
                + r.mprtImages() + " images (Spearman similarity after randomising all layers top-down, lower = more parameter-dependent);"
                + " pointing game is the micro average; best of each column in bold.</p>";
    }

    /** Loss and accuracy curves as inline SVG. */
    static String trainingCurves(List<EpochStats> history) {
        if (history.isEmpty()) {
            return "<p>No training in this run.</p>";
        }
        double[] trainLoss = history.stream().mapToDouble(EpochStats::trainLoss).toArray();
        double[] valLoss = history.stream().mapToDouble(EpochStats::valLoss).toArray();
        double[] trainAcc = history.stream().mapToDouble(EpochStats::trainAccuracy).toArray();
        double[] valAcc = history.stream().mapToDouble(EpochStats::valAccuracy).toArray();
        return Plots.lines("loss", List.of("train", "validation"), List.of(trainLoss, valLoss))
                + Plots.lines("accuracy", List.of("train", "validation"), List.of(trainAcc, valAcc));
    }

    private static String arrow(ImageEvaluation.Result r, String metric) {
        Direction d = direction(r, metric);
        return d == Direction.HIGHER ? " ↑" : d == Direction.LOWER ? " ↓" : "";
    }

    private static Direction direction(ImageEvaluation.Result r, String metric) {
        for (ImageEvaluation.MethodScores s : r.methods()) {
            MetricResult m = s.metrics().get(metric);
            if (m != null) {
                return m.direction();
            }
        }
        return Direction.DESCRIPTIVE;
    }

    /** The metric table as aligned text for the terminal. */
    static String plainTable(ImageEvaluation.Result r) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-10s", "method"));
        for (String m : ImageEvaluation.METRICS) {
            b.append(String.format(Locale.ROOT, " %14s", m.length() > 14 ? m.substring(0, 14) : m));
        }
        b.append('\n');
        for (ImageEvaluation.MethodScores s : r.methods()) {
            b.append(String.format(Locale.ROOT, "%-10s", s.method()));
            for (String m : ImageEvaluation.METRICS) {
                MetricResult v = s.metrics().get(m);
                b.append(String.format(Locale.ROOT, " %14s", v == null ? "" : fmt(v.mean())));
            }
            b.append('\n');
        }
        r.uniformBaseline().forEach((k, v) -> b.append("uniform-map baseline ").append(k).append(' ').append(fmt(v.mean())).append('\n'));
        r.centerBaseline().forEach((k, v) -> b.append("centre-point baseline ").append(k).append(' ').append(fmt(v)).append('\n'));
        return b.toString();
    }

    static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }

    /** Metric means keyed by method then metric, for JSON. */
    static Map<String, Map<String, Double>> means(ImageEvaluation.Result r) {
        Map<String, Map<String, Double>> out = new java.util.LinkedHashMap<>();
        for (ImageEvaluation.MethodScores s : r.methods()) {
            Map<String, Double> m = new java.util.LinkedHashMap<>();
            s.metrics().forEach((k, v) -> m.put(k, Double.isNaN(v.mean()) ? null : v.mean()));
            m.put("seconds_per_image", s.secondsPerImage());
            out.put(s.method(), m);
        }
        return out;
    }
}

package io.xai4j.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.xai4j.core.explain.Attribution;
import io.xai4j.core.metrics.Direction;
import io.xai4j.core.metrics.MetricResult;
import io.xai4j.core.render.Images;
import io.xai4j.core.report.HtmlReport;
import io.xai4j.core.runtime.Tensors;
import io.xai4j.vision.data.ImageDataset;
import io.xai4j.vision.experiment.ImageEvaluation;
import io.xai4j.vision.explain.Explainers;
import io.xai4j.vision.model.ImageClassifier;
import io.xai4j.vision.train.EpochStats;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** HTML sections for image explanations: overlays side by side, the metric table, training curves. */
public final class ImageReport {

    private ImageReport() {}

    /**
     * The "Explanations" section of a report: the images {@code indices} of {@code data}, each explained for its true
     * class by every method, as a {@link #gallery} (images under 128 px drawn at twice their size).
     */
    static String explanations(ImageClassifier model, ImageBatches data, int[] indices, List<String> methods, int riseMasks, long seed) {
        return explanations(model, data, indices, methods, riseMasks, seed, null, null);
    }

    /** As above, with the trained explainer file of a learned method and the prototype file of the methods that read one ({@code null}: none). */
    static String explanations(ImageClassifier model, ImageBatches data, int[] indices, List<String> methods, int riseMasks, long seed,
            String explainerFile, java.nio.file.Path prototypes) {
        ImageDataset images = data.data();
        int[] targets = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            targets[i] = images.label(indices[i]);
        }
        List<Attribution> shown = new ArrayList<>();
        int[] predicted;
        try (NDManager sub = model.manager().newSubManager()) {
            NDArray x = data.batch(sub, indices);
            predicted = Tensors.argmax(Tensors.toArray2(model.logits(x)));
            for (String m : methods) {
                shown.add(Explainers.create(m, model, io.xai4j.core.explain.MethodOptions.defaults().withPerturbations(riseMasks).withSeed(seed)
                        .withExplainerFile(explainerFile).withPrototypes(prototypes)).explain(x, targets));
            }
        }
        return gallery(images, indices, predicted, shown, images.width() < 128 ? 2 : 1);
    }

    /**
     * Up to {@code n} indices of {@code data} taken across its classes: the first image of each class in the order the
     * classes first appear, then the second of each, and so on, so that a folder read class by class does not show its
     * first class only. Deterministic; within a class the data's order is kept.
     */
    static int[] acrossClasses(ImageDataset data, int n) {
        Map<Integer, List<Integer>> byClass = new LinkedHashMap<>();
        for (int i = 0; i < data.size(); i++) {
            byClass.computeIfAbsent(data.label(i), k -> new ArrayList<>()).add(i);
        }
        int[] out = new int[Math.min(n, data.size())];
        int k = 0;
        for (int round = 0; k < out.length; round++) {
            for (List<Integer> members : byClass.values()) {
                if (round < members.size() && k < out.length) {
                    out[k++] = members.get(round);
                }
            }
        }
        return out;
    }

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
    public static String metricTable(ImageEvaluation.Result r) {
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
                v[c] = s.headline(ImageEvaluation.METRICS.get(c));
                row.add(s.metrics().containsKey(ImageEvaluation.METRICS.get(c)) ? fmt(v[c]) : "-");
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
            if (best < 0 || d == Direction.DESCRIPTIVE) {
                continue;
            }
            // a tie as the reader sees it: every value shown as the best one is bold
            String shownBest = fmt(values.get(best)[c]);
            for (int i = 0; i < values.size(); i++) {
                if (fmt(values.get(i)[c]).equals(shownBest)) {
                    if (bold[i] == null) {
                        bold[i] = new boolean[header.size()];
                    }
                    bold[i][c + 1] = true;
                }
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
                + " pointing game class-averaged as in TorchRay (micro average, per-class and per-image values in metrics.json);"
                + " best of each column in bold (every method that ties with it, as shown).</p>" + (notComputed(r) ? "<p class=\"note\">" + HtmlReport.escape(LEGEND) + "</p>" : "");
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

    /** What '-' and 'n/a' mean in both metric tables: a metric that did not run, and one undefined on every image. */
    static final String LEGEND = "-: not computed: the localisation metrics need PartShapes part masks; the randomisation check needs an xai4j"
            + " CNN and --mprt-images > 0, and skips RISE, which would rerun all its masks for every randomised layer; n/a: undefined on"
            + " every image";

    private static boolean notComputed(ImageEvaluation.Result r) {
        return r.methods().stream().anyMatch(s -> !s.metrics().keySet().containsAll(ImageEvaluation.METRICS));
    }

    /** The metric table as aligned text for the terminal. */
    public static String plainTable(ImageEvaluation.Result r) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-10s", "method"));
        for (String m : ImageEvaluation.METRICS) { // each column as wide as its metric's full name (at least a value's 6)
            b.append(String.format(Locale.ROOT, " %" + width(m) + "s", m));
        }
        b.append('\n');
        boolean notComputed = false;
        for (ImageEvaluation.MethodScores s : r.methods()) {
            b.append(String.format(Locale.ROOT, "%-10s", s.method()));
            for (String m : ImageEvaluation.METRICS) {
                notComputed |= !s.metrics().containsKey(m);
                b.append(String.format(Locale.ROOT, " %" + width(m) + "s", s.metrics().containsKey(m) ? fmt(s.headline(m)) : "-"));
            }
            b.append('\n');
        }
        if (notComputed) {
            b.append('(').append(LEGEND).append(")\n");
        }
        r.uniformBaseline().forEach((k, v) -> b.append("uniform-map baseline ").append(k).append(' ').append(fmt(v.mean())).append('\n'));
        r.centerBaseline().forEach((k, v) -> b.append("centre-point baseline ").append(k).append(' ').append(fmt(v)).append('\n'));
        return b.toString();
    }

    private static int width(String metric) {
        return Math.max(metric.length(), 6);
    }

    static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }

    /**
     * Every metric of every method for JSON (docs/methods/image-metrics.md#conventions): keyed by method then metric, each with the reported
     * figure ({@code mean}; for the pointing game the class-averaged accuracy), the per-image {@code values}
     * (null = undefined), {@code nUndefined}, {@code direction}, {@code category} and {@code params}; the pointing
     * game adds {@code micro}, {@code perClass} (by class name) and {@code flat}, the randomisation check its
     * {@code layers}, {@code meanPerLayer} and per-image {@code curve}.
     */
    public static Map<String, Map<String, Object>> json(ImageEvaluation.Result r, List<String> classNames) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (ImageEvaluation.MethodScores s : r.methods()) {
            Map<String, Object> byMetric = new LinkedHashMap<>();
            s.metrics().forEach((k, v) -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("mean", nullable(s.headline(k)));
                if (k.equals("pointing_game") && s.pointing() != null) {
                    m.put("micro", nullable(s.pointing().micro()));
                    Map<String, Object> perClass = new LinkedHashMap<>();
                    s.pointing().perClass().forEach((c, acc) -> perClass.put(classNames.get(c), nullable(acc)));
                    m.put("perClass", perClass);
                    m.put("flat", s.pointing().flat());
                }
                m.put("values", nullable(v.values()));
                m.put("nUndefined", v.nUndefined());
                m.put("direction", v.direction());
                m.put("category", v.category());
                m.put("params", v.params());
                if (k.equals("mprt_spearman") && s.mprt() != null) {
                    m.put("layers", s.mprt().layers());
                    m.put("meanPerLayer", nullable(s.mprt().meanPerLayer()));
                    List<Object> curve = new ArrayList<>();
                    for (double[] row : s.mprt().curve()) {
                        curve.add(nullable(row));
                    }
                    m.put("curve", curve);
                }
                byMetric.put(k, m);
            });
            byMetric.put("seconds_per_image", s.secondsPerImage());
            out.put(s.method(), byMetric);
        }
        return out;
    }

    /** The baselines' figures for JSON: the uniform map's means and the centre point's class-averaged pointing game. */
    public static Map<String, Object> baselinesJson(ImageEvaluation.Result r) {
        Map<String, Object> uniform = new LinkedHashMap<>();
        r.uniformBaseline().forEach((k, v) -> uniform.put(k, nullable(v.mean())));
        Map<String, Object> center = new LinkedHashMap<>();
        r.centerBaseline().forEach((k, v) -> center.put(k, nullable(v)));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("uniform", uniform);
        out.put("center", center);
        return out;
    }

    /** Columns of {@link #csvRows}. */
    static final List<String> CSV_HEADER = List.of("method", "metric", "value", "images", "undefined", "direction");

    /**
     * Every metric figure as a long table for machines (metrics.csv): one row per method and metric with
     * the reported figure (the pointing game class-averaged, as in the table), the images scored, how many were
     * undefined and the metric's direction, plus the method's seconds per image; then the uniform-map and centre-point
     * baselines. Undefined figures are empty cells.
     */
    static List<List<Object>> csvRows(ImageEvaluation.Result r) {
        List<List<Object>> rows = new java.util.ArrayList<>();
        for (ImageEvaluation.MethodScores s : r.methods()) {
            java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>(ImageEvaluation.METRICS); // the table's order, then the rest
            names.addAll(s.metrics().keySet());
            for (String m : names) {
                io.xai4j.core.metrics.MetricResult mr = s.metrics().get(m);
                if (mr != null) {
                    rows.add(java.util.Arrays.asList(s.method(), m, nullable(s.headline(m)), mr.values().length, mr.nUndefined(),
                            mr.direction().name().toLowerCase(Locale.ROOT)));
                }
            }
            rows.add(java.util.Arrays.asList(s.method(), "seconds_per_image", s.secondsPerImage(), null, null, "lower"));
        }
        r.uniformBaseline().forEach((k, v) -> rows.add(java.util.Arrays.asList("uniform-map baseline", k, nullable(v.mean()), v.values().length,
                v.nUndefined(), v.direction().name().toLowerCase(Locale.ROOT))));
        r.centerBaseline().forEach((k, v) -> rows.add(java.util.Arrays.asList("centre-point baseline", k, nullable(v), null, null, null)));
        return rows;
    }

    /** JSON has no NaN: undefined values become null. */
    private static Double nullable(double v) {
        return Double.isNaN(v) ? null : v;
    }

    private static Double[] nullable(double[] v) {
        Double[] out = new Double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = nullable(v[i]);
        }
        return out;
    }
}

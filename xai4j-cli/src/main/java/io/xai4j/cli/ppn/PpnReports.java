package io.xai4j.cli.ppn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.xai4j.cli.Console;
import io.xai4j.core.io.CsvTables;
import io.xai4j.core.io.Json;
import io.xai4j.core.render.Images;
import io.xai4j.core.report.HtmlReport;
import io.xai4j.vision.data.ImageDataset;
import io.xai4j.vision.data.Normalization;
import io.xai4j.vision.data.PartShapesSplit;
import io.xai4j.vision.model.ImageClassifier;
import io.xai4j.vision.ppn.Decomposition;
import io.xai4j.vision.ppn.LocalPrototypeExplanation;
import io.xai4j.vision.ppn.PostHocPrototypes;
import io.xai4j.vision.ppn.PrototypeEvaluation;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/** The files and report sections of {@code ppn evaluate | explain} and the demo. */
public final class PpnReports {

    static final List<String> HEADER = List.of("variant", "prototypes", "max_rel_error", "agreement", "accuracy", "consistency", "stability",
            "purity_keypoint", "purity_cell_centre", "nmf_error", "negative_alpha_share", "residual_share");

    private PpnReports() {}

    /**
     * Scores the prototypes, the uniform-β ablation and a random channel partition (seed {@code seed}) on PartShapes and
     * writes metrics.json and metrics.csv to {@code dir}.
     */
    public static List<PrototypeEvaluation.Scores> evaluate(ImageClassifier model, Normalization norm, PostHocPrototypes p, PartShapesSplit train,
            PartShapesSplit test, long seed, Path dir) {
        int k = p.settings().k();
        List<PostHocPrototypes> variants = List.of(p, p.uniformBeta(),
                PostHocPrototypes.randomPartition(p, model.linearHead().orElseThrow().weight(), k, seed));
        List<PrototypeEvaluation.Scores> scores = PrototypeEvaluation.evaluate(model, norm, variants, train, test, seed, 64);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("blackBox", p.blackBox());
        json.put("settings", p.settings());
        json.put("testImages", test.size());
        json.put("noiseSeed", seed);
        json.put("scores", scores);
        Json.writeFile(dir.resolve("metrics.json"), json);
        CsvTables.write(dir.resolve("metrics.csv"), HEADER, rows(scores));
        return scores;
    }

    static List<List<String>> rows(List<PrototypeEvaluation.Scores> scores) {
        List<List<String>> rows = new ArrayList<>();
        for (PrototypeEvaluation.Scores s : scores) {
            rows.add(List.of(s.variant(), Integer.toString(s.prototypes()), String.format(Locale.ROOT, "%.2e", s.maxRelativeError()),
                    f(100 * s.agreement(), 2), f(100 * s.accuracy(), 2), f(s.consistency(), 1), f(s.stability(), 1), f(s.purityKeypoint(), 3),
                    f(s.purityCellCentre(), 3), f(s.nmfError(), 4), f(s.negativeAlphaShare(), 3), f(s.residualShare(), 3)));
        }
        return rows;
    }

    /** A plain-text table for the console. */
    public static String plainTable(List<PrototypeEvaluation.Scores> scores) {
        StringBuilder b = new StringBuilder();
        b.append(String.join(" | ", HEADER)).append('\n');
        for (List<String> r : rows(scores)) {
            b.append(String.join(" | ", r)).append('\n');
        }
        return b.toString();
    }

    /** The metric table as an HTML section body. */
    public static String metricsHtml(List<PrototypeEvaluation.Scores> scores) {
        return HtmlReport.table(HEADER, rows(scores), null)
                + "<p>Exactness: max |Σ contributions + bias − logit| / max(1, |logit|) over every test image and class; agreement in %,"
                + " consistency and stability in points (EvalProtoPNet definitions on part masks), purity of the top-10 training patches"
                + " (PIP-Net's keypoint rule, and cell centre in mask). Baselines: uniform β (no Nelder–Mead), random channel partition.</p>";
    }

    /**
     * Local explanations of the first {@code images} images of {@code data} (JSON + one PNG per image and class) and the global
     * grid (top-10 training patches per prototype), written to {@code dir}; returns the report section body.
     */
    public static String explain(ImageClassifier model, Normalization norm, PostHocPrototypes p, ImageDataset train, ImageDataset data,
            int images, Path dir) {
        int s = model.inputShape()[1];
        StringBuilder html = new StringBuilder();
        List<LocalPrototypeExplanation> local = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager()) {
            int n = Math.min(images, data.size());
            int[] idx = IntStream.range(0, n).toArray();
            NDArray x = ImageDataset.batch(m, data, idx, norm);
            Decomposition d = Decomposition.of(model, p, x);
            html.append("<table><tr><th>image</th><th>top-3 classes: logit = bias + Σ contributions (prototype: contribution, share)</th></tr>");
            for (int i = 0; i < n; i++) {
                LocalPrototypeExplanation e = LocalPrototypeExplanation.of(d, i, idx[i], p, s);
                local.add(e);
                BufferedImage img = Images.fromPlanarRgb(data.pixels(idx[i]), s, s);
                html.append("<tr><td>#").append(i).append(" (").append(HtmlReport.escape(p.classNames().get(Math.max(0, data.label(idx[i])))))
                        .append(")</td><td>");
                for (LocalPrototypeExplanation.ClassEvidence c : e.classes()) {
                    BufferedImage pic = Images.scale(LocalPrototypeExplanation.render(img, c), 2);
                    Images.writePng(dir.resolve(String.format(Locale.ROOT, "local/image%04d_class%d.png", i, c.classIndex())), pic);
                    StringBuilder caption = new StringBuilder(String.format(Locale.ROOT, "%s: %.3f = %.3f", c.className(), c.logit(), c.bias()));
                    for (LocalPrototypeExplanation.PartEvidence pe : c.parts()) {
                        caption.append(String.format(Locale.ROOT, " %+.3f (%s, %.0f%%)", pe.contribution(), pe.id(), 100 * pe.share()));
                    }
                    html.append(HtmlReport.figure(Images.dataUri(pic), caption.toString()));
                }
                html.append("</td></tr>");
            }
            html.append("</table>");
        }
        Json.writeFile(dir.resolve("local.json"), local);
        PrototypeEvaluation.TopPatches top = PrototypeEvaluation.topPatches(model, norm, List.of(p), train, 64).get(0);
        BufferedImage grid = top.global(s).grid(train, 32);
        Images.writePng(dir.resolve("global.png"), grid);
        List<Map<String, Object>> global = new ArrayList<>();
        for (var cp : p.classes()) {
            for (int i = 0; i < cp.size(); i++) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", cp.id(i));
                row.put("row", global.size());
                row.put("alpha", cp.alpha()[i]);
                row.put("beta", cp.beta()[i]);
                row.put("meanContribution", cp.meanContribution()[i]);
                row.put("nmfError", cp.nmfError());
                row.put("topImages", top.image()[cp.classIndex()][i]);
                global.add(row);
            }
        }
        Json.writeFile(dir.resolve("global.json"), global);
        html.append("<h3>Top-10 training patches per prototype (rows c0/p0, c0/p1, …)</h3>").append(HtmlReport.figure(Images.dataUri(grid),
                "one row per prototype, in class order; α, β and the NMF error are in global.json"));
        Console.info("wrote local.json, local/*.png, global.json and global.png to %s", dir);
        return html.toString();
    }

    private static String f(double v, int digits) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%." + digits + "f", v);
    }
}

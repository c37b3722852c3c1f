package io.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xai4j.core.metrics.Category;
import io.xai4j.core.metrics.Direction;
import io.xai4j.core.metrics.MetricResult;
import io.xai4j.vision.data.ImageDataset;
import io.xai4j.vision.experiment.ImageEvaluation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Layout faults of the image reports (issue 20, defect 9), checked on the HTML and SVG they produce. */
class ReportLayoutTest {

    private static Map<String, MetricResult> scores(double value) {
        Map<String, MetricResult> m = new LinkedHashMap<>();
        for (String name : ImageEvaluation.METRICS) {
            m.put(name, MetricResult.of(name, new double[] {value}, Direction.HIGHER, Category.LOCALISATION, Map.of()));
        }
        return m;
    }

    @Test
    void everyMethodThatTiesForBestIsBold() {
        ImageEvaluation.Result r = new ImageEvaluation.Result(List.of(new ImageEvaluation.MethodScores("cam", scores(0.9), null, null, 0.01),
                new ImageEvaluation.MethodScores("gradcam", scores(0.9), null, null, 0.01),
                new ImageEvaluation.MethodScores("rise", scores(0.5), null, null, 0.01)), Map.of(), Map.of(), 1, 0);
        String html = ImageReport.metricTable(r);
        int columns = ImageEvaluation.METRICS.size();
        assertEquals(2 * columns, count(html, "<td class=\"best\">0.900</td>"), "both tied methods bold in every column: " + html);
        assertEquals(0, count(html, "<td class=\"best\">0.500</td>"));
    }

    @Test
    void trainingCurvesNeverRunThroughTheLegend() {
        // accuracy rising to the top right corner, where the legend used to be
        double[] train = {0.2, 0.5, 0.8, 0.95, 1.0}, val = {0.25, 0.55, 0.85, 0.97, 0.99};
        String svg = Plots.lines("accuracy", List.of("train", "validation"), List.of(train, val));
        double maxCurveX = 0;
        Matcher points = Pattern.compile("points=\"([^\"]*)\"").matcher(svg);
        while (points.find()) {
            for (String xy : points.group(1).trim().split(" ")) {
                maxCurveX = Math.max(maxCurveX, Double.parseDouble(xy.split(",")[0]));
            }
        }
        for (String name : List.of(">train<", ">validation<")) {
            int at = svg.indexOf(name);
            assertTrue(at > 0, svg);
            Matcher x = Pattern.compile("<text x=\"(\\d+)\"[^>]*$").matcher(svg.substring(0, at));
            assertTrue(x.find(), svg);
            assertTrue(Double.parseDouble(x.group(1)) > maxCurveX + 10, "legend " + name + " at x=" + x.group(1) + " overlaps curves reaching x="
                    + maxCurveX);
        }
        Matcher width = Pattern.compile("<svg width=\"(\\d+)\"").matcher(svg);
        assertTrue(width.find());
        assertTrue(Integer.parseInt(width.group(1)) >= maxCurveX + 10 + Plots.LEGEND_WIDTH - 20, "legend inside the picture");
    }

    @Test
    void galleryImagesAreTakenAcrossClasses() {
        // a folder read class by class: 5 of class 0, then 3 of class 1, then 2 of class 2
        int[] labels = {0, 0, 0, 0, 0, 1, 1, 1, 2, 2};
        ImageDataset folder = new Labels(labels);
        assertArrayEquals(new int[] {0, 5, 8, 1, 6, 9, 2, 7}, ImageReport.acrossClasses(folder, 8));
        assertArrayEquals(new int[] {0, 5}, ImageReport.acrossClasses(folder, 2));
        assertEquals(10, ImageReport.acrossClasses(folder, 100).length);
        // every index once, whatever the order of the labels (a slow explicit check)
        List<Integer> seen = new ArrayList<>();
        for (int i : ImageReport.acrossClasses(new Labels(new int[] {2, 0, 2, 1, 1, 0, 2}), 7)) {
            assertTrue(!seen.contains(i), "index " + i + " twice");
            seen.add(i);
        }
        assertEquals(List.of(0, 1, 3, 2, 5, 4, 6), seen);
    }

    /** Labels only; pixels are never read. */
    private record Labels(int[] labels) implements ImageDataset {
        public int size() {
            return labels.length;
        }

        public List<String> classNames() {
            return List.of("a", "b", "c");
        }

        public int channels() {
            return 3;
        }

        public int height() {
            return 1;
        }

        public int width() {
            return 1;
        }

        public float[] pixels(int index) {
            throw new UnsupportedOperationException();
        }

        public int label(int index) {
            return labels[index];
        }
    }

    private static int count(String s, String what) {
        return s.split(Pattern.quote(what), -1).length - 1;
    }
}

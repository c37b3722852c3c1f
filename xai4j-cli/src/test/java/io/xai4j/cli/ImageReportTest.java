package io.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xai4j.core.metrics.Category;
import io.xai4j.core.metrics.Direction;
import io.xai4j.core.metrics.MetricResult;
import io.xai4j.vision.experiment.ImageEvaluation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The console table of evaluate and demo: full metric names as headers, values under them, '-' where nothing ran. */
class ImageReportTest {

    @Test
    void plainTableShowsWholeNamesAlignedValuesAndWhatWasNotComputed() {
        Map<String, MetricResult> gradcam = new LinkedHashMap<>(), rise = new LinkedHashMap<>();
        for (String m : ImageEvaluation.METRICS) {
            gradcam.put(m, MetricResult.of(m, new double[] {0.25, 0.75}, Direction.HIGHER, Category.LOCALISATION, Map.of()));
            if (!m.equals("mprt_spearman")) {
                rise.put(m, MetricResult.of(m, new double[] {Double.NaN}, Direction.HIGHER, Category.LOCALISATION, Map.of()));
            }
        }
        ImageEvaluation.Result r = new ImageEvaluation.Result(List.of(new ImageEvaluation.MethodScores("gradcam", gradcam, null, null, 0.01),
                new ImageEvaluation.MethodScores("rise", rise, null, null, 0.5)), Map.of(), Map.of(), 2, 0);
        List<String> lines = ImageReport.plainTable(r).lines().toList();
        String header = lines.get(0);
        for (String m : ImageEvaluation.METRICS) {
            assertTrue(header.contains(" " + m), "whole name " + m + " in " + header);
        }
        assertEquals(header.length(), lines.get(1).length(), "rows as wide as the header");
        int col = header.indexOf("energy_pointing_game") + "energy_pointing_game".length();
        assertEquals("0.500", lines.get(1).substring(col - 5, col), "a value ends under its header");
        assertTrue(lines.get(2).startsWith("rise") && lines.get(2).endsWith(" -") && lines.get(2).contains(" n/a"), lines.get(2));
        assertTrue(lines.get(3).startsWith("(-: not computed:"), lines.get(3));
    }

    @Test
    void htmlTableTellsNotComputedFromUndefinedAsTheTerminalDoes() {
        Map<String, MetricResult> gradcam = new LinkedHashMap<>(), rise = new LinkedHashMap<>();
        for (String m : ImageEvaluation.METRICS) {
            gradcam.put(m, MetricResult.of(m, new double[] {0.25, 0.75}, Direction.HIGHER, Category.LOCALISATION, Map.of()));
            if (!m.equals("mprt_spearman")) {
                rise.put(m, MetricResult.of(m, new double[] {Double.NaN}, Direction.HIGHER, Category.LOCALISATION, Map.of()));
            }
        }
        ImageEvaluation.Result r = new ImageEvaluation.Result(List.of(new ImageEvaluation.MethodScores("gradcam", gradcam, null, null, 0.01),
                new ImageEvaluation.MethodScores("rise", rise, null, null, 0.5)), Map.of(), Map.of(), 2, 0);
        String html = ImageReport.metricTable(r);
        String riseRow = html.substring(html.indexOf("<td>rise</td>"), html.indexOf("</tr>", html.indexOf("<td>rise</td>")));
        List<String> cells = java.util.Arrays.stream(riseRow.split("<td[^>]*>")).skip(1).map(c -> c.replace("</td>", "")).toList();
        // cells: method, the METRICS in order, seconds per image
        for (int c = 0; c < ImageEvaluation.METRICS.size(); c++) {
            String expected = ImageEvaluation.METRICS.get(c).equals("mprt_spearman") ? "-" : "n/a";
            assertEquals(expected, cells.get(c + 1), ImageEvaluation.METRICS.get(c) + " of rise in " + riseRow);
        }
        assertTrue(html.contains("-: not computed") && html.contains("n/a: undefined"), "the note explains both marks: " + html);
    }
}

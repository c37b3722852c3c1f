package io.xai4j.vision.pipnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The numbers PIP-Net's report shows (issue 20, defect 9): equations that hold as shown, no relevant weight as 0.00. */
class PipNetReportFormatTest {

    private static final Pattern CAPTION = Pattern.compile("p(\\d+): ([0-9.]+) × ([0-9.]+) = ([0-9.]+)");

    private static LocalExplanation.Contribution contribution(float presence, float weight) {
        return new LocalExplanation.Contribution(3, presence, weight, presence * weight, 0, 0, null, null);
    }

    /** The shown product is the shown factors' product rounded to two decimals (checked by parsing the caption back). */
    private static void assertHolds(float presence, float weight) {
        String caption = PipNetReport.caption(contribution(presence, weight));
        Matcher m = CAPTION.matcher(caption);
        assertTrue(m.matches(), caption);
        double a = Double.parseDouble(m.group(2)), b = Double.parseDouble(m.group(3)), c = Double.parseDouble(m.group(4));
        assertTrue(Math.abs(a * b - c) <= 0.005 + 1e-9, "the equation does not hold as shown: " + caption);
        assertTrue(Math.abs(a - presence) <= 0.005 + 1e-6, caption + " for presence " + presence);
    }

    @Test
    void contributionCaptionsAddUpAsShown() {
        assertHolds(0.998f, 4.5f); // the report showed "1.00 × 4.50 = 4.49"
        SplittableRandom rnd = new SplittableRandom(20);
        for (int i = 0; i < 10_000; i++) {
            assertHolds((float) rnd.nextDouble(), (float) (rnd.nextDouble() * 20));
        }
    }

    @Test
    void smallRelevantWeightsDoNotShowAsZero() {
        assertEquals("0.0043", PipNetReport.weight(0.0043f));
        assertEquals("0.0011", PipNetReport.weight(0.0011));
        assertEquals("4.50", PipNetReport.weight(4.5));
        assertEquals("0.01", PipNetReport.weight(0.005));
        ScoringSheet sheet = new ScoringSheet(List.of(new ScoringSheet.ClassRow(0, "a", List.of(new ScoringSheet.Entry(7, 2.5f),
                new ScoringSheet.Entry(2, 0.0024f)))), 8, new float[1]);
        String html = PipNetReport.scoringSheet(sheet, false);
        assertFalse(html.contains("(0.00)"), html);
        assertTrue(html.contains("p7 (2.50), p2 (0.0024)"), html);
    }

    @Test
    void imagesAreEnlargedTowardsAThumbnailNotByAFixedFactor() {
        assertEquals(3, PipNetReport.zoom(64, PipNetReport.IMAGE_SIDE));
        assertEquals(2, PipNetReport.zoom(64, PipNetReport.VIEW_SIDE));
        for (int side : new int[] {28, 64, 100, 224, 448}) {
            int shown = side * PipNetReport.zoom(side, PipNetReport.IMAGE_SIDE);
            assertTrue(shown <= Math.max(side, PipNetReport.IMAGE_SIDE) && shown > PipNetReport.IMAGE_SIDE / 2,
                    side + " px shown at " + shown + " px");
            assertTrue(side * PipNetReport.zoom(side, PipNetReport.VIEW_SIDE) <= Math.max(side, PipNetReport.VIEW_SIDE));
        }
    }
}

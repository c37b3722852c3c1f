package io.xai4j.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressBarsTest {

    private static final String PIPNET = " L 1.665 L_A 0.115 L_T 0.002 L_C 0.381 acc 0.870";

    @Test
    void everyLossFitsOnAnEightyColumnLineAndTheBarTakesOnlyWhatIsLeft() {
        String line = ProgressBars.render("train 1/30 (cls)", 37312, 59968, Duration.ofSeconds(30), PIPNET, 79);
        assertTrue(line.length() <= 79, line);
        assertTrue(line.endsWith(PIPNET), line);
        assertTrue(line.startsWith("train 1/30 (cls)  62% 0:30<0:18 L 1.665"), line);
        assertFalse(line.contains("["), "no room for a bar: " + line);
        String wide = ProgressBars.render("train 1/30 (cls)", 37312, 59968, Duration.ofSeconds(30), PIPNET, 140);
        assertTrue(wide.contains(" [==================>           ]"), wide);
        assertTrue(wide.endsWith(PIPNET), wide);
    }

    @Test
    void etaIsElapsedTimesRemainingOverDoneAndALongMessageIsCutAtTheLineEnd() {
        assertEquals("gcn  25% 1:00:00<3:00:00 x", ProgressBars.render("gcn", 1, 4, Duration.ofHours(1), "x", 26));
        assertEquals("gcn 100% 0:05<0:00", ProgressBars.render("gcn", 4, 4, Duration.ofSeconds(5), null, 18));
        assertEquals("gcn   0% 0:00<? abc", ProgressBars.render("gcn", 0, 4, Duration.ZERO, "abcdef", 19));
    }
}

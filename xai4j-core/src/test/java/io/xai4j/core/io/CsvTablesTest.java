package io.xai4j.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CSV text by hand (RFC 4180): fields with commas, quotes or line breaks are quoted, quotes doubled. */
class CsvTablesTest {

    @Test
    void quotesOnlyWhatNeedsQuotingAndKeepsNumbersAsGiven() {
        String csv = CsvTables.toCsv(List.of("method", "note", "value"), List.of(
                List.of("eb", "plain", 0.25),
                List.of("c-EB", "a, b", 1),
                Arrays.asList("x", "say \"hi\"", null),
                List.of("y", "two\nlines", Double.NaN)));
        assertEquals("method,note,value\n"
                + "eb,plain,0.25\n"
                + "c-EB,\"a, b\",1\n"
                + "x,\"say \"\"hi\"\"\",\n"
                + "y,\"two\nlines\",NaN\n", csv);
        assertThrows(IllegalArgumentException.class, () -> CsvTables.toCsv(List.of("a", "b"), List.of(List.of(1))));
    }
}

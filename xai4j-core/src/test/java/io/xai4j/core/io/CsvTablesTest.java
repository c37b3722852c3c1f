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

    @Test
    void rowByRowWriterGivesTheSameTextAndLeavesTheTargetAloneUntilCommitted(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        List<String> header = List.of("file", "score");
        List<List<Object>> rows = List.of(List.of("a, b.png", 0.5), Arrays.asList("c.png", null));
        java.nio.file.Path target = dir.resolve("predictions.csv");
        java.nio.file.Files.writeString(target, "earlier run");
        try (CsvTables.Writer w = CsvTables.Writer.open(target, header)) {
            w.row(rows.get(0));
            assertThrows(IllegalArgumentException.class, () -> w.row(List.of(1)));
        } // closed without commit
        assertEquals("earlier run", java.nio.file.Files.readString(target));
        try (CsvTables.Writer w = CsvTables.Writer.open(target, header)) {
            rows.forEach(w::row);
            w.commit();
        }
        assertEquals(CsvTables.toCsv(header, rows), java.nio.file.Files.readString(target));
        try (var s = java.nio.file.Files.list(dir)) {
            assertEquals(List.of(target), s.toList(), "no temporary file left");
        }
    }
}

package io.xai4j.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Tables for machines as CSV (RFC 4180 quoting by Apache Commons CSV, '\n' line ends, numbers as given), written
 * atomically like every other output.
 */
public final class CsvTables {

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").build();

    private CsvTables() {}

    /** The table as CSV text: the header, then one line per row; null cells are empty. */
    public static String toCsv(List<String> header, List<? extends List<?>> rows) {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
            printer.printRecord(header);
            for (List<?> row : rows) {
                if (row.size() != header.size()) {
                    throw new IllegalArgumentException("a row has " + row.size() + " cells, the header " + header.size() + ": " + row);
                }
                printer.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Writes the table to {@code file} atomically (a temporary file, then a rename). */
    public static void write(Path file, List<String> header, List<? extends List<?>> rows) {
        AtomicFiles.writeString(file, toCsv(header, rows));
    }
}

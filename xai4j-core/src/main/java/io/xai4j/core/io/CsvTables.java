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

    /**
     * A CSV file written row by row (flat memory for any number of rows) and published atomically by
     * {@link #commit()}; closed without a commit, the target is left as it was.
     */
    public static final class Writer implements AutoCloseable {
        private final AtomicFiles.Pending file;
        private final CSVPrinter printer;
        private final int columns;

        private Writer(Path target, List<String> header) {
            this.file = AtomicFiles.open(target).deleteOnExit();
            this.columns = header.size();
            try {
                this.printer = new CSVPrinter(new java.io.OutputStreamWriter(file.stream(), java.nio.charset.StandardCharsets.UTF_8), FORMAT);
                printer.printRecord(header);
            } catch (IOException e) {
                file.close();
                throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
            }
        }

        /** Opens {@code target} and writes the header. */
        public static Writer open(Path target, List<String> header) {
            return new Writer(target, header);
        }

        /** Appends a row of the header's width; null cells are empty. */
        public void row(List<?> cells) {
            if (cells.size() != columns) {
                throw new IllegalArgumentException("a row has " + cells.size() + " cells, the header " + columns + ": " + cells);
            }
            try {
                printer.printRecord(cells);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Flushes and renames the file into place. */
        public void commit() {
            try {
                printer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            file.commit();
        }

        @Override
        public void close() {
            file.close();
        }
    }

    /** Writes the table to {@code file} atomically (a temporary file, then a rename). */
    public static void write(Path file, List<String> header, List<? extends List<?>> rows) {
        AtomicFiles.writeString(file, toCsv(header, rows));
    }
}

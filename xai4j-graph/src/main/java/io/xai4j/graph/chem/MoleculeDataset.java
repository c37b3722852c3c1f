package io.xai4j.graph.chem;

import io.xai4j.graph.data.Graph;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MoleculeNet classification set (Wu et al., Chem. Sci. 2018, arXiv 1703.00564) read from CSV with
 * columns located by header name (docs/methods/molecules.md#data-sets). Rows whose SMILES cannot be parsed or typed are
 * reported with their line and skipped; rows with an empty label are counted as unlabelled and
 * skipped. A molecule's graph id is its name where the set has a name column (BBBP), else its SMILES
 * (BACE, Tox21); {@link MolecularGraph#smiles()} always holds the SMILES.
 *
 * @param name data set name
 * @param classes class names (index = label)
 * @param molecules the parsed, labelled molecules in file order
 * @param rows data rows in the file
 * @param unlabelled rows skipped because the label cell was empty
 * @param rejected rows skipped because the molecule was rejected
 */
public record MoleculeDataset(
        String name, List<String> classes, List<MolecularGraph> molecules, int rows, int unlabelled, List<Rejection> rejected) {

    private static final Logger LOG = LoggerFactory.getLogger(MoleculeDataset.class);
    private static final String RESOURCES = "/io/xai4j/graph/data/";
    /** RFC 4180 with a header line; blank lines are skipped. */
    private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build();

    /** A skipped row. */
    public record Rejection(int line, String smiles, String reason) {}

    public MoleculeDataset {
        molecules = List.copyOf(molecules);
        rejected = List.copyOf(rejected);
    }

    /** The graphs, in the order of {@link #molecules}. */
    public List<Graph> graphs() {
        return molecules.stream().map(MolecularGraph::graph).toList();
    }

    /**
     * BBBP: label {@code p_np} (1 = penetrates the blood–brain barrier); each molecule's graph id is its {@code name}
     * (not unique: 28 names, e.g. "propofol" or the compound number "24", occur twice; the SMILES tell them apart).
     */
    public static MoleculeDataset bbbp() {
        return resource("BBBP", "BBBP.csv", "smiles", "p_np", "name", List.of("non-penetrating", "penetrating"));
    }

    /** BACE: label {@code Class} (1 = BACE-1 inhibitor); the file names no molecule, so the graph id is the SMILES. */
    public static MoleculeDataset bace() {
        return resource("BACE", "bace.csv", "smiles", "Class", null, List.of("inactive", "inhibitor"));
    }

    /** Tox21 NR-ER, rows with an empty NR-ER cell dropped; the file names no molecule, so the graph id is the SMILES. */
    public static MoleculeDataset tox21NrEr() {
        return resource("Tox21 NR-ER", "tox21.csv", "smiles", "NR-ER", null, List.of("inactive", "active"));
    }

    /** The names {@link #named} takes (lower case; tox21 NR-ER has two aliases). */
    public static final java.util.Set<String> NAMES = java.util.Set.of("bbbp", "bace", "tox21", "tox21-nr-er", "nr-er");

    /** Whether {@link #named} knows {@code name} (case-insensitive). */
    public static boolean isNamed(String name) {
        return NAMES.contains(name.toLowerCase(java.util.Locale.ROOT));
    }

    /** One of {@code bbbp}, {@code bace}, {@code tox21} (case-insensitive; {@link #NAMES}). */
    public static MoleculeDataset named(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "bbbp" -> bbbp();
            case "bace" -> bace();
            case "tox21", "tox21-nr-er", "nr-er" -> tox21NrEr();
            default -> throw new IllegalArgumentException("unknown molecule data set '" + name + "'; expected bbbp, bace or tox21");
        };
    }

    private static MoleculeDataset resource(String name, String file, String smilesColumn, String labelColumn, String idColumn,
            List<String> classes) {
        InputStream in = MoleculeDataset.class.getResourceAsStream(RESOURCES + file);
        if (in == null) {
            throw new IllegalStateException("bundled data file " + RESOURCES + file + " is missing from the classpath");
        }
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return read(name, file, r, smilesColumn, labelColumn, idColumn, classes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a CSV file from disk; the graph ids are the SMILES. */
    public static MoleculeDataset read(Path csv, String smilesColumn, String labelColumn, List<String> classes) {
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            return read(csv.getFileName().toString(), csv.toString(), r, smilesColumn, labelColumn, classes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads unlabelled molecules from a SMILES file (the common {@code .smi} layout): one molecule per line, the
     * SMILES, then optionally white space and a name, which becomes the graph id. Blank lines and lines starting
     * with {@code #} are skipped; a SMILES that cannot be parsed is reported with its line and skipped, like a
     * rejected row of a CSV set. The result has no class names and every label is −1.
     */
    public static MoleculeDataset readSmiles(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("SMILES file not found: " + file, e);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException(file + " is not UTF-8 text", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<MolecularGraph> molecules = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        int rows = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replace("\uFEFF", "").strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            rows++;
            String[] parts = line.split("\\s+", 2);
            String smiles = parts[0], id = parts.length > 1 ? parts[1] : parts[0];
            try {
                molecules.add(MolecularGraph.of(smiles, id, -1, i + 1));
            } catch (MoleculeRejectedException e) {
                rejected.add(new Rejection(i + 1, smiles, e.getMessage()));
                LOG.warn("{} line {}: skipped SMILES '{}': {}", file, i + 1, smiles, e.getMessage());
            }
        }
        LOG.info("{}: {} molecules, {} parsed, {} rejected", file, rows, molecules.size(), rejected.size());
        return new MoleculeDataset(file.getFileName().toString(), List.of(), molecules, rows, 0, rejected);
    }

    /** As {@link #read(String, String, Reader, String, String, String, List)} without an id column: the graph ids are the SMILES. */
    public static MoleculeDataset read(String name, String source, Reader csv, String smilesColumn, String labelColumn, List<String> classes)
            throws IOException {
        return read(name, source, csv, smilesColumn, labelColumn, null, classes);
    }

    /**
     * Reads CSV text (RFC 4180, parsed by Apache Commons CSV; blank lines are skipped); {@code source} names the
     * file in messages, with the line a record ends on. Labels must be integers in 0..classes−1 (a trailing ".0"
     * is accepted); a row with an empty label cell is counted as unlabelled and skipped.
     *
     * @param idColumn the column of the molecules' names, which become the graph ids as in {@link #readSmiles} (a
     *     row with an empty name keeps its SMILES as id); null: the graph ids are the SMILES
     */
    public static MoleculeDataset read(String name, String source, Reader csv, String smilesColumn, String labelColumn, String idColumn,
            List<String> classes) throws IOException {
        CSVParser parser;
        try {
            parser = CSV.parse(csv);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new IllegalArgumentException(source + " line 1: cannot read the header: " + e.getMessage(), e);
        }
        try (parser) {
            List<String> names = parser.getHeaderNames().stream().map(h -> h.replace("\uFEFF", "")).toList();
            if (names.isEmpty()) {
                throw new IllegalArgumentException(source + ": empty file, expected a header line");
            }
            int s = names.indexOf(smilesColumn);
            int y = names.indexOf(labelColumn);
            int n = idColumn == null ? -1 : names.indexOf(idColumn);
            if (s < 0 || y < 0 || (idColumn != null && n < 0)) {
                throw new IllegalArgumentException(source + " line 1: header " + names + " lacks column '"
                        + (s < 0 ? smilesColumn : y < 0 ? labelColumn : idColumn) + "'");
            }
            int cells = Math.max(Math.max(s, y), n) + 1;
            List<MolecularGraph> molecules = new ArrayList<>();
            List<Rejection> rejected = new ArrayList<>();
            int rows = 0, unlabelled = 0;
            Iterator<CSVRecord> records = parser.iterator();
            while (true) {
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    Throwable root = e;
                    while (root.getCause() != null) {
                        root = root.getCause();
                    }
                    throw new IllegalArgumentException(source + " line " + parser.getCurrentLineNumber() + ": malformed CSV: "
                            + String.valueOf(root.getMessage()).replaceFirst("^\\(line \\d+\\) ", ""), e);
                }
                int lineNo = (int) parser.getCurrentLineNumber();
                rows++;
                if (record.size() < cells) {
                    throw new IllegalArgumentException(source + " line " + lineNo + ": " + record.size() + " cells, expected at least " + cells);
                }
                String labelText = record.get(y).trim();
                if (labelText.isEmpty()) {
                    unlabelled++;
                    continue;
                }
                int label;
                try {
                    label = (int) Math.round(Double.parseDouble(labelText));
                    if (label != Double.parseDouble(labelText) || label < 0 || label >= classes.size()) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(source + " line " + lineNo + ", column '" + labelColumn + "': label '" + labelText
                            + "' is not a class index in 0.." + (classes.size() - 1));
                }
                String smiles = record.get(s).trim();
                String id = n < 0 || record.get(n).isBlank() ? smiles : record.get(n).strip();
                try {
                    molecules.add(MolecularGraph.of(smiles, id, label, lineNo));
                } catch (MoleculeRejectedException e) {
                    rejected.add(new Rejection(lineNo, smiles, e.getMessage()));
                    LOG.debug("{} line {}: skipped SMILES '{}': {}", source, lineNo, smiles, e.getMessage());
                }
            }
            LOG.info("{}: {} rows, {} parsed, {} rejected, {} unlabelled", name, rows, molecules.size(), rejected.size(), unlabelled);
            if (!rejected.isEmpty()) { // one line, not one per row: the bundled sets reject the same rows every run
                LOG.warn("{}: skipped {} SMILES that CDK cannot read, lines {} (rejected() gives each reason; log level debug prints them)",
                        source, rejected.size(), rejected.stream().map(r -> Integer.toString(r.line())).collect(java.util.stream.Collectors.joining(", ")));
            }
            return new MoleculeDataset(name, classes, molecules, rows, unlabelled, rejected);
        }
    }
}

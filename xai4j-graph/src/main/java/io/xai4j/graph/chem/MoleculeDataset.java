package io.xai4j.graph.chem;

import io.xai4j.graph.data.Graph;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MoleculeNet classification set (Wu et al., Chem. Sci. 2018, arXiv 1703.00564) read from CSV with
 * columns located by header name (gcnn.md §8). Rows whose SMILES cannot be parsed or typed are
 * reported with their line and skipped; rows with an empty label are counted as unlabelled and
 * skipped.
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

    /** BBBP: label {@code p_np} (1 = penetrates the blood–brain barrier). */
    public static MoleculeDataset bbbp() {
        return resource("BBBP", "BBBP.csv", "smiles", "p_np", List.of("non-penetrating", "penetrating"));
    }

    /** BACE: label {@code Class} (1 = BACE-1 inhibitor). */
    public static MoleculeDataset bace() {
        return resource("BACE", "bace.csv", "smiles", "Class", List.of("inactive", "inhibitor"));
    }

    /** Tox21 NR-ER, rows with an empty NR-ER cell dropped. */
    public static MoleculeDataset tox21NrEr() {
        return resource("Tox21 NR-ER", "tox21.csv", "smiles", "NR-ER", List.of("inactive", "active"));
    }

    /** One of {@code bbbp}, {@code bace}, {@code tox21} (case-insensitive). */
    public static MoleculeDataset named(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "bbbp" -> bbbp();
            case "bace" -> bace();
            case "tox21", "tox21-nr-er", "nr-er" -> tox21NrEr();
            default -> throw new IllegalArgumentException("unknown molecule data set '" + name + "'; expected bbbp, bace or tox21");
        };
    }

    private static MoleculeDataset resource(String name, String file, String smilesColumn, String labelColumn, List<String> classes) {
        InputStream in = MoleculeDataset.class.getResourceAsStream(RESOURCES + file);
        if (in == null) {
            throw new IllegalStateException("bundled data file " + RESOURCES + file + " is missing from the classpath");
        }
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return read(name, file, r, smilesColumn, labelColumn, classes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a CSV file from disk. */
    public static MoleculeDataset read(Path csv, String smilesColumn, String labelColumn, List<String> classes) {
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            return read(csv.getFileName().toString(), csv.toString(), r, smilesColumn, labelColumn, classes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads CSV text; {@code source} names the file in messages. Labels must be integers in
     * 0..classes−1 (a trailing ".0" is accepted).
     */
    public static MoleculeDataset read(String name, String source, Reader csv, String smilesColumn, String labelColumn, List<String> classes)
            throws IOException {
        BufferedReader in = new BufferedReader(csv);
        String header = in.readLine();
        if (header == null) {
            throw new IllegalArgumentException(source + ": empty file, expected a header line");
        }
        List<String> names = splitCsv(header.replace("\uFEFF", ""));
        int s = names.indexOf(smilesColumn);
        int y = names.indexOf(labelColumn);
        if (s < 0 || y < 0) {
            throw new IllegalArgumentException(source + " line 1: header " + names + " lacks column '" + (s < 0 ? smilesColumn : labelColumn) + "'");
        }
        List<MolecularGraph> molecules = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        int rows = 0, unlabelled = 0;
        int lineNo = 1;
        String line;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            rows++;
            List<String> cells = splitCsv(line);
            if (cells.size() <= Math.max(s, y)) {
                throw new IllegalArgumentException(source + " line " + lineNo + ": " + cells.size() + " cells, expected at least " + (Math.max(s, y) + 1));
            }
            String labelText = cells.get(y).trim();
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
            String smiles = cells.get(s).trim();
            try {
                molecules.add(MolecularGraph.of(smiles, label, lineNo));
            } catch (MoleculeRejectedException e) {
                rejected.add(new Rejection(lineNo, smiles, e.getMessage()));
                LOG.warn("{} line {}: skipped SMILES '{}': {}", source, lineNo, smiles, e.getMessage());
            }
        }
        LOG.info("{}: {} rows, {} parsed, {} rejected, {} unlabelled", name, rows, molecules.size(), rejected.size(), unlabelled);
        return new MoleculeDataset(name, classes, molecules, rows, unlabelled, rejected);
    }

    /** Splits one CSV line, honouring double quotes ("" inside quotes is a quote). */
    static List<String> splitCsv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        out.add(cell.toString());
        return out;
    }
}

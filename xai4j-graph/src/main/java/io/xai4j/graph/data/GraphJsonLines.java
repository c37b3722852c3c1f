package io.xai4j.graph.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.xai4j.core.io.AtomicFiles;
import io.xai4j.core.io.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reader for the generic graph input of docs/methods/graph-input.md: UTF-8 JSON lines, an optional first line
 * {@code {"meta":{"classes":[...],"feature_names":[...],"directed":false}}}, then one graph per line
 * {@code {"id":..., "label":int, "nodes":[{"x":[...],"name":...,"gt":0|1,"pos":[x,y]}], "edges":[[u,v],[u,v,w],[u,v,w,"rel"]]}}.
 * Errors name the file, line number and field. {@link #write} writes the same format (atomically), so
 * built-in data sets can be exported for other tools and read back unchanged.
 */
public final class GraphJsonLines {

    /** The parsed file: metadata (possibly empty) and graphs. */
    public record Dataset(List<String> classes, List<String> featureNames, boolean directed, List<Graph> graphs) {}

    private GraphJsonLines() {}

    /**
     * Reads {@code file}; graphs without a {@code "label"} get label −1 (enough for explaining them). Fails in one
     * line naming the file: {@code input file not found: FILE}, {@code FILE holds no graphs}, or the line and field.
     */
    public static Dataset read(Path file) {
        return read(file, false);
    }

    /** {@link #read(Path)} for training: a graph without {@code "label"} fails, {@code FILE line 2: graph g7 has no "label"}. */
    public static Dataset readLabelled(Path file) {
        return read(file, true);
    }

    private static Dataset read(Path file, boolean labelsRequired) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(file + " is a folder, not a JSON-lines graph file");
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(file.toString(), r, labelsRequired);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("input file not found: " + file, e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IllegalArgumentException("cannot read " + file + ": permission denied", e);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException(file + " is not UTF-8 text", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@link #read(String, Reader, boolean)} accepting graphs without a label (label −1). */
    public static Dataset read(String source, Reader reader) throws IOException {
        return read(source, reader, false);
    }

    /**
     * Parses JSON lines from {@code reader}; {@code source} names it in error messages. With {@code labelsRequired}
     * a graph without {@code "label"} fails, naming its line; a source without graphs fails in any case.
     */
    public static Dataset read(String source, Reader reader, boolean labelsRequired) throws IOException {
        BufferedReader in = new BufferedReader(reader);
        List<String> classes = List.of();
        List<String> featureNames = List.of();
        boolean directed = false;
        List<Graph> graphs = new ArrayList<>();
        int d = -1;
        String line;
        int no = 0;
        while ((line = in.readLine()) != null) {
            no++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = Json.MAPPER.readTree(line);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(source + " line " + no + ": not valid JSON (" + reason(e) + ")", e);
            }
            if (!node.isObject()) {
                throw new IllegalArgumentException(source + " line " + no + ": not a JSON object");
            }
            if (node.has("meta")) {
                if (!graphs.isEmpty()) {
                    throw error(source, no, "meta", "must be on the first line");
                }
                JsonNode meta = node.get("meta");
                classes = strings(meta.get("classes"), source, no, "meta.classes");
                featureNames = strings(meta.get("feature_names"), source, no, "meta.feature_names");
                directed = meta.has("directed") && meta.get("directed").asBoolean(false);
                continue;
            }
            Graph g = graph(node, source, no, directed, classes.size());
            if (labelsRequired && g.label() < 0) {
                throw new IllegalArgumentException(source + " line " + no + ": graph " + (node.has("id") ? g.id() + " " : "")
                        + "has no \"label\"");
            }
            if (d >= 0 && g.featureDim() != d) {
                throw error(source, no, "nodes[0].x", "has " + g.featureDim() + " features, earlier graphs have " + d);
            }
            d = g.featureDim();
            graphs.add(g);
        }
        if (graphs.isEmpty()) {
            throw new IllegalArgumentException(source + " holds no graphs");
        }
        if (!featureNames.isEmpty() && featureNames.size() != d) {
            throw error(source, 1, "meta.feature_names", "has " + featureNames.size() + " names but nodes have " + d + " features");
        }
        return new Dataset(classes, featureNames, directed, graphs);
    }

    /**
     * Jackson's complaint without its internals (the redacted source, the parser feature to enable), and the
     * column: {@code unexpected end-of-input: expected close marker for Object at column 51}.
     */
    static String reason(JsonProcessingException e) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
        m = m.replaceAll("\\s*\\(start marker at \\[Source:.*$", "")
                .replaceAll("\\s*\\[Source:[^\\]]*\\]", "")
                .replaceAll(": enable `[^`]*` to allow$", " (not allowed in JSON)")
                .replace("was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')", "expected a JSON value")
                .strip();
        if (m.isEmpty()) {
            m = "parse error";
        }
        m = Character.toLowerCase(m.charAt(0)) + m.substring(1);
        return e.getLocation() == null || e.getLocation().getColumnNr() < 1 ? m : m + " at column " + e.getLocation().getColumnNr();
    }

    /**
     * Writes {@code data} atomically as JSON lines: a meta line, then one graph per line. Every graph
     * must have the data set's direction; {@link #read} gives back equal graphs (float features and
     * weights print exactly).
     */
    public static void write(Path file, Dataset data) {
        for (Graph g : data.graphs()) {
            if (g.directed() != data.directed()) {
                throw new IllegalArgumentException("graph " + g.id() + " is " + (g.directed() ? "directed" : "undirected")
                        + " but the data set is " + (data.directed() ? "directed" : "undirected"));
            }
        }
        com.fasterxml.jackson.databind.ObjectWriter line = Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);
        AtomicFiles.write(file, out -> {
            java.io.Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8));
            ObjectNode meta = Json.MAPPER.createObjectNode();
            ObjectNode m = meta.putObject("meta");
            data.classes().forEach(m.putArray("classes")::add);
            data.featureNames().forEach(m.putArray("feature_names")::add);
            m.put("directed", data.directed());
            w.write(line.writeValueAsString(meta));
            w.write('\n');
            for (Graph g : data.graphs()) {
                w.write(line.writeValueAsString(toJson(g)));
                w.write('\n');
            }
            w.flush();
        });
    }

    private static ObjectNode toJson(Graph g) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", g.id());
        if (g.label() >= 0) {
            o.put("label", g.label());
        }
        ArrayNode nodes = o.putArray("nodes");
        for (int i = 0; i < g.numNodes(); i++) {
            ObjectNode n = nodes.addObject();
            ArrayNode x = n.putArray("x");
            for (float v : g.x()[i]) {
                x.add(v);
            }
            if (g.nodeNames() != null && g.nodeNames()[i] != null) {
                n.put("name", g.nodeNames()[i]);
            }
            if (g.groundTruth() != null) {
                n.put("gt", g.groundTruth()[i]);
            }
            if (g.positions() != null) {
                n.putArray("pos").add(g.positions()[i][0]).add(g.positions()[i][1]);
            }
        }
        ArrayNode edges = o.putArray("edges");
        for (Edge e : g.edges()) {
            ArrayNode a = edges.addArray().add(e.u()).add(e.v());
            if (e.weight() != 1f) {
                a.add(e.weight());
            }
        }
        return o;
    }

    private static Graph graph(JsonNode node, String source, int no, boolean directed, int numClasses) {
        String id = node.has("id") ? node.get("id").asText() : "line" + no;
        int label = -1;
        if (node.has("label") && !node.get("label").isNull()) {
            JsonNode l = node.get("label");
            if (!l.canConvertToInt() || !l.isIntegralNumber() || l.asInt() < 0 || (numClasses > 0 && l.asInt() >= numClasses)) {
                throw error(source, no, "label", "must be a class index" + (numClasses > 0 ? " in 0.." + (numClasses - 1) : " >= 0") + ", got " + l);
            }
            label = l.asInt();
        }
        JsonNode nodes = node.get("nodes");
        if (nodes == null || !nodes.isArray() || nodes.isEmpty()) {
            throw error(source, no, "nodes", "must be a non-empty array");
        }
        int n = nodes.size();
        float[][] x = new float[n][];
        String[] names = null;
        int[] gt = null;
        double[][] pos = null;
        for (int i = 0; i < n; i++) {
            JsonNode v = nodes.get(i);
            String f = "nodes[" + i + "]";
            JsonNode xs = v.get("x");
            if (xs == null || !xs.isArray() || xs.isEmpty()) {
                throw error(source, no, f + ".x", "is required: a non-empty array of numbers");
            }
            x[i] = new float[xs.size()];
            for (int k = 0; k < xs.size(); k++) {
                if (!xs.get(k).isNumber()) {
                    throw error(source, no, f + ".x[" + k + "]", "must be a number, got " + xs.get(k));
                }
                x[i][k] = (float) xs.get(k).asDouble();
                if (!Float.isFinite(x[i][k])) { // 1e999 parses as infinity, 1e39 overflows float32: NaN predictions downstream
                    throw error(source, no, f + ".x[" + k + "]", "must be a finite number within float range (±3.4e38), got "
                            + xs.get(k).asDouble());
                }
            }
            if (x[i].length != x[0].length) {
                throw error(source, no, f + ".x", "has " + x[i].length + " features, nodes[0].x has " + x[0].length);
            }
            if (v.has("name")) {
                names = names == null ? new String[n] : names;
                names[i] = v.get("name").asText();
            }
            if (v.has("gt")) {
                int g = v.get("gt").asInt(-1);
                if (g != 0 && g != 1) {
                    throw error(source, no, f + ".gt", "must be 0 or 1, got " + v.get("gt"));
                }
                gt = gt == null ? new int[n] : gt;
                gt[i] = g;
            }
            if (v.has("pos")) {
                JsonNode p = v.get("pos");
                if (!p.isArray() || p.size() != 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
                    throw error(source, no, f + ".pos", "must be [x, y], got " + p);
                }
                if (!Double.isFinite(p.get(0).asDouble()) || !Double.isFinite(p.get(1).asDouble())) {
                    throw error(source, no, f + ".pos", "must be [x, y] of finite numbers, got [" + p.get(0).asDouble() + ", "
                            + p.get(1).asDouble() + "]");
                }
                pos = pos == null ? new double[n][] : pos;
                pos[i] = new double[] {p.get(0).asDouble(), p.get(1).asDouble()};
            }
        }
        if (pos != null) {
            for (int i = 0; i < n; i++) {
                if (pos[i] == null) {
                    throw error(source, no, "nodes[" + i + "].pos", "is missing while other nodes have positions");
                }
            }
        }
        List<Edge> edges = new ArrayList<>();
        JsonNode es = node.get("edges");
        if (es != null) {
            if (!es.isArray()) {
                throw error(source, no, "edges", "must be an array of [u, v] or [u, v, weight]");
            }
            for (int j = 0; j < es.size(); j++) {
                JsonNode e = es.get(j);
                String f = "edges[" + j + "]";
                if (!e.isArray() || e.size() < 2 || e.size() > 4 || !e.get(0).isIntegralNumber() || !e.get(1).isIntegralNumber()) {
                    throw error(source, no, f, "must be [u, v], [u, v, weight] or [u, v, weight, \"rel\"], got " + e);
                }
                int u = e.get(0).asInt(), v = e.get(1).asInt();
                if (u < 0 || u >= n || v < 0 || v >= n) {
                    throw error(source, no, f, "refers to node " + (u < 0 || u >= n ? u : v) + " but nodes are 0.." + (n - 1));
                }
                double w = e.size() >= 3 ? e.get(2).asDouble(Double.NaN) : 1;
                if (!(w > 0) || !Float.isFinite((float) w)) { // stored as float: 1e39 would become infinity
                    throw error(source, no, f + "[2]", "weight must be a finite number > 0, got " + e.get(2));
                }
                edges.add(new Edge(u, v, (float) w));
            }
        }
        return new Graph(id, x, edges, directed, label, names, gt, pos);
    }

    private static List<String> strings(JsonNode a, String source, int no, String field) {
        if (a == null || a.isNull()) {
            return List.of();
        }
        if (!a.isArray()) {
            throw error(source, no, field, "must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        a.forEach(v -> out.add(v.asText()));
        return List.copyOf(out);
    }

    private static IllegalArgumentException error(String source, int line, String field, String what) {
        return new IllegalArgumentException(source + " line " + line + ", field '" + field + "': " + what);
    }
}

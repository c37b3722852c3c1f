package io.xai4j.vision.nnexplainer;

import io.xai4j.vision.model.ModelFile;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.xai4j.core.io.AtomicFiles;
import io.xai4j.core.io.Blocks;
import io.xai4j.core.io.Json;
import io.xai4j.core.runtime.Tensors;
import io.xai4j.vision.model.Parameter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The trained-explainer file (and training checkpoint): magic, a JSON header (network shape, the explained classifier's
 * classes and input size, free {@code extra} such as the training state), the network's arrays as a named DJL
 * {@link NDList}, and optional extra arrays (Adam moments, the best weights). Written atomically.
 */
public final class NnExplainerFile {

    private static final String MAGIC = "XAI4J-NNEXPLAINER-1";

    private NnExplainerFile() {}

    /**
     * What the file holds besides the arrays.
     *
     * @param classifier how the explained classifier was given (its file name), for messages
     */
    public record Header(int levels, int baseWidth, List<String> classNames, int[] inputShape, String classifier, JsonNode extra) {}

    /** A loaded file: the network (eval-ready), its header and its extra arrays, all in the network's manager. */
    public record Loaded(CompactUNet network, Header header, NDList extraArrays) {}

    /** The file's content; the arrays are copied now, so the network may change before the writer runs. */
    public static AtomicFiles.Writer writer(CompactUNet network, Header header, NDList extraArrays) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("levels", header.levels());
        json.put("baseWidth", header.baseWidth());
        json.set("classNames", Json.MAPPER.valueToTree(header.classNames()));
        json.set("inputShape", Json.MAPPER.valueToTree(header.inputShape()));
        json.put("classifier", header.classifier());
        json.set("extra", header.extra() == null ? Json.MAPPER.createObjectNode() : header.extra());
        return ModelFile.containerWriter(MAGIC, json, network.parameters(), extraArrays);
    }

    /** Reads only the header. */
    public static Header readHeader(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return header(new DataInputStream(in), file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("explainer file not found: " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read explainer file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Loads a file into a new network in a sub-manager of {@code parent}. */
    public static Loaded load(Path file, NDManager parent) {
        Header header = readHeader(file);
        NDManager manager = parent.newSubManager();
        try {
            CompactUNet net = new CompactUNet(manager, header.inputShape()[0], header.classNames().size(), header.levels(), header.baseWidth(), 0);
            NDList extra = loadInto(file, net, manager);
            return new Loaded(net, header, extra);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** Copies the file's arrays into {@code network} (same shape) and returns its extra arrays, attached to {@code manager}. */
    static NDList loadInto(Path file, CompactUNet network, NDManager manager) {
        try (InputStream in = Files.newInputStream(file)) {
            DataInputStream d = new DataInputStream(in);
            header(d, file);
            NDList arrays = NDList.decode(manager, Blocks.read(d, file));
            List<Parameter> expected = network.parameters();
            if (arrays.size() != expected.size()) {
                throw new IllegalArgumentException(file + " holds " + arrays.size() + " arrays, the network needs " + expected.size());
            }
            for (int i = 0; i < expected.size(); i++) {
                NDArray src = arrays.get(i);
                Parameter dst = expected.get(i);
                if (!dst.name().equals(src.getName()) || !dst.array().getShape().equals(src.getShape())) {
                    throw new IllegalArgumentException(file + ": array " + i + " is " + src.getName() + " " + src.getShape() + ", expected "
                            + dst.name() + " " + dst.array().getShape());
                }
                Tensors.copyInto(src, dst.array());
            }
            arrays.close();
            byte[] extraBytes = Blocks.read(d, file);
            return extraBytes.length == 0 ? new NDList() : NDList.decode(manager, extraBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read explainer file " + file + ": " + e.getMessage(), e);
        }
    }

    private static Header header(DataInputStream d, Path file) throws IOException {
        JsonNode json = ModelFile.containerHeader(d, file, MAGIC, "an xai4j explainer file");
        return new Header(json.get("levels").asInt(), json.get("baseWidth").asInt(),
                List.of(Json.MAPPER.treeToValue(json.get("classNames"), String[].class)),
                Json.MAPPER.treeToValue(json.get("inputShape"), int[].class), json.path("classifier").asText(""), json.get("extra"));
    }
}

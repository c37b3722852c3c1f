package io.xai4j.vision.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.xai4j.core.io.AtomicFiles;
import io.xai4j.core.io.Blocks;
import io.xai4j.core.io.Json;
import io.xai4j.core.runtime.Tensors;
import io.xai4j.vision.data.Normalization;
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
 * The xai4j model file: magic, a JSON header (architecture, class names, input normalisation, free
 * metadata such as training state), the parameters as a named DJL {@link NDList}, and optional extra
 * arrays (optimizer state). Written atomically; a killed writer never leaves a half-written file.
 */
public final class ModelFile {

    private static final String MAGIC = "XAI4J-CNN-1";

    private ModelFile() {}

    /** Everything a model file holds besides the live model. */
    public record Header(SmallResNetConfig config, List<String> classNames, int imageSize, float[] mean, float[] std, JsonNode extra) {

        /** The input normalisation the model was trained with. */
        public Normalization normalization() {
            return new Normalization(mean, std);
        }
    }

    /** A loaded model with its header and extra arrays (attached to the model's manager). */
    public record Loaded(CnnClassifier model, Header header, NDList extraArrays) {}

    /** Saves parameters and header, plus optional extra arrays. */
    public static void save(Path file, CnnClassifier model, Header header, NDList extraArrays) {
        AtomicFiles.write(file, writer(model, header, extraArrays));
    }

    /**
     * The file's content as a writer for {@link AtomicFiles#write}: the arrays are copied now, so the writer
     * holds no native memory and the model may change before it runs.
     */
    public static AtomicFiles.Writer writer(CnnClassifier model, Header header, NDList extraArrays) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.set("config", Json.MAPPER.valueToTree(header.config()));
        json.set("classNames", Json.MAPPER.valueToTree(header.classNames()));
        json.put("imageSize", header.imageSize());
        json.set("mean", Json.MAPPER.valueToTree(header.mean()));
        json.set("std", Json.MAPPER.valueToTree(header.std()));
        json.set("extra", header.extra() == null ? Json.MAPPER.createObjectNode() : header.extra());
        return containerWriter(MAGIC, json, model.parameters(), extraArrays);
    }

    /**
     * The container every xai4j model file shares: {@code magic}, then the JSON header, the named parameter arrays and
     * the extra arrays as length-prefixed blocks ({@link Blocks}); the arrays are copied and encoded now, so the writer
     * can run later ({@link AtomicFiles#write}).
     */
    public static AtomicFiles.Writer containerWriter(String magic, com.fasterxml.jackson.databind.JsonNode header, List<Parameter> params,
            NDList extraArrays) {
        NDList arrays = new NDList();
        for (Parameter p : params) {
            NDArray a = p.array().duplicate();
            a.setName(p.name());
            arrays.add(a);
        }
        byte[] headerBytes = header.toString().getBytes(StandardCharsets.UTF_8);
        byte[] arrayBytes = arrays.encode();
        arrays.close();
        byte[] extraBytes = extraArrays == null || extraArrays.isEmpty() ? new byte[0] : extraArrays.encode();
        return out -> {
            DataOutputStream d = new DataOutputStream(out);
            d.writeUTF(magic);
            Blocks.write(d, headerBytes);
            Blocks.write(d, arrayBytes);
            Blocks.write(d, extraBytes);
            d.flush();
        };
    }

    /**
     * Reads the start of a container written by {@link #containerWriter}: checks {@code magic} and returns the JSON header;
     * a file of another kind fails naming {@code kind} (e.g. "a PIP-Net file").
     */
    public static JsonNode containerHeader(DataInputStream d, Path file, String magic, String kind) throws IOException {
        String found;
        try {
            found = d.readUTF();
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is not " + kind + " (cannot read its magic)", e);
        }
        if (!magic.equals(found)) {
            throw new IllegalArgumentException(file + " is not " + kind + ": magic '" + found + "', expected " + magic);
        }
        return Json.MAPPER.readTree(Blocks.read(d, file));
    }

    /** Reads only the header of a model file (no arrays). */
    public static Header readHeader(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return header(new DataInputStream(in), file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("model file not found: " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The header and the named parameter arrays of a model file, without building the model: for files whose
     * architecture is not a {@link SmallResNet} (the PIP-Net black box, {@code extra.architecture}), read by the
     * code that knows it (e.g. {@code pipnet train --backbone-init}).
     */
    public record Arrays(Header header, NDList parameters) {}

    /** Reads the header and the parameter arrays (named) into {@code manager}. */
    public static Arrays readArrays(Path file, NDManager manager) {
        try (InputStream in = Files.newInputStream(file)) {
            DataInputStream d = new DataInputStream(in);
            Header header = header(d, file);
            return new Arrays(header, NDList.decode(manager, Blocks.read(d, file)));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("model file not found: " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model file " + file + ": " + e.getMessage(), e);
        }
    }

    private static Header header(DataInputStream d, Path file) throws IOException {
        JsonNode json = containerHeader(d, file, MAGIC, "an xai4j model file");
        return new Header(
                Json.MAPPER.treeToValue(json.get("config"), SmallResNetConfig.class),
                List.of(Json.MAPPER.treeToValue(json.get("classNames"), String[].class)),
                json.get("imageSize").asInt(),
                Json.MAPPER.treeToValue(json.get("mean"), float[].class),
                Json.MAPPER.treeToValue(json.get("std"), float[].class),
                json.get("extra"));
    }

    /** Loads a model file into a new manager below {@code parent}. */
    public static Loaded load(Path file, NDManager parent) {
        try (InputStream in = Files.newInputStream(file)) {
            DataInputStream d = new DataInputStream(in);
            Header header = header(d, file);
            if (header.config() == null) {
                throw new IllegalArgumentException(file + " holds a " + (header.extra() == null ? "non-SmallResNet" : header.extra().path("architecture").asText("non-SmallResNet"))
                        + " model, not a SmallResNet; it is read only by pipnet train --backbone-init");
            }
            NDManager manager = parent.newSubManager();
            CnnClassifier model = SmallResNet.create(manager, header.config(), header.classNames(), header.imageSize(), 0);
            NDList params = NDList.decode(manager, Blocks.read(d, file));
            List<Parameter> expected = model.parameters();
            if (params.size() != expected.size()) {
                throw new IllegalArgumentException(file + " holds " + params.size() + " parameter arrays, the architecture needs " + expected.size());
            }
            for (int i = 0; i < params.size(); i++) {
                NDArray src = params.get(i);
                Parameter dst = expected.get(i);
                if (!dst.name().equals(src.getName()) || !dst.array().getShape().equals(src.getShape())) {
                    throw new IllegalArgumentException(file + ": parameter " + i + " is " + src.getName() + " " + src.getShape()
                            + ", expected " + dst.name() + " " + dst.array().getShape());
                }
                Tensors.copyInto(src, dst.array());
            }
            params.close();
            byte[] extraBytes = Blocks.read(d, file);
            NDList extra = extraBytes.length == 0 ? new NDList() : NDList.decode(manager, extraBytes);
            return new Loaded(model, header, extra);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("model file not found: " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model file " + file + ": " + e.getMessage(), e);
        }
    }
}

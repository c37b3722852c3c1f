package io.xai4j.vision.pipnet;

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
import io.xai4j.vision.data.Normalization;
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
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The PIP-Net model and checkpoint file: magic, a JSON header (backbone, architecture, class names,
 * normalisation, free {@code extra} such as the training state), the model arrays as a named DJL
 * {@link NDList}, and optional extra arrays (optimizer moments). Written atomically through
 * {@link AtomicFiles}, so a killed writer leaves the previous file intact.
 */
public final class PipNetFile {

    private static final String MAGIC = "XAI4J-PIPNET-1";

    private PipNetFile() {}

    /**
     * How to rebuild the backbone.
     *
     * @param kind "smallcnn" or "torchscript"
     * @param channels C
     * @param torchScript the TorchScript file (torchscript only)
     * @param receptiveField pixels (torchscript only; smallcnn's is fixed)
     * @param prefixes group name prefixes (torchscript only)
     * @param pretrained torchscript: false for an export with random weights (nothing is ever frozen, docs/methods/pipnet.md#phases), null
     *     (files written before the option) means pretrained; smallcnn: true when its weights were copied from a
     *     black box ({@code pipnet train --backbone-init}), null means random initialisation
     */
    public record BackboneSpec(String kind, int channels, String torchScript, int receptiveField, Map<PipNetBackbone.Group, List<String>> prefixes,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) Boolean pretrained) {

        /** A spec of a pretrained backbone (every TorchScript export unless said otherwise). */
        public BackboneSpec(String kind, int channels, String torchScript, int receptiveField, Map<PipNetBackbone.Group, List<String>> prefixes) {
            this(kind, channels, torchScript, receptiveField, prefixes, null);
        }

        /** The smallcnn with C output channels. */
        public static BackboneSpec smallCnn(int channels) {
            return new BackboneSpec("smallcnn", channels, null, SmallCnn.RECEPTIVE_FIELD, Map.of());
        }

        /** The smallcnn with C output channels whose weights come from a trained black box (docs/methods/pipnet.md#backbone-initialisation). */
        public static BackboneSpec pretrainedSmallCnn(int channels) {
            return new BackboneSpec("smallcnn", channels, null, SmallCnn.RECEPTIVE_FIELD, Map.of(), Boolean.TRUE);
        }

        /** Builds a fresh backbone (seeded for smallcnn). */
        public PipNetBackbone build(NDManager manager, int imageSize, long seed) {
            return switch (kind) {
                case "smallcnn" -> SmallCnn.create(manager, channels, seed, Boolean.TRUE.equals(pretrained));
                case "torchscript" -> TorchScriptBackbone.load(Path.of(torchScript), new int[] {3, imageSize, imageSize}, receptiveField,
                        prefixes == null ? Map.of() : new EnumMap<>(prefixes), pretrained == null || pretrained);
                default -> throw new IllegalArgumentException("unknown backbone kind '" + kind + "'; expected smallcnn or torchscript");
            };
        }
    }

    /** What the file holds besides the arrays. */
    public record Header(BackboneSpec backbone, PipNetArchitecture architecture, List<String> classNames, float[] mean, float[] std, JsonNode extra) {}

    /** A loaded file: the model, its header and the extra arrays (attached to the model's manager). */
    public record Loaded(PipNet model, Header header, NDList extraArrays) {}

    /** Builds a fresh model from a header (seeded), without loading arrays. */
    public static PipNet create(NDManager parent, Header header, long seed) {
        return create(parent, header, null, seed);
    }

    /**
     * As {@link #create(NDManager, Header, long)} around {@code backbone} when the caller has already built it from
     * {@code header.backbone()} (e.g. a TorchScript file loaded to learn its C), so that it is not loaded twice;
     * null builds it. The model owns the backbone from then on.
     */
    public static PipNet create(NDManager parent, Header header, PipNetBackbone backbone, long seed) {
        NDManager manager = parent.newSubManager();
        if (backbone == null) {
            backbone = header.backbone().build(manager.newSubManager(), header.architecture().imageSize(), seed);
        }
        return PipNet.create(manager, backbone, header.architecture(), header.classNames(),
                new Normalization(header.mean(), header.std()), seed + 1);
    }

    /** The header describing {@code model} (its backbone spec must be given: a backbone does not know its file). */
    public static Header headerOf(PipNet model, BackboneSpec backbone, JsonNode extra) {
        Normalization n = model.normalization();
        return new Header(backbone, model.architecture(), model.classNames(), n.mean(), n.std(), extra);
    }

    /** Saves the model arrays and header, plus optional extra arrays, atomically. */
    public static void save(Path file, PipNet model, Header header, NDList extraArrays) {
        AtomicFiles.write(file, writer(model, header, extraArrays));
    }

    /**
     * The file's content as a writer for {@link AtomicFiles#write}: the arrays are copied now, so the writer
     * holds no native memory and the model may change before it runs.
     */
    public static AtomicFiles.Writer writer(PipNet model, Header header, NDList extraArrays) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.set("backbone", Json.MAPPER.valueToTree(header.backbone()));
        json.set("architecture", Json.MAPPER.valueToTree(header.architecture()));
        json.set("classNames", Json.MAPPER.valueToTree(header.classNames()));
        json.set("mean", Json.MAPPER.valueToTree(header.mean()));
        json.set("std", Json.MAPPER.valueToTree(header.std()));
        json.set("extra", header.extra() == null ? Json.MAPPER.createObjectNode() : header.extra());
        return ModelFile.containerWriter(MAGIC, json, model.state(), extraArrays);
    }

    /** Reads only the header. */
    public static Header readHeader(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return header(new DataInputStream(in), file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("PIP-Net file not found: " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read PIP-Net file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Loads a file into a new model below {@code parent}. */
    public static Loaded load(Path file, NDManager parent) {
        try (InputStream in = Files.newInputStream(file)) {
            DataInputStream d = new DataInputStream(in);
            Header header = header(d, file);
            PipNet model = create(parent, header, 0);
            try {
                NDList arrays = NDList.decode(model.manager(), Blocks.read(d, file));
                copyInto(file, arrays, model.state());
                arrays.close();
                byte[] extraBytes = Blocks.read(d, file);
                NDList extra = extraBytes.length == 0 ? new NDList() : NDList.decode(model.manager(), extraBytes);
                return new Loaded(model, header, extra);
            } catch (RuntimeException | IOException e) {
                model.close();
                throw e;
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("PIP-Net file not found: " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read PIP-Net file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Copies the arrays of a file into an existing model of the same architecture (resume). */
    static NDList loadInto(Path file, PipNet model) {
        try (InputStream in = Files.newInputStream(file)) {
            DataInputStream d = new DataInputStream(in);
            header(d, file);
            NDList arrays = NDList.decode(model.manager(), Blocks.read(d, file));
            copyInto(file, arrays, model.state());
            arrays.close();
            byte[] extraBytes = Blocks.read(d, file);
            return extraBytes.length == 0 ? new NDList() : NDList.decode(model.manager(), extraBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read PIP-Net file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void copyInto(Path file, NDList arrays, List<Parameter> expected) {
        if (arrays.size() != expected.size()) {
            throw new IllegalArgumentException(file + " holds " + arrays.size() + " arrays, the model needs " + expected.size());
        }
        for (int i = 0; i < arrays.size(); i++) {
            NDArray src = arrays.get(i);
            Parameter dst = expected.get(i);
            if (!dst.name().equals(src.getName()) || !dst.array().getShape().equals(src.getShape())) {
                throw new IllegalArgumentException(file + ": array " + i + " is " + src.getName() + " " + src.getShape()
                        + ", expected " + dst.name() + " " + dst.array().getShape());
            }
            Tensors.copyInto(src, dst.array());
        }
    }

    private static Header header(DataInputStream d, Path file) throws IOException {
        JsonNode json = ModelFile.containerHeader(d, file, MAGIC, "a PIP-Net file");
        BackboneSpec backbone = Json.MAPPER.treeToValue(json.get("backbone"), BackboneSpec.class);
        List<String> names = new ArrayList<>(List.of(Json.MAPPER.treeToValue(json.get("classNames"), String[].class)));
        return new Header(backbone, Json.MAPPER.treeToValue(json.get("architecture"), PipNetArchitecture.class), names,
                Json.MAPPER.treeToValue(json.get("mean"), float[].class), Json.MAPPER.treeToValue(json.get("std"), float[].class),
                json.get("extra"));
    }
}

package io.xai4j.vision.scouter;

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
import io.xai4j.vision.model.SmallResNetConfig;
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
 * The SCOUTER model file: magic, a JSON header (backbone, head architecture, classes, input size and normalisation,
 * free metadata such as the training state and the data), every array of the model by name, and optional extra
 * arrays (optimizer moments). Written atomically. A TorchScript backbone is recorded by its file's absolute path
 * and reloaded from it; its trained parameters are in the model file.
 */
public final class ScouterFile {

    private static final String MAGIC = "XAI4J-SCOUTER-1";

    private ScouterFile() {}

    /**
     * Everything a SCOUTER file holds besides the arrays.
     *
     * @param backbone "smallresnet" or "torchscript"
     * @param resnet the built-in backbone's architecture (null for TorchScript)
     * @param torchscript the TorchScript file (null for the built-in backbone)
     * @param frozenPrefixes TorchScript parameter-name prefixes that never train
     * @param slot the head
     * @param extra free metadata: training state ("epochsDone", ...), the data ("data"), the FC baseline ("baseline")
     */
    public record Header(String backbone, SmallResNetConfig resnet, String torchscript, List<String> frozenPrefixes, SlotConfig slot,
            List<String> classNames, int imageSize, float[] mean, float[] std, JsonNode extra) {

        public Normalization normalization() {
            return new Normalization(mean, std);
        }

        /** The same header with other metadata. */
        public Header withExtra(JsonNode e) {
            return new Header(backbone, resnet, torchscript, frozenPrefixes, slot, classNames, imageSize, mean, std, e);
        }

        /** The header of {@code model} with {@code normalization}. */
        public static Header of(Scouter model, Normalization normalization, JsonNode extra) {
            ScouterBackbone b = model.backbone();
            SmallResNetConfig resnet = b instanceof ResNetBackbone r ? r.config() : null;
            String ts = b instanceof TorchScriptFeatures t ? t.file().toAbsolutePath().toString() : null;
            List<String> frozen = b instanceof TorchScriptFeatures t ? t.frozenPrefixes() : List.of();
            return new Header(resnet != null ? "smallresnet" : "torchscript", resnet, ts, frozen, model.config(), model.classNames(),
                    model.imageSize(), normalization.mean(), normalization.std(), extra);
        }
    }

    /** A loaded model with its header and extra arrays. */
    public record Loaded(Scouter model, Header header, NDList extraArrays) {}

    /** Whether {@code file} starts with the SCOUTER magic (false for other model files and unreadable ones). */
    public static boolean isScouterFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return MAGIC.equals(new DataInputStream(in).readUTF());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    public static void save(Path file, Scouter model, Header header, NDList extraArrays) {
        AtomicFiles.write(file, writer(model, header, extraArrays));
    }

    /** The file as a writer for {@link AtomicFiles#write}; the arrays are encoded now. */
    public static AtomicFiles.Writer writer(Scouter model, Header header, NDList extraArrays) {
        ObjectNode json = Json.MAPPER.valueToTree(header);
        if (header.extra() == null) {
            json.set("extra", Json.MAPPER.createObjectNode());
        }
        return ModelFile.containerWriter(MAGIC, json, model.state(), extraArrays);
    }

    /** Reads only the header. */
    public static Header readHeader(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return header(new DataInputStream(in), file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("SCOUTER model file not found: " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read SCOUTER model file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Builds the model a file describes and loads its arrays, in a new manager below {@code parent}. */
    public static Loaded load(Path file, NDManager parent) {
        Header header = readHeader(file);
        NDManager manager = parent.newSubManager();
        Scouter model;
        try {
            ScouterBackbone backbone = header.backbone().equals("smallresnet")
                    ? ResNetBackbone.create(manager, header.resnet(), header.classNames(), header.imageSize(), 0)
                    : TorchScriptFeatures.load(Path.of(header.torchscript()), header.imageSize(), header.frozenPrefixes());
            model = new Scouter(manager, backbone, SlotAttention.create(manager, header.slot(), 0), header.classNames(), header.imageSize());
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
        try {
            NDList extra = restoreInto(file, model);
            return new Loaded(model, header, extra);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * Copies the arrays of {@code file} into {@code model} (same architecture, checked by name and shape, in place) and
     * returns the file's extra arrays, attached to the model's manager.
     */
    public static NDList restoreInto(Path file, Scouter model) {
        try (InputStream in = Files.newInputStream(file)) {
            DataInputStream d = new DataInputStream(in);
            header(d, file);
            List<Parameter> expected = model.state();
            try (NDManager tmp = model.manager().newSubManager()) {
                NDList params = NDList.decode(tmp, Blocks.read(d, file));
                if (params.size() != expected.size()) {
                    throw new IllegalArgumentException(file + " holds " + params.size() + " arrays, the model has " + expected.size());
                }
                for (int i = 0; i < params.size(); i++) {
                    NDArray src = params.get(i);
                    Parameter dst = expected.get(i);
                    if (!dst.name().equals(src.getName()) || !dst.array().getShape().equals(src.getShape())) {
                        throw new IllegalArgumentException(file + ": array " + i + " is " + src.getName() + " " + src.getShape() + ", expected "
                                + dst.name() + " " + dst.array().getShape());
                    }
                    Tensors.copyInto(src, dst.array());
                }
            }
            byte[] extraBytes = Blocks.read(d, file);
            return extraBytes.length == 0 ? new NDList() : NDList.decode(model.manager(), extraBytes);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("SCOUTER model file not found: " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read SCOUTER model file " + file + ": " + e.getMessage(), e);
        }
    }

    private static Header header(DataInputStream d, Path file) throws IOException {
        return Json.MAPPER.treeToValue(ModelFile.containerHeader(d, file, MAGIC, "a SCOUTER model file"), Header.class);
    }
}

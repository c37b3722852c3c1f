package io.xai4j.cli.ppn;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import io.xai4j.cli.DataSets;
import io.xai4j.vision.data.Normalization;
import io.xai4j.vision.model.ImageClassifier;
import io.xai4j.vision.model.ModelFile;
import io.xai4j.vision.model.TorchScriptClassifier;
import io.xai4j.vision.ppn.PostHocPrototypes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.IntStream;

/** Loads the black box a prototype file refers to, and its data, for {@code ppn explain | evaluate}. */
final class BlackBoxes {

    /** A loaded black box with its input normalisation and data. */
    record Loaded(ImageClassifier model, Normalization normalization, DataSets.Splits data, String dataset) {}

    private BlackBoxes() {}

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0;) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The prototypes' black box, checked against the recorded digest and head, and the data recorded at fitting. */
    static Loaded load(PostHocPrototypes p, Path prototypeFile, NDManager root) {
        PostHocPrototypes.BlackBox b = p.blackBox();
        if (b == null || b.path() == null) {
            throw new IllegalArgumentException(prototypeFile + ": field blackBox.path is missing (fit it with 'xai4j ppn fit')");
        }
        Path file = Path.of(b.path());
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(prototypeFile + ": its black box " + file + " (field blackBox.path) does not exist");
        }
        if (b.sha256() != null && !b.sha256().equals(sha256(file))) {
            throw new IllegalArgumentException(prototypeFile + ": " + file + " changed since the prototypes were fitted (sha256 differs);"
                    + " refit with 'xai4j ppn fit'");
        }
        ImageClassifier model = b.kind().equals("torchscript")
                ? TorchScriptClassifier.load(file, p.classNames(), new int[] {3, b.inputSize(), b.inputSize()})
                : ModelFile.load(file, root).model();
        p.requireMatches(model);
        JsonNode data = b.data();
        String dataset = data == null ? "partshapes" : data.path("dataset").asText("partshapes");
        Path dir = data == null || !data.hasNonNull("dataDir") ? null : Path.of(data.get("dataDir").asText());
        long seed = data == null ? 0 : data.path("seed").asLong(0);
        DataSets.Splits splits = DataSets.load(dataset, dir, b.inputSize(), seed, data != null && data.path("skipBad").asBoolean());
        DataSets.requireSameClasses(file, model.classNames(), dataset, splits.test().classNames());
        return new Loaded(model, new Normalization(b.mean(), b.std()), splits, dataset);
    }

}

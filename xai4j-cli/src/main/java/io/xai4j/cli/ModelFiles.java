package io.xai4j.cli;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import io.xai4j.vision.data.Normalization;
import io.xai4j.vision.model.ImageClassifier;
import io.xai4j.vision.model.ModelFile;
import io.xai4j.vision.scouter.ScouterFile;
import java.nio.file.Path;

/**
 * Loads any xai4j image classifier file for the commands that take {@code --model}: a built-in CNN
 * ({@link ModelFile}) or a SCOUTER model ({@link ScouterFile}), told apart by the file's magic.
 */
public final class ModelFiles {

    private ModelFiles() {}

    /**
     * A loaded classifier with what its header says.
     *
     * @param extra the header's free metadata (training state, the data in {@code data}); may be null
     */
    public record Loaded(ImageClassifier model, Normalization normalization, int imageSize, JsonNode extra) {}

    public static Loaded load(Path file, NDManager root) {
        if (ScouterFile.isScouterFile(file)) {
            ScouterFile.Loaded s = ScouterFile.load(file, root);
            return new Loaded(s.model(), s.header().normalization(), s.header().imageSize(), s.header().extra());
        }
        ModelFile.Loaded m = ModelFile.load(file, root);
        return new Loaded(m.model(), m.header().normalization(), m.header().imageSize(), m.header().extra());
    }
}

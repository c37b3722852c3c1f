package io.xai4j.vision.pipnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.xai4j.vision.data.PartShapesDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PIP-Net file: a saved model loads back with the same arrays, scores and scoring sheet. */
class PipNetFileTest {

    private static final PartShapesDataset DATA = PipNetFixtures.partShapes();

    @Test
    void savedModelLoadsBackWithIdenticalScores(@TempDir Path dir) throws Exception {
        try (NDManager root = NDManager.newBaseManager()) {
            PipNet model = PipNetFixtures.model(root, DATA.train().classNames(), 21);
            float[][] w = model.weights();
            w[0][3] = 0f;
            model.setWeights(w);
            Path file = dir.resolve("m.xai4j");
            PipNetFile.save(file, model, PipNetFile.headerOf(model, PipNetFile.BackboneSpec.smallCnn(16), null), null);
            PipNetFile.Loaded loaded = PipNetFile.load(file, root);
            float[][] a = PipNetFixtures.snapshot(model), b = PipNetFixtures.snapshot(loaded.model());
            for (int i = 0; i < a.length; i++) {
                assertArrayEquals(a[i], b[i], 0f, model.state().get(i).name());
            }
            Prediction p = model.predict(PipNetInputs.batch(root, DATA.test(), new int[] {0, 1, 2}, model));
            Prediction q = loaded.model().predict(PipNetInputs.batch(root, DATA.test(), new int[] {0, 1, 2}, loaded.model()));
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(p.scores()[i], q.scores()[i], 0f);
            }
            assertEquals(ScoringSheet.of(model).toText(), ScoringSheet.of(loaded.model()).toText());
            assertEquals(model.classNames(), loaded.model().classNames());
            model.close();
            loaded.model().close();
        }
    }

    @Test
    void aFileOfAnotherKindIsRefusedNamingIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("not-a-model.bin");
        Files.writeString(file, "hello");
        try (NDManager root = NDManager.newBaseManager()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PipNetFile.load(file, root));
            assertTrue(e.getMessage().contains("not-a-model.bin"), e.getMessage());
        }
    }
}

package io.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xai4j.core.io.Json;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JPEG cut off halfway was accepted by {@code explain} (its lower half a flat grey) while {@code train} and
 * {@code evaluate} refused it: single files now go through the folders' strict decoder.
 */
class StrictDecodingTest {

    private static final Path FIXTURE = Path.of("../xai4j-vision/src/test/resources/torchscript/tiny_frozen.pt");

    @Test
    void explainRefusesATruncatedJpegAsTrainingDoes(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in");
        TestImages.randomPngs(in, "img", 2, 12, new SplittableRandom(5));
        BufferedImage photo = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        SplittableRandom rng = new SplittableRandom(6);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                photo.setRGB(x, y, rng.nextInt(1 << 24));
            }
        }
        ByteArrayOutputStream jpg = new ByteArrayOutputStream();
        ImageIO.write(photo, "jpg", jpg);
        Path cut = in.resolve("photo.jpg");
        Files.write(cut, Arrays.copyOf(jpg.toByteArray(), jpg.size() / 2));
        String[] common = {"explain", "--torchscript", FIXTURE.toString(), "--classes", "a,b,c", "--input-size", "12", "--method", "cgrad",
                "--no-overlays"};
        CliRun failed = CliRun.run(concat(common, "--output-dir", dir.resolve("out").toString(), in.toString()));
        assertEquals(2, failed.code(), failed.err());
        assertTrue(failed.err().strip().startsWith("xai4j explain: " + cut + ": corrupt or truncated image: the JPEG decoder warned"),
                failed.err());
        CliRun skipped = CliRun.run(concat(common, "--skip-bad", "--output-dir", dir.resolve("skip").toString(), in.toString()));
        assertEquals(0, skipped.code(), skipped.err());
        assertEquals(2, Json.MAPPER.readTree(dir.resolve("skip/explanations.json").toFile()).size(), "the two PNGs, not the cut JPEG");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

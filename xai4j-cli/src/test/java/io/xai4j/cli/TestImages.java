package io.xai4j.cli;

import io.xai4j.core.render.Images;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Image folders for command tests. */
public final class TestImages {

    private TestImages() {}

    /** {@code n} PNGs of uniformly random colours, {@code size}×{@code size}, named {@code prefix0.png ...}, in a (new) folder. */
    public static void randomPngs(Path folder, String prefix, int n, int size, SplittableRandom rng) throws IOException {
        Files.createDirectories(folder);
        for (int k = 0; k < n; k++) {
            BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    img.setRGB(x, y, rng.nextInt(1 << 24));
                }
            }
            Images.writePng(folder.resolve(prefix + k + ".png"), img);
        }
    }
}

package io.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.xai4j.vision.data.ImageFolderDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder on the command line: images in name order, the files left out counted by ending in one line. */
class ImageFilesTest {

    @Test
    void filesAFolderScanLeavesOutAreCountedByEnding(@TempDir Path dir) throws Exception {
        TestImages.randomPngs(dir.resolve("a"), "img", 2, 4, new SplittableRandom(1));
        Files.write(dir.resolve("a/photo.webp"), new byte[] {1});
        Files.write(dir.resolve("a/other.WEBP"), new byte[] {1});
        Files.writeString(dir.resolve("a/notes.txt"), "x");
        Files.writeString(dir.resolve("a/.DS_Store"), "x");
        Files.write(dir.resolve("a/img0.mask.png"), new byte[] {1});
        ImageFiles.Scan scan = ImageFiles.scan(List.of(dir.resolve("a")));
        assertEquals(List.of(dir.resolve("a/img0.png"), dir.resolve("a/img1.png")), scan.images());
        assertEquals(List.of(dir.resolve("a/notes.txt"), dir.resolve("a/other.WEBP"), dir.resolve("a/photo.webp")), scan.ignored());
        assertEquals("3 files not read (2 .webp, 1 .txt; readable: png, jpg, jpeg, bmp, gif, tif, tiff)",
                ImageFolderDataset.ignoredSummary(scan.ignored()));
        Path onlyWebp = Files.createDirectories(dir.resolve("b"));
        Files.write(onlyWebp.resolve("x.webp"), new byte[] {1});
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> ImageFiles.scan(List.of(onlyWebp)));
        assertEquals("no images (png, jpg, jpeg, bmp, gif, tif, tiff) found in [" + onlyWebp + "]: 1 file not read (1 .webp; readable: png,"
                + " jpg, jpeg, bmp, gif, tif, tiff)", none.getMessage());
    }
}

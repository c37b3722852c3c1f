package io.xai4j.vision.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartShapesFolderTest {

    private static final PartShapesConfig TINY = PartShapesConfig.builder()
            .optImageSize(40).optNumClasses(4).optSplitSizes(16, 4, 8, 6).optSeed(3).build();

    @TempDir
    static Path dir;

    private static PartShapesDataset generated;
    private static Path root;

    @BeforeAll
    static void writeTree() {
        generated = new PartShapesGenerator(TINY).generate();
        root = dir.resolve("partshapes");
        generated.writeImageFolder(root);
    }

    @Test
    void writtenTreeReadsBackToTheSameImagesMasksAndGroundTruth() {
        PartShapesDataset read = PartShapesDataset.readImageFolder(root);
        assertEquals(TINY, read.config());
        assertEquals(generated.vocabulary(), read.vocabulary());
        for (Split s : Split.values()) {
            PartShapesSplit a = generated.split(s), b = read.split(s);
            assertEquals(a.size(), b.size(), s + " size");
            for (int i = 0; i < a.size(); i++) {
                assertEquals(a.label(i), b.label(i), s + " label " + i);
                assertArrayEquals(a.pixels(i), b.pixels(i), s + " pixels " + i);
                assertArrayEquals(a.instanceMask(i), b.instanceMask(i), s + " mask " + i);
                assertEquals(a.instances(i), b.instances(i), s + " instances " + i);
            }
        }
        assertEquals("train/" + read.train().classNames().get(0) + "/00001.png", read.train().source(0));
    }

    @Test
    void treeHasClassFoldersSixteenBitMasksAndMetadata() throws Exception {
        assertTrue(Files.isRegularFile(root.resolve("metadata.json")));
        String className = generated.vocabulary().classes().get(1).name();
        Path image = root.resolve("train").resolve(className).resolve("00002.png");
        Path mask = root.resolve("train").resolve(className).resolve("00002.mask.png");
        BufferedImage m = ImageIO.read(mask.toFile());
        assertEquals(16, m.getColorModel().getComponentSize(0), "mask bit depth");
        assertEquals(40, ImageIO.read(image.toFile()).getWidth());
        assertTrue(Files.isRegularFile(root.resolve("ood/unseen/00001.png")));
        String json = Files.readString(root.resolve("metadata.json"));
        assertTrue(json.contains("\"format\":\"xai4j-partshapes-1\"") && json.contains("\"partTypes\""), "metadata");
    }

    @Test
    void anyImageFolderReaderSeesTheTrainSplitWithoutTheMasks() {
        ImageFolderDataset folder = ImageFolderDataset.builder().setRoot(root.resolve("train")).build();
        PartShapesSplit train = generated.train();
        assertEquals(train.classNames(), folder.classNames());
        assertEquals(train.size(), folder.size());
        Map<String, Integer> byStem = new HashMap<>();
        for (int i = 0; i < train.size(); i++) {
            byStem.put(PartShapesFolder.fileStem(i, train.size()), i);
        }
        for (int j = 0; j < folder.size(); j++) {
            String name = folder.file(j).getFileName().toString();
            int i = byStem.get(name.substring(0, name.length() - ".png".length()));
            assertEquals(train.label(i), folder.label(j), name);
            assertArrayEquals(train.pixels(i), folder.pixels(j), name);
        }
    }

    @Test
    void aMaskThatDisagreesWithTheMetadataIsReportedWithItsFile(@TempDir Path copy) throws Exception {
        generated.writeImageFolder(copy);
        String className = generated.vocabulary().classes().get(0).name();
        Path mask = copy.resolve("val").resolve(className).resolve("00001.mask.png");
        BufferedImage blank = new BufferedImage(40, 40, BufferedImage.TYPE_USHORT_GRAY);
        ImageIO.write(blank, "png", mask.toFile());
        DataFormatException e = assertThrows(DataFormatException.class, () -> PartShapesDataset.readImageFolder(copy));
        assertEquals(mask, e.file());
        assertTrue(e.getMessage().contains("mask pixels but the metadata"), e.getMessage());
    }

    @Test
    void aMissingImageOrMetadataIsReportedWithItsFile(@TempDir Path copy) throws Exception {
        DataFormatException none = assertThrows(DataFormatException.class, () -> PartShapesDataset.readImageFolder(copy));
        assertEquals(copy.resolve("metadata.json"), none.file());
        generated.writeImageFolder(copy);
        Path image = copy.resolve("ood/unseen/00003.png");
        Files.delete(image);
        DataFormatException e = assertThrows(DataFormatException.class, () -> PartShapesDataset.readImageFolder(copy));
        assertEquals(image, e.file());
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
        Files.writeString(copy.resolve("metadata.json"), "{\"format\": 3");
        DataFormatException json = assertThrows(DataFormatException.class, () -> PartShapesDataset.readImageFolder(copy));
        assertTrue(json.getMessage().contains("not valid PartShapes metadata"), json.getMessage());
    }

    @Test
    void fileStemsAreOneBasedAndWidenForLargeSplits() {
        assertEquals(List.of("00001", "00120", "1000000"),
                List.of(PartShapesFolder.fileStem(0, 3000), PartShapesFolder.fileStem(119, 3000),
                        PartShapesFolder.fileStem(999_999, 1_000_000)));
    }
}

package io.xai4j.cli;

import static io.xai4j.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xai4j.vision.data.PartShapesDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code xai4j export}: the written folder reads back as the same PartShapes data set; a used --out is refused first. */
class ExportCommandTest {

    @Test
    void writesPartShapesThatReadBackAndRefusesAUsedFolder(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("ps");
        assertEquals(0, run("export", "--seed", "3", "--out", out.toString()).code());
        try (var entries = Files.list(dir)) {
            assertEquals(java.util.List.of(out), entries.toList(), "written beside and renamed into place: no partial folder is left");
        }
        PartShapesDataset back = PartShapesDataset.readImageFolder(out);
        assertEquals(3000, back.train().size());
        assertEquals(600, back.val().size());
        assertEquals(1200, back.test().size());
        assertEquals(600, back.ood().size());
        DataSets.Splits folder = DataSets.load("folder", out, 64, 0, false);
        assertEquals(back.train().classNames(), folder.train().classNames(), "--dataset folder reads the export");
        assertEquals(3000, folder.train().size());
        io.xai4j.vision.data.ImageDataset test = DataSets.loadTest("folder", out, 64, 0, false);
        org.junit.jupiter.api.Assertions.assertInstanceOf(io.xai4j.vision.data.PartShapesSplit.class, test, "evaluate gets the part masks");
        assertEquals(back.test().classNames(), test.classNames());
        assertEquals(1200, test.size());

        CliRun used = run("export", "--out", out.toString());
        assertEquals(2, used.code());
        assertEquals("xai4j export: --out " + out + " exists and is not an empty folder; give a new folder", used.err().strip());
        CliRun other = run("export", "--dataset", "bbbp", "--out", dir.resolve("x").toString());
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        CliRun under = run("export", "--out", file.resolve("ps").toString());
        assertEquals("xai4j export: --out " + file.resolve("ps") + ": cannot create its parent folder " + file.toAbsolutePath()
                + " (a file of that name is in the way)", under.err().strip());
        assertEquals(2, other.code());
        assertTrue(other.err().contains("graph export"), other.err());
    }
}

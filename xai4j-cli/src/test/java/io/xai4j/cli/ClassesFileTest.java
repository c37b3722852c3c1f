package io.xai4j.cli;

import static io.xai4j.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import io.xai4j.core.io.Json;
import io.xai4j.core.runtime.Tensors;
import io.xai4j.vision.data.ImageFolderDataset;
import io.xai4j.vision.data.Normalization;
import io.xai4j.vision.model.TorchScriptClassifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --classes-file}: names with commas, one per line; duplicate names refused; class indices beside names in explain's JSON. */
class ClassesFileTest {

    private static final Path FIXTURE = Path.of("../xai4j-vision/src/test/resources/torchscript/tiny_frozen.pt");
    private static final List<String> NAMES = List.of("tabby, tabby cat", "Egyptian cat", "lynx, catamount");

    @Test
    void namesWithCommasAreReadAndEveryRecordHoldsTheClassIndexBesideItsName(@TempDir Path dir) throws Exception {
        TestImages.randomPngs(dir.resolve("in"), "img", 4, 20, new SplittableRandom(11));
        Path names = dir.resolve("classes.txt");
        Files.writeString(names, String.join("\n", NAMES) + "\n\n");
        for (String target : new String[] {null, "lynx, catamount"}) {
            Path out = dir.resolve("out" + (target == null ? "" : "-target"));
            List<String> args = new ArrayList<>(List.of("explain", "--torchscript", FIXTURE.toString(), "--classes-file", names.toString(),
                    "--input-size", "12", "--method", "gradcam,cam", "--no-overlays", "--output-dir", out.toString()));
            if (target != null) {
                args.addAll(List.of("--target", target));
            }
            args.add(dir.resolve("in").toString());
            CliRun r = run(args.toArray(new String[0]));
            assertEquals(0, r.code(), r.err());
            JsonNode json = Json.MAPPER.readTree(out.resolve("explanations.json").toFile());
            assertEquals(8, json.size());
            int[] predicted = predicted(ImageFiles.expand(List.of(dir.resolve("in"))));
            int k = 0;
            for (JsonNode rec : json) {
                int image = k++ % 4; // records: per batch, per method, per image
                assertEquals(predicted[image], rec.get("predictedIndex").asInt(), rec.toString());
                assertEquals(NAMES.get(predicted[image]), rec.get("predicted").asText(), rec.toString());
                int t = target == null ? predicted[image] : 2;
                assertEquals(t, rec.get("targetIndex").asInt(), rec.toString());
                assertEquals(NAMES.get(t), rec.get("target").asText(), rec.toString());
            }
        }
    }

    /** The fixture's top-1 class of each file, computed here from its logits (ImageNet normalisation, as the CLI's default). */
    private static int[] predicted(List<Path> files) {
        List<float[]> pixels = new ArrayList<>();
        for (Path f : files) {
            pixels.add(ImageFolderDataset.readImage(f, 3, 12, 12));
        }
        try (TorchScriptClassifier model = TorchScriptClassifier.load(FIXTURE, NAMES, new int[] {3, 12, 12});
                NDManager m = NDManager.newBaseManager()) {
            return Tensors.argmax(Tensors.toArray2(model.logits(Normalization.imageNet().batch(m, new int[] {3, 12, 12}, pixels))));
        }
    }

    @Test
    void duplicateOrMisplacedClassNamesAreOneLine(@TempDir Path dir) throws Exception {
        TestImages.randomPngs(dir.resolve("in"), "img", 1, 20, new SplittableRandom(1));
        String image = dir.resolve("in").toString();
        Path dup = dir.resolve("dup.txt");
        Files.writeString(dup, "a, b\nc\nd\na, b\n");
        Path gap = dir.resolve("gap.txt");
        Files.writeString(gap, "a\n\nc\n");
        String ts = FIXTURE.toString();
        assertEquals("xai4j explain: --classes: duplicate class name 'b' (positions 2 and 4); class names must be distinct",
                run("explain", "--torchscript", ts, "--classes", "a,b,c,b", image).err().strip());
        assertEquals("xai4j explain: --classes-file " + dup + ": duplicate class name 'a, b' (lines 1 and 4); class names must be distinct",
                run("explain", "--torchscript", ts, "--classes-file", dup.toString(), image).err().strip());
        assertEquals("xai4j explain: --classes-file " + gap + " line 2: empty class name (one name per line)",
                run("explain", "--torchscript", ts, "--classes-file", gap.toString(), image).err().strip());
        assertEquals("xai4j explain: --classes-file " + dir.resolve("none.txt") + ": file not found",
                run("explain", "--torchscript", ts, "--classes-file", dir.resolve("none.txt").toString(), image).err().strip());
        assertEquals("xai4j explain: give --classes or --classes-file, not both",
                run("explain", "--torchscript", ts, "--classes", "a,b,c", "--classes-file", gap.toString(), image).err().strip());
        assertEquals("xai4j bench: --classes-file is not used with --model (the model file has its classes, input size and normalisation)",
                run("bench", "--model", "m.xai4j", "--classes-file", gap.toString()).err().strip());
        Path two = dir.resolve("two.txt");
        Files.writeString(two, "x\ny\n");
        assertEquals("xai4j bench: " + ts + ": the model returns 3 scores per image but 2 class names were given",
                run("bench", "--torchscript", ts, "--classes-file", two.toString(), "--input-size", "12").err().strip());
    }
}

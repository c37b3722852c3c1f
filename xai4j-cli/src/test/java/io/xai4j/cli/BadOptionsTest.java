package io.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.xai4j.vision.explain.Explainers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Out-of-range and misplaced options fail at once, in one line that names the full command and the option
 * (before, several ended in a stack trace, some only after minutes of training, and some were silently ignored).
 */
class BadOptionsTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("demo --pipnet-epochs 3", "xai4j demo: --pipnet-epochs takes two numbers, pretraining and training epochs (e.g. 2,6), got 1"),
                Arguments.of("demo --eval-images 0", "xai4j demo: --eval-images must be >= 1, got 0"),
                Arguments.of("demo --graph --rise-masks 5",
                        "xai4j demo: --rise-masks is not used by the graph demo (--graph takes --epochs, --seed and --show-images)"),
                Arguments.of("bench --batch-sizes 32,-1", "xai4j bench: --batch-sizes must be >= 1, got -1"),
                Arguments.of("explain --batch-size 0 x.png", "xai4j explain: --batch-size must be >= 1, got 0"),
                Arguments.of("evaluate --model m.xai4j --images 0", "xai4j evaluate: --images must be >= 1, got 0"),
                Arguments.of("pipnet train --batch-size 0", "xai4j pipnet train: --batch-size must be >= 1, got 0"),
                Arguments.of("pipnet explain --model m.xai4j --images -5", "xai4j pipnet explain: --images must be >= 0, got -5"),
                Arguments.of("pipnet explain --model m.xai4j --patch-cells 2 --patch-pixels 8",
                        "xai4j pipnet explain: give one of --patch-cells, --patch-pixels and --patch-receptive-field"),
                Arguments.of("pipnet explain --model m.xai4j --patch-cells 0", "xai4j pipnet explain: --patch-cells must be > 0, got 0.0"),
                Arguments.of("pipnet baseline --dataset folder", "xai4j pipnet baseline: pipnet baseline takes --dataset partshapes or fashion-mnist"),
                Arguments.of("graph train --dataset ba2motifs --epochs 0", "xai4j graph train: --epochs must be >= 1, got 0"),
                Arguments.of("graph train --dataset ba2motifs --seeds 0", "xai4j graph train: --seeds must be >= 1, got 0"),
                Arguments.of("graph evaluate --dataset bbbp --set valid", "xai4j graph evaluate: --set must be all or test, got 'valid'"),
                Arguments.of("graph evaluate --dataset bbbp --seeds 0", "xai4j graph evaluate: --seeds must be >= 1, got 0"),
                Arguments.of("graph evaluate --dataset ba2motifs", "xai4j graph evaluate: --dataset ba2motifs is generated, not a molecule set:"
                        + " graph evaluate scores bbbp, bace or tox21; graph train --dataset ba2motifs scores the explanations of BA-2Motifs"
                        + " against its planted motifs"),
                Arguments.of("graph explain --model m.gcn --dataset bbbp --limit 0", "xai4j graph explain: --limit must be >= 1, got 0"),
                Arguments.of("graph export --dataset ba2motifs --per-class 0 --out e.jsonl", "xai4j graph export: --per-class must be >= 1, got 0"),
                Arguments.of("graph bench --nodes 1", "xai4j graph bench: --nodes must be >= 2, got 1"),
                Arguments.of("graph bench --nodes 100 --molecules 64", "xai4j graph bench: --molecules is not used with --nodes (one graph, no molecules)"),
                Arguments.of("graph train --dataset bbbp --data-seed 1",
                        "xai4j graph train: --data-seed is not used with molecule data sets (their split is --split; the seeds draw it for --split random)"),
                Arguments.of("graph train --dataset ba2motifs --split random",
                        "xai4j graph train: --split is not used with --input or a generated --dataset (they take a seeded random 80/10/10 split)"),
                Arguments.of("graph train --dataset ba3null --select best",
                        "xai4j graph train: --select must be final or best-val, got 'best'"),
                Arguments.of("graph evaluate --dataset ba3null", "xai4j graph evaluate: --dataset ba3null is generated, not a molecule set:"
                        + " graph evaluate scores bbbp, bace or tox21; graph train --dataset ba3null scores the explanations of BA-3Motifs-null"
                        + " against its planted motifs"),
                Arguments.of("graph export --dataset bbbp --per-class 10 --out e.jsonl",
                        "xai4j graph export: --per-class is not used with a molecule set (only ba2motifs and ba3null are generated)"),
                Arguments.of("train --image-size 32", "xai4j train: --image-size is not used with --dataset partshapes (only folder images are"
                        + " resized, can be unreadable or are decoded lazily)"),
                Arguments.of("train --dataset folder --data-dir nowhere --image-size 100000",
                        "xai4j train: --image-size must be 1..4096 (the side of the square model input in pixels), got 100000"),
                Arguments.of("train --dataset folder --data-dir nowhere --image-size 0",
                        "xai4j train: --image-size must be 1..4096 (the side of the square model input in pixels), got 0"),
                Arguments.of("pipnet train --dataset folder --data-dir nowhere --image-size 100000",
                        "xai4j pipnet train: --image-size must be 1..4096 (the side of the square model input in pixels), got 100000"),
                Arguments.of("pipnet bench --image-size 5000",
                        "xai4j pipnet bench: --image-size must be 1..4096 (the side of the square model input in pixels), got 5000"),
                Arguments.of("explain --torchscript m.pt --classes a,b --input-size 100000 x.png",
                        "xai4j explain: --input-size must be 1..4096 (the side of the square model input in pixels), got 100000"),
                Arguments.of("pipnet train --lazy-images", "xai4j pipnet train: --lazy-images is not used with --dataset partshapes (only folder"
                        + " images can be unreadable or decoded lazily)"),
                Arguments.of("explain --model m.xai4j --torchscript m.pt x.png", "xai4j explain: give --model or --torchscript, not both"),
                Arguments.of("explain --model m.xai4j --classes a,b x.png", "xai4j explain: --classes is not used with --model (the model file has"
                        + " its classes, input size and normalisation)"),
                Arguments.of("demo --no-pipnet --pipnet-epochs 1,1", "xai4j demo: --pipnet-epochs is not used with --no-pipnet"),
                Arguments.of("graph export --dataset bbbp --out e.csv", "xai4j graph export: --out e.csv: graph export writes JSON lines; name the file .jsonl"),
                Arguments.of("train --epochs 0", "xai4j train: --epochs must be >= 1, got 0"),
                Arguments.of("train --optimizer adam", "xai4j train: --optimizer must be adamw or sgd, got 'adam'"),
                Arguments.of("train --lr 0", "xai4j train: --lr must be > 0, got 0.0"),
                Arguments.of("train --warmup 1.5", "xai4j train: --warmup must be a share of the steps in [0, 1) (e.g. 0.05), got 1.5"),
                Arguments.of("train --warmup -0.1", "xai4j train: --warmup must be a share of the steps in [0, 1) (e.g. 0.05), got -0.1"),
                Arguments.of("train --output .", "xai4j train: --output . is a folder; give a file in it, e.g. ./model.xai4j"),
                Arguments.of("pipnet train --output .", "xai4j pipnet train: --output . is a folder; give a file in it, e.g. ./model.xai4j"),
                Arguments.of("pipnet train --lr-net -1", "xai4j pipnet train: --lr-net must be > 0, got -1.0"),
                Arguments.of("explain --model m.xai4j --method cam --layer layer2 x.png",
                        "xai4j explain: --layer is not used by cam (methods that read it: gradcam, gradcam++, xgradcam, layercam, scorecam, eigencam, eb, ceb)"),
                Arguments.of("explain --model m.xai4j --method gradcam --rise-masks 100 x.png", "xai4j explain: --rise-masks is not used by gradcam (methods that read it: rise)"),
                Arguments.of("explain --model m.xai4j --method gradcm x.png",
                        "xai4j explain: unknown image method 'gradcm'; methods are " + String.join(", ", Explainers.names())),
                Arguments.of("explain --model m.xai4j --alpha 1.5 x.png", "xai4j explain: --alpha must be in [0, 1], got 1.5"),
                Arguments.of("explain --model m.xai4j --colormap rainbow x.png",
                        "xai4j explain: --colormap 'rainbow': expected one of jet, viridis, plasma, inferno, magma, turbo, gray"),
                Arguments.of("explain --model m.xai4j --overlay-size big x.png", "xai4j explain: --overlay-size must be input or original, got 'big'"),
                Arguments.of("explain --model m.xai4j --no-overlays --colormap viridis x.png", "xai4j explain: --colormap is not used with --no-overlays"),
                Arguments.of("explain --model m.xai4j --target a --target-file t.csv x.png", "xai4j explain: give --target or --target-file, not both"),
                Arguments.of("bench --methods foo", "xai4j bench: unknown image method 'foo'; methods are " + String.join(", ", Explainers.names())),
                Arguments.of("bench --output .", "xai4j bench: --output . is a folder; give a file in it, e.g. ./model.xai4j"),
                Arguments.of("evaluate --model m.xai4j --output-dir pom.xml", "xai4j evaluate: --output-dir pom.xml is a file; give a folder"),
                Arguments.of("pipnet bench --receptive-field 30", "xai4j pipnet bench: --receptive-field, --from-scratch and --early-/--mid-/--last-/--frozen-prefixes"
                        + " describe a TorchScript backbone (--backbone FILE); the built-in smallcnn has its own"));
    }

    @org.junit.jupiter.api.Test
    void unparseableOptionsAreOneLineWithAHintInsteadOfTheWholeUsage() {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err));
        assertEquals(2, cli.execute("train", "--epochs", "abc"));
        assertEquals("xai4j train: Invalid value for option '--epochs': 'abc' is not an int\n('xai4j train --help' lists the options)",
                err.toString().strip().replace(System.lineSeparator(), "\n"));
        StringWriter typo = new StringWriter();
        CommandLine cli2 = Main.commandLine();
        cli2.setErr(new PrintWriter(typo));
        assertEquals(2, cli2.execute("trian"));
        String text = typo.toString();
        org.junit.jupiter.api.Assertions.assertTrue(text.startsWith("xai4j: Unmatched argument at index 0: 'trian'") && text.contains("xai4j train?"), text);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void failsInOneLineNamingCommandAndOption(String args, String expected) {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err));
        assertEquals(2, cli.execute(args.split(" ")), err.toString());
        assertEquals(expected, err.toString().strip());
    }
}

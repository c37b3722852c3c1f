package io.xai4j.cli.pipnet;

import io.xai4j.vision.pipnet.PipNetArchitecture;
import io.xai4j.vision.pipnet.PipNetBackbone;
import io.xai4j.vision.pipnet.PipNetFile;
import io.xai4j.vision.pipnet.TorchScriptBackbone;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The backbone and prototype options shared by {@code pipnet train} and {@code pipnet bench} (docs/methods/pipnet.md#backbones, #parameter-groups-and-schedules). */
final class BackboneOptions {

    @Option(names = "--backbone", defaultValue = "smallcnn",
            description = "smallcnn, or a TorchScript file exporting forward_features (default: ${DEFAULT-VALUE}).")
    String backbone;

    @Option(names = "--receptive-field", defaultValue = "0", description = "TorchScript backbone: receptive field in px (default: S).")
    int receptiveField;

    @Option(names = "--early-prefixes", split = ",", description = "TorchScript backbone: parameter-name prefixes of the early group.")
    List<String> earlyPrefixes = List.of();

    @Option(names = "--mid-prefixes", split = ",", description = "TorchScript backbone: parameter-name prefixes of the mid group.")
    List<String> midPrefixes = List.of();

    @Option(names = "--last-prefixes", split = ",", description = "TorchScript backbone: parameter-name prefixes of the last group.")
    List<String> lastPrefixes = List.of();

    @Option(names = "--from-scratch", description = "TorchScript backbone: the export has random weights (no pretrained weights), so"
            + " nothing is ever frozen (docs/methods/pipnet.md#phases); by default an imported backbone counts as pretrained.")
    boolean fromScratch;

    @Option(names = "--frozen-prefixes", split = ",", description = "TorchScript backbone: parameter-name prefixes never trained"
            + " (e.g. a ResNet-50's conv1.,bn1.,layer1., frozen for good in docs/methods/pipnet.md#backbones).")
    List<String> frozenPrefixes = List.of();

    @Option(names = "--prototypes", defaultValue = "64", description = "D, number of prototypes, 16..128 on CPU (default: ${DEFAULT-VALUE}).")
    int prototypes;

    @Option(names = "--add-on", description = "Add a 1x1 conv C→D (needed when the backbone's C differs from D).")
    boolean addOn;

    /** The architecture at input side {@code s}. */
    PipNetArchitecture architecture(boolean bias, int s) {
        return new PipNetArchitecture(prototypes, addOn, bias, s);
    }

    /**
     * The backbone spec at input side {@code s}, and for a TorchScript file the backbone itself, loaded once to learn
     * its C and then handed to the model ({@link PipNetFile#create(ai.djl.ndarray.NDManager, PipNetFile.Header,
     * PipNetBackbone, long)}); for the smallcnn {@code backbone} is null (the model builds it, seeded).
     */
    record Built(PipNetFile.BackboneSpec spec, PipNetBackbone backbone) {}

    /** The backbone at input side {@code s}. */
    Built build(int s) {
        if (backbone.equals("smallcnn")) {
            if (receptiveField > 0 || fromScratch || !earlyPrefixes.isEmpty() || !midPrefixes.isEmpty() || !lastPrefixes.isEmpty()
                    || !frozenPrefixes.isEmpty()) {
                throw new IllegalArgumentException("--receptive-field, --from-scratch and --early-/--mid-/--last-/--frozen-prefixes describe a"
                        + " TorchScript backbone"
                        + " (--backbone FILE); the built-in smallcnn has its own");
            }
            return new Built(PipNetFile.BackboneSpec.smallCnn(addOn ? 128 : prototypes), null);
        }
        Map<PipNetBackbone.Group, List<String>> prefixes = new EnumMap<>(PipNetBackbone.Group.class);
        if (!earlyPrefixes.isEmpty()) {
            prefixes.put(PipNetBackbone.Group.EARLY, earlyPrefixes);
        }
        if (!midPrefixes.isEmpty()) {
            prefixes.put(PipNetBackbone.Group.MID, midPrefixes);
        }
        if (!lastPrefixes.isEmpty()) {
            prefixes.put(PipNetBackbone.Group.LAST, lastPrefixes);
        }
        if (!frozenPrefixes.isEmpty()) {
            prefixes.put(PipNetBackbone.Group.FROZEN, frozenPrefixes);
        }
        if (fromScratch && !frozenPrefixes.isEmpty()) {
            throw new IllegalArgumentException("--from-scratch and --frozen-prefixes contradict each other: a backbone with random weights"
                    + " has nothing to keep frozen (docs/methods/pipnet.md#phases)");
        }
        Path file = Path.of(backbone).toAbsolutePath();
        int rf = receptiveField > 0 ? receptiveField : s;
        TorchScriptBackbone loaded = TorchScriptBackbone.load(file, new int[] {3, s, s}, rf, prefixes, !fromScratch);
        int channels = loaded.channels();
        if (!addOn && channels != prototypes) {
            loaded.close();
            throw new IllegalArgumentException("--backbone " + backbone + " has C = " + channels + " output channels but --prototypes is "
                    + prototypes + "; give --prototypes " + channels + " (D = C, no add-on) or --add-on");
        }
        return new Built(new PipNetFile.BackboneSpec("torchscript", channels, file.toString(), rf, prefixes, fromScratch ? Boolean.FALSE : null),
                loaded);
    }
}

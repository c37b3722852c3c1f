package io.xai4j.cli.pipnet;

import io.xai4j.cli.Checks;
import io.xai4j.vision.pipnet.PatchGeometry;
import picocli.CommandLine.Option;

/** The patch size of docs/methods/pipnet.md#patches-and-heat-maps, shared by {@code pipnet explain} and {@code pipnet predict}: three exclusive options. */
final class PatchSizeOptions {

    @Option(names = "--patch-cells", description = "Patch side in latent cells, P = round(k·S/H) (default: 2).")
    Double patchCells;

    @Option(names = "--patch-pixels", description = "Patch side in pixels of the model input, instead of --patch-cells.")
    Integer patchPixels;

    @Option(names = "--patch-receptive-field", description = "Patch side = the backbone's theoretical receptive field (at most S),"
            + " instead of --patch-cells.")
    boolean patchReceptiveField;

    /** The size the options give; cells(2) when none is given. */
    PatchGeometry.Size size() {
        int given = (patchCells != null ? 1 : 0) + (patchPixels != null ? 1 : 0) + (patchReceptiveField ? 1 : 0);
        if (given > 1) {
            throw new IllegalArgumentException("give one of --patch-cells, --patch-pixels and --patch-receptive-field");
        }
        if (patchPixels != null) {
            Checks.atLeast("--patch-pixels", patchPixels, 1);
            return PatchGeometry.Size.pixels(patchPixels);
        }
        if (patchReceptiveField) {
            return PatchGeometry.Size.receptiveField();
        }
        if (patchCells != null && !(patchCells > 0)) {
            throw new IllegalArgumentException("--patch-cells must be > 0, got " + patchCells);
        }
        return PatchGeometry.Size.cells(patchCells != null ? patchCells : 2);
    }

    /** Fails unless a pixel size fits the model's input side {@code s}. */
    void requireFits(int s) {
        if (patchPixels != null && patchPixels > s) {
            throw new IllegalArgumentException("--patch-pixels must be <= the model's input side S = " + s + ", got " + patchPixels);
        }
    }
}

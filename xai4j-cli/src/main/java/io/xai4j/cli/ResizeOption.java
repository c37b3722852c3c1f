package io.xai4j.cli;

import io.xai4j.vision.data.ImageFolderDataset;
import picocli.CommandLine.Option;

/** How image files of another aspect ratio are brought to the model's input size (a picocli mixin: explain, pipnet predict). */
public final class ResizeOption {

    @Option(names = "--resize", defaultValue = "stretch", description = "stretch: resize both sides to the model's input size (the"
            + " aspect ratio changes, as in pytorch-grad-cam's examples); crop: the largest central region with the input's aspect"
            + " ratio, resized (torchvision's Resize + CenterCrop); overlays show what the model saw (default: ${DEFAULT-VALUE}).")
    String resize;

    /** The chosen fit; an unknown name is refused, naming both. */
    public ImageFolderDataset.Fit fit() {
        return switch (resize) {
            case "stretch" -> ImageFolderDataset.Fit.STRETCH;
            case "crop" -> ImageFolderDataset.Fit.CENTER_CROP;
            default -> throw new IllegalArgumentException("--resize '" + resize + "': expected stretch or crop");
        };
    }
}

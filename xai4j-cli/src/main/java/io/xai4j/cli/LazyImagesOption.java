package io.xai4j.cli;

import picocli.CommandLine.Option;

/** {@code --lazy-images}, shared by {@code train} and {@code pipnet train}. */
public final class LazyImagesOption {

    @Option(names = "--lazy-images", description = "Folder data: decode each image when a batch needs it (in parallel) instead of"
            + " holding all of them decoded (C·H·W bytes each); for folders larger than memory; trains the same model.")
    boolean lazy;

    /** Whether the option was given. */
    public boolean lazy() {
        return lazy;
    }
}

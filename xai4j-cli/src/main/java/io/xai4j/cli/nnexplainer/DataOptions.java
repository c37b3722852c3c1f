package io.xai4j.cli.nnexplainer;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The data of {@code nnexplainer train} and {@code evaluate}: by default what the classifier's model file records. */
final class DataOptions {

    @Option(names = "--dataset", description = "partshapes, fashion-mnist or folder (default: the data the model file records, else"
            + " partshapes).")
    String dataset;

    @Option(names = "--data-dir", description = "See train --help (default: the model's, when --dataset is not given).")
    Path dataDir;

    @Option(names = "--seed", description = "Data seed (PartShapes; default: the model's training seed when --dataset is not given, else 0).")
    Long seed;
}

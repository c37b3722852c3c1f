package io.xai4j.cli;

import io.xai4j.vision.data.IdxDataset;
import io.xai4j.vision.data.ImageDataset;
import io.xai4j.vision.data.ImageFolderDataset;
import io.xai4j.vision.data.ImageSubset;
import io.xai4j.vision.data.PartShapesConfig;
import io.xai4j.vision.data.PartShapesGenerator;
import io.xai4j.vision.data.Split;
import io.xai4j.vision.data.StratifiedSplit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The data sets the CLI can train and evaluate on: train / validation / test splits. */
public final class DataSets {

    /** Debian's dataset-fashion-mnist package. */
    static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    public record Splits(ImageDataset train, ImageDataset val, ImageDataset test) {}

    /**
     * The shares of a single image folder (no {@code train/} and {@code val/} inside) that go to validation and test,
     * split per class with the run's seed ({@link StratifiedSplit}); test 0 scores the validation part as test.
     */
    public record FolderSplit(double val, double test) {
        static final FolderSplit DEFAULT = new FolderSplit(0.1, 0.1);

        /** The shares a model file records ({@link #provenance}), or the defaults. */
        public static FolderSplit recorded(com.fasterxml.jackson.databind.JsonNode data) {
            return data == null || !data.has("valFraction") ? DEFAULT
                    : new FolderSplit(data.get("valFraction").asDouble(), data.get("testFraction").asDouble());
        }
    }

    private DataSets() {}

    /**
     * @param name "partshapes", "fashion-mnist" or "folder" (DIR/train, DIR/val and optional DIR/test)
     */
    public static Splits load(String name, Path dir, int imageSize, long seed, boolean skipBad) {
        return load(name, dir, imageSize, seed, skipBad, false);
    }

    /** @param lazy decode folder images when used instead of holding them ({@link ImageFolderDataset.Builder#optLazy}) */
    static Splits load(String name, Path dir, int imageSize, long seed, boolean skipBad, boolean lazy) {
        return load(name, dir, imageSize, seed, skipBad, lazy, FolderSplit.DEFAULT);
    }

    /**
     * As above; a folder without {@code train/} is one ImageFolder tree split by {@code split} with {@code seed}.
     */
    public static Splits load(String name, Path dir, int imageSize, long seed, boolean skipBad, boolean lazy, FolderSplit split) {
        switch (name) {
            case "partshapes" -> {
                requireNoDataDir(name, dir);
                PartShapesGenerator g = new PartShapesGenerator(PartShapesConfig.defaults().toBuilder().optSeed(seed).build());
                return new Splits(g.generate(Split.TRAIN), g.generate(Split.VAL), g.generate(Split.TEST));
            }
            case "fashion-mnist" -> {
                TrainTest fm = fashionMnist(dir);
                return new Splits(fm.train(), fm.test(), fm.test());
            }
            case "folder" -> {
                if (dir == null) {
                    throw new IllegalArgumentException("--data-dir is required for --dataset folder");
                }
                if (isSingleFolder(dir)) {
                    ImageFolderDataset all = (ImageFolderDataset) folder(dir, imageSize, skipBad, lazy);
                    StratifiedSplit.Parts parts = splitOf(all, split, seed);
                    return new Splits(new ImageSubset(all, parts.train()), new ImageSubset(all, parts.val()),
                            new ImageSubset(all, parts.test().length > 0 ? parts.test() : parts.val()));
                }
                ImageDataset train = folder(dir.resolve("train"), imageSize, skipBad, lazy);
                ImageDataset val = requireTrainClasses(dir, "val", train, folder(dir.resolve("val"), imageSize, skipBad, lazy));
                ImageDataset test = Files.isDirectory(dir.resolve("test"))
                        ? requireTrainClasses(dir, "test", train, folder(dir.resolve("test"), imageSize, skipBad, lazy)) : val;
                return new Splits(train, val, test);
            }
            default -> throw new IllegalArgumentException("unknown --dataset '" + name + "'; expected partshapes, fashion-mnist or folder");
        }
    }

    /**
     * Returns {@code split} (folder {@code dir/name}) when its class folders are train's, in train's order, and
     * fails otherwise: each folder split numbers its classes alphabetically, so a class missing from one split
     * would shift every later label without a word.
     */
    public static ImageDataset requireTrainClasses(Path dir, String name, ImageDataset train, ImageDataset split) {
        if (!split.classNames().equals(train.classNames())) {
            throw new IllegalArgumentException(dir.resolve(name) + " has class folders " + abbreviate(split.classNames()) + " but "
                    + dir.resolve("train") + " has " + abbreviate(train.classNames()) + "; every split needs the same class folders");
        }
        return split;
    }

    /**
     * Whether {@code dir} is one ImageFolder tree to split (no {@code train/} inside); fails when it has {@code val/} or
     * {@code test/} but no {@code train/}, which would otherwise become class folders.
     */
    static boolean isSingleFolder(Path dir) {
        if (Files.isDirectory(dir.resolve("train"))) {
            return false;
        }
        for (String split : List.of("val", "test")) {
            if (Files.isDirectory(dir.resolve(split))) {
                throw new IllegalArgumentException(dir + " has " + split + "/ but no train/; give DIR with train/, val/ and optional test/,"
                        + " or one folder of class folders to split");
            }
        }
        return true;
    }

    private static StratifiedSplit.Parts splitOf(ImageFolderDataset all, FolderSplit split, long seed) {
        int[] labels = new int[all.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = all.label(i);
        }
        StratifiedSplit.Parts parts = StratifiedSplit.of(labels, all.classNames(), split.val(), split.test(), seed);
        Console.info("%s: one folder split per class with seed %d: %d train / %d val / %d test images", all.root(), seed,
                parts.train().length, parts.val().length, parts.test().length);
        return parts;
    }

    /** A training and a test split. */
    public record TrainTest(ImageDataset train, ImageDataset test) {}

    /**
     * Fashion-MNIST's training and test splits (gzipped IDX files) from {@code dir}, or from Debian's
     * dataset-fashion-mnist package when {@code dir} is null; grey replicated to RGB.
     */
    public static TrainTest fashionMnist(Path dir) {
        Path d = dir != null ? dir : FASHION_MNIST;
        ImageDataset train = IdxDataset.read(d.resolve("train-images-idx3-ubyte.gz"), d.resolve("train-labels-idx1-ubyte.gz"),
                IdxDataset.FASHION_MNIST_CLASSES).toRgb();
        ImageDataset test = IdxDataset.read(d.resolve("t10k-images-idx3-ubyte.gz"), d.resolve("t10k-labels-idx1-ubyte.gz"),
                IdxDataset.FASHION_MNIST_CLASSES).toRgb();
        return new TrainTest(train, test);
    }

    /**
     * Fails when {@code --data-dir} is given for a data set that reads no folder: PartShapes is generated from
     * {@code --seed}, so a folder of the user's images would otherwise be ignored without a word.
     */
    public static void requireNoDataDir(String dataset, Path dir) {
        if (dir != null) {
            throw new IllegalArgumentException("--data-dir " + dir + " is not read by --dataset " + dataset
                    + " (it is generated from --seed); for your own images give --dataset folder --data-dir " + dir);
        }
    }

    /**
     * Only the test split of {@link #load} (for a folder: {@code DIR/test}, else {@code DIR/val}), without decoding
     * the other folder splits; the caller checks its classes against the model's.
     */
    public static ImageDataset loadTest(String name, Path dir, int imageSize, long seed, boolean skipBad) {
        return loadTest(name, dir, imageSize, seed, skipBad, FolderSplit.DEFAULT);
    }

    /** As above; a single folder is split by {@code split} (what the model file records) and its test part returned. */
    public static ImageDataset loadTest(String name, Path dir, int imageSize, long seed, boolean skipBad, FolderSplit split) {
        if (name.equals("folder") && dir != null && isSingleFolder(dir)) {
            ImageFolderDataset all = (ImageFolderDataset) folder(dir, imageSize, skipBad, true);
            StratifiedSplit.Parts parts = splitOf(all, split, seed);
            return new ImageSubset(all, parts.test().length > 0 ? parts.test() : parts.val());
        }
        if (name.equals("folder") && dir != null && Files.isRegularFile(dir.resolve("metadata.json")) && !skipBad) {
            // a PartShapes tree written by xai4j export: its test split with the part masks, so the localisation metrics run
            io.xai4j.vision.data.PartShapesDataset export = io.xai4j.vision.data.PartShapesDataset.readImageFolder(dir);
            if (export.test().width() == imageSize) {
                Console.info("%s is a PartShapes export: its part masks are used", dir);
                return export.test();
            }
        }
        if (name.equals("folder") && dir != null) {
            // decoded when used: evaluate scores the first --images of the split, however large the folder
            return folder(dir.resolve(Files.isDirectory(dir.resolve("test")) ? "test" : "val"), imageSize, skipBad, true);
        }
        return load(name, dir, imageSize, seed, skipBad).test();
    }

    /**
     * What a model file records of its training data ({@code extra.data} of the header), so that evaluate finds
     * the same data without options: the data set, its folder (absolute), the seed and {@code --skip-bad}.
     */
    public static com.fasterxml.jackson.databind.node.ObjectNode provenance(String dataset, Path dir, long seed, boolean skipBad) {
        return provenance(dataset, dir, seed, skipBad, null);
    }

    /** As above, with the shares of a split single folder ({@code split}; null: none). */
    static com.fasterxml.jackson.databind.node.ObjectNode provenance(String dataset, Path dir, long seed, boolean skipBad, FolderSplit split) {
        com.fasterxml.jackson.databind.node.ObjectNode extra = io.xai4j.core.io.Json.MAPPER.createObjectNode();
        com.fasterxml.jackson.databind.node.ObjectNode data = extra.putObject("data");
        data.put("dataset", dataset);
        data.put("dataDir", dir == null ? null : dir.toAbsolutePath().toString());
        data.put("seed", seed);
        data.put("skipBad", skipBad);
        if (split != null) {
            data.put("valFraction", split.val());
            data.put("testFraction", split.test());
        }
        return extra;
    }

    /** A folder split resized to size × size RGB, decoded now or ({@code lazy}) when used. */
    public static ImageDataset folder(Path root, int size, boolean skipBad, boolean lazy) {
        return ImageFolderDataset.builder().setRoot(root).optImageSize(size, size).optChannels(3).optSkipBad(skipBad).optLazy(lazy).build();
    }

    /**
     * Fails unless a data set has the model's classes in the model's order, naming the model file, the
     * data set and both class lists (a model scored on other classes gives meaningless numbers).
     */
    public static void requireSameClasses(Path modelFile, List<String> modelClasses, String dataset, List<String> dataClasses) {
        if (!modelClasses.equals(dataClasses)) {
            throw new IllegalArgumentException(modelFile + " was trained on " + modelClasses.size() + " classes " + abbreviate(modelClasses)
                    + " but --dataset " + dataset + " has " + dataClasses.size() + " classes " + abbreviate(dataClasses)
                    + "; give the --dataset (and --data-dir, --seed) the model was trained on");
        }
    }

    private static String abbreviate(List<String> names) {
        return names.size() <= 6 ? names.toString() : names.subList(0, 6) + " …";
    }
}

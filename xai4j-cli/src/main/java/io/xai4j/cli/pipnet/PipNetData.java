package io.xai4j.cli.pipnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.xai4j.cli.DataSets;
import io.xai4j.core.io.Json;
import io.xai4j.vision.data.ImageDataset;
import io.xai4j.vision.data.PartShapesConfig;
import io.xai4j.vision.data.PartShapesGenerator;
import io.xai4j.vision.data.PartShapesSplit;
import io.xai4j.vision.data.Split;
import io.xai4j.vision.pipnet.PipNetFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The data sets of the PIP-Net commands: train, test, an optional OOD set, and for PartShapes the
 * splits with ground-truth parts (purity).
 *
 * @param name data set name
 * @param train training images
 * @param test test images
 * @param ood out-of-distribution images, or null
 * @param oodName what the OOD set is
 * @param partTrain PartShapes train split (ground truth), or null
 * @param partTest PartShapes test split (ground truth), or null
 * @param defaultImageSize S used when the user gives none
 * @param hflip the data set preset for horizontal flips
 */
record PipNetData(String name, ImageDataset train, ImageDataset test, ImageDataset ood, String oodName, PartShapesSplit partTrain,
        PartShapesSplit partTest, int defaultImageSize, boolean hflip) {

    /**
     * The data a command runs a trained model on: each option that is null falls back to what {@code pipnet
     * train} recorded in the model file ({@code extra.data}), then to PartShapes with seed 0. The data set's
     * classes must be the model's, in order, or the call fails naming both.
     */
    static PipNetData forModel(PipNetFile.Loaded loaded, Path modelFile, String name, Path dir, Long seed) {
        return forModel(loaded, modelFile, source(loaded, name, dir, seed));
    }

    /** As above, for an already resolved {@link Source}. */
    static PipNetData forModel(PipNetFile.Loaded loaded, Path modelFile, Source s) {
        PipNetData data = load(s.name(), s.dir(), loaded.model().imageSize(), s.seed(), s.skipBad(), s.lazyImages());
        DataSets.requireSameClasses(modelFile, loaded.model().classNames(), s.name(), data.train().classNames());
        return data;
    }

    /**
     * Which data a command means: the options, falling back to the model file's record, then PartShapes seed 0; a model
     * trained with {@code --lazy-images} is evaluated and explained with lazily decoded folders too.
     */
    record Source(String name, Path dir, long seed, boolean skipBad, boolean lazyImages) {}

    static Source source(PipNetFile.Loaded loaded, String name, Path dir, Long seed) {
        JsonNode r = loaded.header().extra() == null ? MissingNode.getInstance() : loaded.header().extra().path("data");
        String n = name != null ? name : r.path("dataset").asText("partshapes");
        Path d = dir != null ? dir : r.hasNonNull("dataDir") ? Path.of(r.get("dataDir").asText()) : null;
        long sd = seed != null ? seed : r.path("seed").asLong(0L);
        return new Source(n, d, sd, r.path("skipBad").asBoolean(false), r.path("lazyImages").asBoolean(false));
    }

    /** What {@link #forModel} reads back: the data set, its folder and the data seed of a training run. */
    static ObjectNode provenance(String name, Path dir, long seed, boolean skipBad) {
        return provenance(name, dir, seed, skipBad, false);
    }

    /** As above, recording whether the folder was decoded lazily ({@code --lazy-images}). */
    static ObjectNode provenance(String name, Path dir, long seed, boolean skipBad, boolean lazyImages) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("dataset", name);
        n.put("dataDir", dir == null ? null : dir.toAbsolutePath().toString());
        n.put("seed", seed);
        n.put("skipBad", skipBad);
        n.put("lazyImages", lazyImages);
        return n;
    }

    static PipNetData load(String name, Path dir, int folderImageSize, long seed) {
        return load(name, dir, folderImageSize, seed, false);
    }

    /** @param skipBad skip (count and list) unreadable images of a folder data set instead of failing */
    static PipNetData load(String name, Path dir, int folderImageSize, long seed, boolean skipBad) {
        return load(name, dir, folderImageSize, seed, skipBad, false);
    }

    /** @param lazy decode folder images when used instead of holding them ({@code pipnet train --lazy-images}) */
    static PipNetData load(String name, Path dir, int folderImageSize, long seed, boolean skipBad, boolean lazy) {
        switch (name) {
            case "partshapes" -> {
                DataSets.requireNoDataDir(name, dir);
                PartShapesGenerator g = new PartShapesGenerator(PartShapesConfig.defaults().toBuilder().optSeed(seed).build());
                PartShapesSplit train = g.generate(Split.TRAIN), test = g.generate(Split.TEST);
                return new PipNetData(name, train, test, g.generate(Split.OOD), "PartShapes ood split (unseen part types)", train, test,
                        train.width(), true);
            }
            case "fashion-mnist" -> {
                DataSets.TrainTest fm = DataSets.fashionMnist(dir);
                ImageDataset train = fm.train(), test = fm.test();
                PartShapesGenerator g = new PartShapesGenerator(PartShapesConfig.defaults().toBuilder().optSeed(seed).build());
                ImageDataset ood = new GreyResized(g.generate(Split.TEST), 28);
                return new PipNetData(name, train, test, ood, "PartShapes test images as 28×28 grayscale", null, null, 28, true);
            }
            case "folder" -> {
                if (dir == null) {
                    throw new IllegalArgumentException("--data-dir is required for --dataset folder");
                }
                ImageDataset train = DataSets.folder(dir.resolve("train"), folderImageSize, skipBad, lazy);
                String testName = Files.isDirectory(dir.resolve("test")) ? "test" : "val";
                ImageDataset test = DataSets.requireTrainClasses(dir, testName, train,
                        DataSets.folder(dir.resolve(testName), folderImageSize, skipBad, lazy));
                ImageDataset ood = Files.isDirectory(dir.resolve("ood")) ? DataSets.folder(dir.resolve("ood"), folderImageSize, skipBad, lazy) : null;
                return new PipNetData(name, train, test, ood, ood == null ? null : dir.resolve("ood").toString(), null, null,
                        folderImageSize, true);
            }
            default -> throw new IllegalArgumentException("unknown --dataset '" + name + "'; expected partshapes, fashion-mnist or folder");
        }
    }

    /**
     * The validation split of a data set, for fitting OOD thresholds apart from the test split: PartShapes' val
     * split (same seed), a folder's {@code val/} when it also has a {@code test/} (otherwise {@code val/} is the test
     * split). Fashion-MNIST has no validation split.
     */
    static ImageDataset validation(String name, Path dir, int folderImageSize, long seed, boolean skipBad, ImageDataset train) {
        switch (name) {
            case "partshapes" -> {
                return new PartShapesGenerator(PartShapesConfig.defaults().toBuilder().optSeed(seed).build()).generate(Split.VAL);
            }
            case "folder" -> {
                if (dir == null || !Files.isDirectory(dir.resolve("test")) || !Files.isDirectory(dir.resolve("val"))) {
                    throw new IllegalArgumentException("--calibrate-on validation needs both " + (dir == null ? "val/ and test/" : dir.resolve("val")
                            + " and " + dir.resolve("test")) + " (without test/, val/ is the test split)");
                }
                return DataSets.requireTrainClasses(dir, "val", train, DataSets.folder(dir.resolve("val"), folderImageSize, skipBad, false));
            }
            default -> throw new IllegalArgumentException("--calibrate-on validation: --dataset " + name + " has no validation split;"
                    + " use --calibrate-on test");
        }
    }

    /** An RGB set shown as grey (0.299R + 0.587G + 0.114B), bilinearly resized, replicated to 3 channels; labels −1. */
    record GreyResized(ImageDataset source, int size) implements ImageDataset {

        @Override
        public int size() {
            return source.size();
        }

        @Override
        public List<String> classNames() {
            return source.classNames();
        }

        @Override
        public int channels() {
            return 3;
        }

        @Override
        public int height() {
            return size;
        }

        @Override
        public int width() {
            return size;
        }

        @Override
        public int label(int index) {
            return -1;
        }

        @Override
        public float[] pixels(int index) {
            float[] rgb = source.pixels(index);
            int h = source.height(), w = source.width(), plane = h * w;
            float[] out = new float[3 * size * size];
            double sy = (double) h / size, sx = (double) w / size;
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    // box filter over the source pixels covered by the target pixel (downscaling)
                    int y0 = (int) Math.floor(y * sy), y1 = Math.max(y0 + 1, (int) Math.ceil((y + 1) * sy));
                    int x0 = (int) Math.floor(x * sx), x1 = Math.max(x0 + 1, (int) Math.ceil((x + 1) * sx));
                    double sum = 0;
                    int n = 0;
                    for (int yy = y0; yy < Math.min(h, y1); yy++) {
                        for (int xx = x0; xx < Math.min(w, x1); xx++) {
                            int i = yy * w + xx;
                            sum += 0.299 * rgb[i] + 0.587 * rgb[plane + i] + 0.114 * rgb[2 * plane + i];
                            n++;
                        }
                    }
                    float g = (float) (sum / n);
                    for (int c = 0; c < 3; c++) {
                        out[c * size * size + y * size + x] = g;
                    }
                }
            }
            return out;
        }
    }
}

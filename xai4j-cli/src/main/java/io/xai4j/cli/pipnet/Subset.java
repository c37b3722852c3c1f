package io.xai4j.cli.pipnet;

import io.xai4j.vision.data.ImageDataset;
import java.util.List;

/** The first {@code n} images of a data set. */
record Subset(ImageDataset source, int n) implements ImageDataset {

    Subset {
        n = Math.min(n, source.size());
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public List<String> classNames() {
        return source.classNames();
    }

    @Override
    public int channels() {
        return source.channels();
    }

    @Override
    public int height() {
        return source.height();
    }

    @Override
    public int width() {
        return source.width();
    }

    @Override
    public float[] pixels(int index) {
        return source.pixels(index);
    }

    @Override
    public float[][] pixels(int[] indices) {
        return source.pixels(indices); // the first n keep their indices; a lazy folder decodes them in parallel
    }

    @Override
    public int label(int index) {
        return source.label(index);
    }

    @Override
    public String source(int index) {
        return source.source(index);
    }
}

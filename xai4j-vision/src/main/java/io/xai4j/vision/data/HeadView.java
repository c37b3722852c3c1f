package io.xai4j.vision.data;

import java.util.List;

/** The first {@code n} images of a data set, read through ({@link ImageDataset#head}). */
record HeadView(ImageDataset all, int n) implements ImageDataset {

    @Override
    public int size() {
        return n;
    }

    @Override
    public List<String> classNames() {
        return all.classNames();
    }

    @Override
    public int channels() {
        return all.channels();
    }

    @Override
    public int height() {
        return all.height();
    }

    @Override
    public int width() {
        return all.width();
    }

    @Override
    public float[] pixels(int index) {
        return all.pixels(java.util.Objects.checkIndex(index, n));
    }

    @Override
    public int label(int index) {
        return all.label(java.util.Objects.checkIndex(index, n));
    }

    @Override
    public String source(int index) {
        return all.source(java.util.Objects.checkIndex(index, n));
    }
}

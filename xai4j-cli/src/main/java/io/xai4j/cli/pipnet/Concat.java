package io.xai4j.cli.pipnet;

import io.xai4j.vision.data.ImageDataset;
import java.util.List;

/** The first {@code na} images of {@code a} followed by the first {@code nb} of {@code b} (same size; b may be null). */
record Concat(ImageDataset a, int na, ImageDataset b, int nb) implements ImageDataset {

    @Override
    public int size() {
        return na + nb;
    }

    @Override
    public List<String> classNames() {
        return a.classNames();
    }

    @Override
    public int channels() {
        return a.channels();
    }

    @Override
    public int height() {
        return a.height();
    }

    @Override
    public int width() {
        return a.width();
    }

    @Override
    public float[] pixels(int index) {
        return index < na ? a.pixels(index) : b.pixels(index - na);
    }

    @Override
    public int label(int index) {
        return index < na ? a.label(index) : b.label(index - na);
    }
}

package io.xai4j.vision.data;

import java.util.List;

/** The images {@code indices} of {@code source}, in that order (e.g. one part of a {@link StratifiedSplit}); pixels are not copied. */
public record ImageSubset(ImageDataset source, int[] indices) implements ImageDataset {

    public ImageSubset {
        indices = indices.clone();
        for (int i : indices) {
            if (i < 0 || i >= source.size()) {
                throw new IndexOutOfBoundsException("index " + i + " of a data set of " + source.size() + " images");
            }
        }
    }

    /** The first {@code n} images of {@code source} (all of them when it holds fewer). */
    public static ImageSubset first(ImageDataset source, int n) {
        return new ImageSubset(source, java.util.stream.IntStream.range(0, Math.min(n, source.size())).toArray());
    }

    @Override
    public int size() {
        return indices.length;
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
        return source.pixels(indices[index]);
    }

    @Override
    public float[][] pixels(int[] which) {
        int[] mapped = new int[which.length];
        for (int b = 0; b < which.length; b++) {
            mapped[b] = indices[which[b]];
        }
        return source.pixels(mapped); // a lazy folder decodes them in parallel
    }

    @Override
    public int label(int index) {
        return source.label(indices[index]);
    }

    @Override
    public String source(int index) {
        return source.source(indices[index]);
    }
}

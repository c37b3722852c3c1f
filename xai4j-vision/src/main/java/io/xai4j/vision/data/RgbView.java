package io.xai4j.vision.data;

import java.util.List;

/** A grey data set seen as RGB by replicating its channel. */
record RgbView(ImageDataset grey) implements ImageDataset {

    @Override
    public int size() {
        return grey.size();
    }

    @Override
    public List<String> classNames() {
        return grey.classNames();
    }

    @Override
    public int channels() {
        return 3;
    }

    @Override
    public int height() {
        return grey.height();
    }

    @Override
    public int width() {
        return grey.width();
    }

    @Override
    public float[] pixels(int index) {
        float[] g = grey.pixels(index);
        float[] out = new float[3 * g.length];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(g, 0, out, c * g.length, g.length);
        }
        return out;
    }

    @Override
    public int label(int index) {
        return grey.label(index);
    }

    @Override
    public String source(int index) {
        return grey.source(index);
    }
}

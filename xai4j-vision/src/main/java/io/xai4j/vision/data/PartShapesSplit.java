package io.xai4j.vision.data;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * One split of PartShapes in memory: the images as an {@link ImageDataset} (RGB, S×S, labels
 * 0..K−1, or −1 on the ood split) and the per-image ground truth of docs/methods/partshapes.md#one-image:
 * {@link #instances}, {@link #instanceMask}, {@link #evidenceMask} and {@link #distractorMask}.
 * Images are held as 8-bit planar bytes (3·S² bytes each) and masks as one byte per pixel, about
 * 16 KB per 64×64 image.
 */
public final class PartShapesSplit implements ImageDataset {

    private final Split split;
    private final int imageSize;
    private final PartShapesVocabulary vocabulary;
    private final List<PartShapesGenerator.Rendered> images;
    private final String[] sources;

    PartShapesSplit(Split split, int imageSize, PartShapesVocabulary vocabulary,
            List<PartShapesGenerator.Rendered> images, String[] sources) {
        this.split = split;
        this.imageSize = imageSize;
        this.vocabulary = vocabulary;
        this.images = List.copyOf(images);
        this.sources = sources.clone();
    }

    /**
     * The first {@code n} images (all of them when {@code n} ≥ {@link #size()}); labels cycle through the classes
     * (image i has class i mod C), so each class keeps ⌊n/C⌋ or ⌈n/C⌉ images.
     */
    @Override
    public PartShapesSplit head(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a split needs at least one image, got " + n);
        }
        return n >= images.size() ? this : new PartShapesSplit(split, imageSize, vocabulary, images.subList(0, n),
                java.util.Arrays.copyOf(sources, Math.min(n, sources.length)));
    }

    /** Which split this is. */
    public Split split() {
        return split;
    }

    /** Part types and class definitions. */
    public PartShapesVocabulary vocabulary() {
        return vocabulary;
    }

    @Override
    public int size() {
        return images.size();
    }

    @Override
    public List<String> classNames() {
        return vocabulary.classNames();
    }

    @Override
    public int channels() {
        return 3;
    }

    @Override
    public int height() {
        return imageSize;
    }

    @Override
    public int width() {
        return imageSize;
    }

    @Override
    public float[] pixels(int index) {
        return PixelBuffers.toFloats(images.get(index).pixels());
    }

    /** The label, or −1 for an ood image. */
    @Override
    public int label(int index) {
        return images.get(index).label();
    }

    @Override
    public String source(int index) {
        return sources[index];
    }

    /** The image as an 8-bit RGB picture. */
    public BufferedImage image(int index) {
        return PixelBuffers.toRgbImage(images.get(index).pixels(), imageSize, imageSize);
    }

    /** The drawn parts, in placement order: element k−1 is instance k of the mask. */
    public List<PartInstance> instances(int index) {
        return images.get(index).instances();
    }

    /** Part-instance mask [H][W]: 0 = background, k = the k-th placed part. */
    public int[][] instanceMask(int index) {
        byte[] mask = images.get(index).mask();
        int[][] out = new int[imageSize][imageSize];
        for (int y = 0; y < imageSize; y++) {
            for (int x = 0; x < imageSize; x++) {
                out[y][x] = mask[y * imageSize + x] & 0xFF;
            }
        }
        return out;
    }

    /** Evidence mask [H][W]: union of the pixels of the label's discriminative parts (empty on ood). */
    public boolean[][] evidenceMask(int index) {
        List<PartInstance> parts = instances(index);
        return maskOf(index, k -> parts.get(k - 1).discriminative());
    }

    /** Distractor mask [H][W]: union of the pixels of the distractor parts. */
    public boolean[][] distractorMask(int index) {
        List<PartInstance> parts = instances(index);
        return maskOf(index,
                k -> vocabulary.partType(parts.get(k - 1).partTypeId()).role() == PartType.Role.DISTRACTOR);
    }

    /** Internal view for the folder writer: planar bytes and the byte mask, not copied. */
    PartShapesGenerator.Rendered rendered(int index) {
        return images.get(index);
    }

    private boolean[][] maskOf(int index, IntPredicate instanceSelected) {
        byte[] mask = images.get(index).mask();
        int n = instances(index).size();
        boolean[] selected = new boolean[n + 1];
        for (int k = 1; k <= n; k++) {
            selected[k] = instanceSelected.test(k);
        }
        boolean[][] out = new boolean[imageSize][imageSize];
        for (int y = 0; y < imageSize; y++) {
            for (int x = 0; x < imageSize; x++) {
                out[y][x] = selected[mask[y * imageSize + x] & 0xFF];
            }
        }
        return out;
    }
}

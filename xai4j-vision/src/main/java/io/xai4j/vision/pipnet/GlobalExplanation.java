package io.xai4j.vision.pipnet;

import io.xai4j.core.render.Images;
import io.xai4j.vision.data.ImageDataset;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * PIP-Net's global explanation (docs/methods/pipnet.md#global-explanation; official {@code util/vis_pipnet.py}): for every relevant
 * prototype, the k projection images (training images, test transform) where it is most present, each
 * image at most once, with the patch at its argmax cell.
 *
 * @param prototypes one row per relevant prototype, ascending id
 * @param k patches per prototype
 * @param geometry the patch mapping used
 */
public record GlobalExplanation(List<PrototypeRow> prototypes, int k, PatchGeometry geometry) {

    /**
     * One top patch.
     *
     * @param image projection image index
     * @param presence clamped presence p̂_d of the prototype in that image
     * @param cellY argmax cell row
     * @param cellX argmax cell column
     * @param box patch in model-input pixels
     */
    public record Patch(int image, float presence, int cellY, int cellX, PatchGeometry.Box box) {}

    /** The top patches of one prototype. */
    public record PrototypeRow(int prototype, List<Patch> patches) {}

    /** Builds the explanation from the projection-set presences (read-only). */
    public static GlobalExplanation of(PipNet model, PresenceTable projection, int k, PatchGeometry geometry) {
        List<PrototypeRow> rows = new ArrayList<>();
        for (int d : model.relevantPrototypes()) {
            List<Patch> patches = new ArrayList<>();
            for (int n : projection.topK(d, k)) {
                float p = projection.presence()[n][d];
                int cy = projection.cellY(n, d), cx = projection.cellX(n, d);
                patches.add(new Patch(n, p < PipNet.PRESENCE_THRESHOLD ? 0f : p, cy, cx, geometry.box(cy, cx)));
            }
            rows.add(new PrototypeRow(d, List.copyOf(patches)));
        }
        return new GlobalExplanation(List.copyOf(rows), k, geometry);
    }

    /** The row of one prototype, or null if it is not relevant. */
    public PrototypeRow row(int prototype) {
        for (PrototypeRow r : prototypes) {
            if (r.prototype() == prototype) {
                return r;
            }
        }
        return null;
    }

    /** One prototype's patches side by side (tile px each, 1 px padding), without the id tile. */
    public BufferedImage rowImage(PrototypeRow row, ImageDataset projection, int tile) {
        BufferedImage out = new BufferedImage(k * (tile + 1) + 1, tile + 2, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        for (int i = 0; i < row.patches().size(); i++) {
            g.drawImage(patchImage(projection, row.patches().get(i), tile), 1 + i * (tile + 1), 1, null);
        }
        g.dispose();
        return out;
    }

    /** The whole grid (docs/methods/pipnet.md#global-explanation): one row per prototype, an id tile then the k patches. */
    public BufferedImage grid(ImageDataset projection, int tile) {
        int rows = Math.max(1, prototypes.size());
        BufferedImage out = new BufferedImage((k + 1) * (tile + 1) + 1, rows * (tile + 1) + 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(8, tile / 3)));
        for (int r = 0; r < prototypes.size(); r++) {
            PrototypeRow row = prototypes.get(r);
            int y = 1 + r * (tile + 1);
            g.setColor(Color.BLACK);
            g.drawString("p" + row.prototype(), 2, y + tile / 2 + tile / 6);
            for (int i = 0; i < row.patches().size(); i++) {
                g.drawImage(patchImage(projection, row.patches().get(i), tile), 1 + (i + 1) * (tile + 1), y, null);
            }
        }
        g.dispose();
        return out;
    }

    /** A patch cut from the model-input-sized image and resized to tile×tile (nearest neighbour). */
    BufferedImage patchImage(ImageDataset projection, Patch p, int tile) {
        int s = geometry.imageSize();
        BufferedImage img = Images.fromPlanarRgb(PipNetInputs.pixels(projection, p.image(), s), s, s);
        return crop(img, p.box(), tile);
    }

    static BufferedImage crop(BufferedImage img, PatchGeometry.Box b, int tile) {
        BufferedImage out = new BufferedImage(tile, tile, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.drawImage(img, 0, 0, tile, tile, b.left(), b.top(), b.right(), b.bottom(), null);
        g.dispose();
        return out;
    }
}

package io.xai4j.vision.data;

/**
 * One drawn part of a PartShapes image (docs/methods/partshapes.md#one-image). Geometry is in pixels, with
 * pixel (x, y) covering [x, x+1) × [y, y+1); the mask-derived fields describe exactly the pixels whose
 * instance-mask value is {@link #id}.
 *
 * @param id the instance number k in the part-instance mask (1 = first placed part)
 * @param partTypeId the part type (see {@link PartType#idOf})
 * @param shape the part type's shape
 * @param hue the part type's hue
 * @param rgb the drawn colour after lightness jitter, 0xRRGGBB
 * @param discriminative whether the part type belongs to the image label's class definition
 * @param centreX x of the part centre
 * @param centreY y of the part centre
 * @param diameter diameter of the part's bounding circle (about S/6 times a scale in 0.8..1.2)
 * @param rotation rotation of the shape's local frame, radians in [0, 2π)
 * @param box bounding box of the instance's mask pixels
 * @param pixelCount number of mask pixels
 * @param centroidX mean column index of the mask pixels (the part's keypoint)
 * @param centroidY mean row index of the mask pixels
 */
public record PartInstance(
        int id,
        int partTypeId,
        PartType.Shape shape,
        PartType.Hue hue,
        int rgb,
        boolean discriminative,
        double centreX,
        double centreY,
        double diameter,
        double rotation,
        Box box,
        int pixelCount,
        double centroidX,
        double centroidY) {

    /**
     * Axis-aligned box of mask pixels: columns x..x+width-1, rows y..y+height-1. An instance without
     * mask pixels (not produced by valid configurations) has width = height = 0 at its centre.
     */
    public record Box(int x, int y, int width, int height) {}
}

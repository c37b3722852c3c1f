package io.xai4j.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** Overlays and colour maps against hand-computed pixels. */
class OverlayTest {

    @Test
    void overlayPixelIsTheAlphaBlendOfImageAndColourMapRoundedPerChannel() {
        BufferedImage base = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        base.setRGB(1, 0, 0x102030);
        base.setRGB(2, 1, 0xC86432);
        float[][] map = {{0f, 0.5f, 1f}, {0f, 0f, 1f}};
        BufferedImage out = Images.overlay(base, map, 0, 0, 0.3, ColorMaps.named("viridis"));
        // viridis(0.5) lies halfway between the stops 0x26828E (4/9) and 0x1F9E89 (5/9): (34.5, 144, 139.5) → 0x23908C (half up)
        assertEquals(0x23908C, ColorMaps.named("viridis").applyAsInt(0.5));
        // 0.7 · (16, 32, 48) + 0.3 · (35, 144, 140) = (21.7, 65.6, 75.6) → (22, 66, 76)
        assertEquals(22 << 16 | 66 << 8 | 76, out.getRGB(1, 0) & 0xFFFFFF);
        // 0.7 · (200, 100, 50) + 0.3 · viridis(1) = 0.3 · (253, 231, 37) → (215.9, 139.3, 46.1) → (216, 139, 46)
        assertEquals(216 << 16 | 139 << 8 | 46, out.getRGB(2, 1) & 0xFFFFFF);
        // black under viridis(0) = (68, 1, 84): 0.3 · that → (20.4, 0.3, 25.2) → (20, 0, 25)
        assertEquals(20 << 16 | 0 << 8 | 25, out.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0x102030, Images.overlay(base, map, 0, 0, 0, ColorMaps.named("jet")).getRGB(1, 0) & 0xFFFFFF, "alpha 0: the image");
        assertEquals(0xFDE725, Images.overlay(base, map, 0, 0, 1, ColorMaps.named("viridis")).getRGB(2, 0) & 0xFFFFFF, "alpha 1: the map");
    }

    @Test
    void aMapSmallerThanTheImageTintsOnlyItsRegion() {
        BufferedImage base = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
        base.setRGB(0, 0, 0x808080);
        BufferedImage out = Images.overlay(base, new float[][] {{1f, 1f}}, 1, 2, 1, ColorMaps::grey);
        assertEquals(0x808080, out.getRGB(0, 0) & 0xFFFFFF, "outside the region: untouched");
        assertEquals(0xFFFFFF, out.getRGB(1, 2) & 0xFFFFFF);
        assertEquals(0xFFFFFF, out.getRGB(2, 2) & 0xFFFFFF);
        assertEquals(0, out.getRGB(3, 2) & 0xFFFFFF);
        assertThrows(IllegalArgumentException.class, () -> Images.overlay(base, new float[][] {{1f, 1f}}, 3, 2, 1, ColorMaps::grey));
    }

    @Test
    void namedColourMapsHitTheirPublishedEndsAndAnUnknownNameListsTheKnownOnes() {
        assertEquals(0x440154, ColorMaps.named("viridis").applyAsInt(0));
        assertEquals(0xFDE725, ColorMaps.named("viridis").applyAsInt(1));
        assertEquals(0x000004, ColorMaps.named("inferno").applyAsInt(0));
        assertEquals(0xFCFFA4, ColorMaps.named("inferno").applyAsInt(1));
        assertEquals(0xFCFDBF, ColorMaps.named("magma").applyAsInt(1));
        assertEquals(0x30123B, ColorMaps.named("turbo").applyAsInt(0));
        assertEquals(0x0D0887, ColorMaps.named("plasma").applyAsInt(0));
        assertEquals(0x800000, ColorMaps.named("jet").applyAsInt(1), "jet ends in dark red (0.5, 0, 0)");
        assertEquals(0x808080, ColorMaps.named("grey").applyAsInt(128 / 255.0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ColorMaps.named("hsv"));
        assertEquals("unknown colour map 'hsv'; expected one of jet, viridis, plasma, inferno, magma, turbo, gray", e.getMessage());
    }
}

package io.xai4j.vision.pipnet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.xai4j.vision.data.PartInstance;
import io.xai4j.vision.data.PartType;
import io.xai4j.vision.data.PartType.Hue;
import io.xai4j.vision.data.PartType.Role;
import io.xai4j.vision.data.PartType.Shape;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/methods/pipnet.md#near-ood-diagnostic: the hue / shape / part-type diagnostic of the prototypes that accept near-OOD images. */
class OodDiagnosticTest {

    private static PartInstance part(Shape shape, Hue hue) {
        return new PartInstance(1, PartType.idOf(shape, hue), shape, hue, 0, false, 10, 10, 11, 0, new PartInstance.Box(5, 5, 11, 11), 90, 10, 10);
    }

    private static PartType type(Shape shape, Hue hue) {
        return new PartType(PartType.idOf(shape, hue), shape, hue, Role.DISCRIMINATIVE);
    }

    @Test
    void countsHueShapeAndPartTypeOfTheCarrierInAHandBuiltCase() {
        // prototype 3 = yellow diamond, prototype 5 = blue square, prototype 7 = no part type
        Map<Integer, PartType> types = new HashMap<>();
        types.put(3, type(Shape.DIAMOND, Hue.YELLOW));
        types.put(5, type(Shape.SQUARE, Hue.BLUE));
        types.put(7, null);
        List<List<PartInstance>> parts = List.of(
                List.of(part(Shape.SQUARE, Hue.YELLOW), part(Shape.CIRCLE, Hue.RED)),      // image 0, carrier 3: hue only
                List.of(part(Shape.DIAMOND, Hue.YELLOW)),                                  // image 1, carrier 3: hue, shape, type
                List.of(part(Shape.SQUARE, Hue.GREEN), part(Shape.RING, Hue.BLUE)),        // image 2, carrier 5: hue and shape, not the type
                List.of(part(Shape.SQUARE, Hue.BLUE)),                                     // image 3: not accepted
                List.of(part(Shape.CROSS, Hue.CYAN)),                                      // image 4, carrier 7: no part type
                List.of(part(Shape.CROSS, Hue.CYAN)),                                      // image 5, carrier 5: nothing
                List.of(part(Shape.CROSS, Hue.CYAN)));                                     // image 6: accepted without a carrier
        OodDiagnostic d = OodDiagnostic.tally(new boolean[] {true, true, true, false, true, true, true}, new int[] {3, 3, 5, -1, 7, 5, -1}, parts,
                types);
        assertEquals(6, d.accepted());
        assertEquals(3, d.hueInImage());
        assertEquals(2, d.shapeInImage());
        assertEquals(1, d.partTypeInImage());
        assertEquals(2, d.carrierWithoutPartType());
        assertEquals(List.of(new OodDiagnostic.Row(3, "yellow_diamond", 2, 2, 1, 1), new OodDiagnostic.Row(5, "blue_square", 2, 1, 1, 0),
                new OodDiagnostic.Row(7, null, 1, 0, 0, 0)), d.prototypes());
    }

    @Test
    void theCarrierIsTheLargestContributionToTheTopClass() {
        float[][] w = {{1f, 0f, 2f}, {0.5f, 3f, -4f}};
        // class 1 wins; contributions to it: 0.9·0.5 = 0.45, 0.2·3 = 0.6, 0.99·relu(−4) = 0
        assertEquals(1, OodDiagnostic.carrier(new float[] {1f, 2f}, new float[] {0.9f, 0.2f, 0.99f}, w));
        // class 0 wins: 0.9·1 = 0.9 against 0.5·2 = 1.0
        assertEquals(2, OodDiagnostic.carrier(new float[] {3f, 2f}, new float[] {0.9f, 0.2f, 0.5f}, w));
        assertEquals(-1, OodDiagnostic.carrier(new float[] {0f, 0f}, new float[] {0f, 0f, 0f}, w));
    }
}

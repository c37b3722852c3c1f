package io.xai4j.core.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry's lookup, order and capability checks, and target resolution, on hand-made providers. */
class MethodRegistryTest {

    private record Provider(MethodInfo info) implements MethodProvider<String, String> {
        @Override
        public String create(String model, MethodOptions options) {
            return info.name() + "@" + model;
        }
    }

    private static Provider provider(String name, int rank, Requirement... needs) {
        return new Provider(MethodInfo.builder(name).setTitle(name.toUpperCase()).setReference("paper").setFamily(MethodInfo.Family.LAYER_CAM)
                .setRank(rank).optCapabilities(Capabilities.of(needs)).optAliases(name + "-alias").build());
    }

    private final MethodRegistry<Provider> registry = MethodRegistry.of("test", List.of(
            provider("zeta", 1, Requirement.GRADIENTS), provider("alpha", 2, Requirement.LAYER_GRAPH), provider("beta", 2)));

    @Test
    void methodsSortByRankThenName() {
        assertEquals(List.of("zeta", "alpha", "beta"), registry.names());
    }

    @Test
    void lookupIgnoresCaseDashesAndAliases() {
        assertEquals("alpha", registry.get("ALPHA").info().name());
        assertEquals("alpha", registry.get("Alpha_Alias").info().name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registry.get("gamma"));
        assertEquals("unknown test method 'gamma'; methods are zeta, alpha, beta", e.getMessage());
    }

    @Test
    void supportFollowsCapabilities() {
        EnumSet<Requirement> offered = EnumSet.of(Requirement.GRADIENTS, Requirement.FEATURE_LAYER);
        assertEquals(List.of("zeta", "beta"), registry.supported(registry.names(), offered));
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> registry.requireSupported(List.of("beta", "alpha"), offered, "model.pt"));
        assertTrue(e.getMessage().startsWith("alpha needs the typed layer graph"), e.getMessage());
        assertTrue(e.getMessage().endsWith("which model.pt does not have; methods that support it: zeta, beta"), e.getMessage());
    }

    @Test
    void aMethodNeedingAFileLeavesTheDefaultSetAndIsBuiltOnlyWithIt() {
        Provider learned = new Provider(MethodInfo.builder("learned").setTitle("Learned").setReference("paper").setFamily(MethodInfo.Family.LEARNED)
                .setRank(3).optSettings(MethodOptions.Setting.EXPLAINER_FILE).optRequiredSettings(MethodOptions.Setting.EXPLAINER_FILE).build());
        MethodRegistry<Provider> r = MethodRegistry.of("test", List.of(provider("zeta", 1), learned));
        assertEquals(List.of("zeta", "learned"), r.names());
        assertEquals(List.of("zeta"), r.defaultNames());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.requireSettings("learned", MethodOptions.defaults()));
        assertEquals("learned (Learned) needs --explainer, which was not given", e.getMessage());
        r.requireSettings("learned", MethodOptions.defaults().withExplainerFile("e.xai4j"));
        r.requireSettings("zeta", MethodOptions.defaults());
        assertThrows(IllegalArgumentException.class, () -> MethodInfo.builder("x").setTitle("X").setReference("p").setFamily(MethodInfo.Family.LEARNED)
                .setRank(1).optRequiredSettings(MethodOptions.Setting.EXPLAINER_FILE).build(), "a required setting the method does not read");
    }

    @Test
    void duplicateNamesAreRefused() {
        assertThrows(IllegalStateException.class, () -> MethodRegistry.of("test", List.of(provider("a", 1), provider("a", 2))));
    }

    @Test
    void targetsResolveTopOneExplicitAndEveryClass() {
        float[][] scores = {{0.1f, 2f, -1f}, {3f, 0f, 1f}};
        assertArrayEquals(new int[] {1, 0}, Targets.top1().resolve(scores));
        assertArrayEquals(new int[] {2, 2}, Targets.of(2, 2).resolve(scores));
        assertArrayEquals(new int[] {1, 0}, Targets.of((int[]) null).resolve(scores));
        assertThrows(IllegalArgumentException.class, () -> Targets.of(3, 0).resolve(scores));
        assertThrows(IllegalArgumentException.class, () -> Targets.of(1).resolve(scores));
        assertArrayEquals(new int[] {0, 0, 1, 1, 2, 2}, Targets.expand(2, 3));
        assertArrayEquals(new float[] {2f, 1f}, Targets.scoresOf(scores, new int[] {1, 2}));
    }
}

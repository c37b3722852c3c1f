package io.xai4j.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MallocSettingsTest {

    @Test
    void namesEachRecommendedVariableTheEnvironmentLacks() {
        assertEquals(List.of("MALLOC_ARENA_MAX=1", "MALLOC_MMAP_THRESHOLD_=1073741824", "MALLOC_TRIM_THRESHOLD_=4294967296"),
                MallocSettings.missing(Map.of(), "Linux"));
        assertEquals(List.of("MALLOC_MMAP_THRESHOLD_=1073741824"),
                MallocSettings.missing(Map.of("MALLOC_ARENA_MAX", "4", "MALLOC_TRIM_THRESHOLD_", "0"), "Linux"),
                "a value the user chose is respected, whatever it is");
        assertEquals(List.of(), MallocSettings.missing(Map.of(), "Mac OS X"), "glibc's variables mean nothing off Linux");
    }

    @Test
    void theLauncherExportsTheRecommendedValues() throws Exception {
        java.nio.file.Path launcher = java.nio.file.Path.of("..", "xai4j");
        String text = java.nio.file.Files.readString(launcher);
        for (var e : MallocSettings.RECOMMENDED.entrySet()) {
            String line = "export " + e.getKey() + "=\"${" + e.getKey() + ":-" + e.getValue() + "}\"";
            org.junit.jupiter.api.Assertions.assertTrue(text.contains(line), "the launcher should hold: " + line);
        }
    }
}

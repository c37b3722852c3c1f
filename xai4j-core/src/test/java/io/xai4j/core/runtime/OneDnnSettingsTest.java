package io.xai4j.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OneDnnSettingsTest {

    @Test
    void asksForTheLimitOnlyOnLinuxX86WithoutCachesAndWithoutAChoice() {
        assertEquals(Optional.of("ONEDNN_MAX_CPU_ISA=SSE41"), OneDnnSettings.missing(Map.of(), "Linux", "amd64", false));
        assertEquals(Optional.empty(), OneDnnSettings.missing(Map.of(), "Linux", "amd64", true), "caches listed: the kernels size right");
        assertEquals(Optional.empty(), OneDnnSettings.missing(Map.of("ONEDNN_MAX_CPU_ISA", "AVX2"), "Linux", "amd64", false),
                "a value the user chose is respected, whatever it is");
        assertEquals(Optional.empty(), OneDnnSettings.missing(Map.of(), "Mac OS X", "x86_64", false), "no sysfs off Linux");
        assertEquals(Optional.empty(), OneDnnSettings.missing(Map.of(), "Linux", "aarch64", false), "x86 limits mean nothing on ARM");
    }

    /** The launcher and the Maven build test the same folder and set the same value as the Java side. */
    @Test
    void theLauncherAndTheBuildSetTheSameLimitOnTheSameCondition() throws Exception {
        String launcher = Files.readString(Path.of("..", "xai4j"));
        assertTrue(launcher.contains("[ ! -d " + OneDnnSettings.CPU0_CACHES + " ]"), "the launcher should test " + OneDnnSettings.CPU0_CACHES);
        assertTrue(launcher.contains("export " + OneDnnSettings.VARIABLE + "=" + OneDnnSettings.SAFE_ISA), "the launcher should export the limit");
        String pom = Files.readString(Path.of("..", "pom.xml"));
        assertTrue(pom.contains("<missing>" + OneDnnSettings.CPU0_CACHES + "</missing>"), "the build's profile should test " + OneDnnSettings.CPU0_CACHES);
        assertTrue(pom.contains("<" + OneDnnSettings.VARIABLE + ">" + OneDnnSettings.SAFE_ISA + "</" + OneDnnSettings.VARIABLE + ">"),
                "the build's profile should set the limit for the tests");
    }
}

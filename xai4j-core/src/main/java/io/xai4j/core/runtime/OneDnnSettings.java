package io.xai4j.core.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The oneDNN instruction-set limit under which PyTorch's convolutions are right on x86-64 machines that report no cache
 * sizes, and a one-time warning when a process runs on such a machine without it.
 *
 * <p>PyTorch runs its CPU convolutions, forward and backward, with oneDNN's JIT kernels. Those kernels size their blocks
 * by the per-core cache sizes that CPUID reports. Some virtual machines report none: the 2-core Firecracker VM on an AMD
 * EPYC of family 26 that this project's tests ran on (2026-12-08) sets the topology-extension flag but leaves CPUID leaf
 * 0x8000001D empty, and Linux lists no caches under {@code /sys/devices/system/cpu/cpu0/cache}. There the AVX, AVX2 and
 * AVX-512 kernels of libtorch 2.7.1 gave wrong values: input gradients that changed from call to call, NaN at times, and
 * batch results unequal to single ones. With {@code ONEDNN_MAX_CPU_ISA=SSE41} the whole test suite passed, three runs in
 * a row; a demo-CNN training ran 1.8× slower (README, "Known problem").
 *
 * <p>oneDNN reads the variable once, at its first primitive, so the JVM cannot set it for itself: the {@code xai4j}
 * launcher exports it on such machines, the Maven build sets it for the tests there, and a library user sets it in the
 * environment that starts the JVM.
 */
public final class OneDnnSettings {

    /** The variable oneDNN reads. */
    public static final String VARIABLE = "ONEDNN_MAX_CPU_ISA";
    /** The limit that gave right results on a machine without cache sizes. */
    public static final String SAFE_ISA = "SSE41";
    /** Where Linux lists the first CPU's caches (one folder per cache, from the same CPUID leaves oneDNN reads). */
    public static final Path CPU0_CACHES = Path.of("/sys/devices/system/cpu/cpu0/cache");

    private static final Logger LOG = LoggerFactory.getLogger(OneDnnSettings.class);
    private static final AtomicBoolean CHECKED = new AtomicBoolean();

    private OneDnnSettings() {}

    /**
     * {@code ONEDNN_MAX_CPU_ISA=SSE41} when the process should have it and lacks it: on Linux x86-64, when the kernel lists
     * no caches and the environment does not set the variable (any value set counts as a choice and is respected).
     */
    public static Optional<String> missing(Map<String, String> environment, String osName, String osArch, boolean cachesListed) {
        boolean linuxX86 = osName.toLowerCase(Locale.ROOT).contains("linux")
                && (osArch.equals("amd64") || osArch.equals("x86_64"));
        if (!linuxX86 || cachesListed || environment.get(VARIABLE) != null) {
            return Optional.empty();
        }
        return Optional.of(VARIABLE + "=" + SAFE_ISA);
    }

    /**
     * Logs once per process, at WARN, when this process runs without the limit on a machine that needs it; only the first
     * call looks (it is on the gradient gate's path).
     */
    public static void warnOnce() {
        if (CHECKED.get() || !CHECKED.compareAndSet(false, true)) {
            return;
        }
        Optional<String> missing = missing(System.getenv(), System.getProperty("os.name", ""), System.getProperty("os.arch", ""),
                Files.isDirectory(CPU0_CACHES));
        missing.ifPresent(m -> LOG.warn("this machine reports no CPU cache sizes ({} is missing): PyTorch's convolutions may give wrong"
                + " values and gradients here; start the JVM with {} in its environment (the xai4j launcher does; README, \"Known"
                + " problem\")", CPU0_CACHES, m));
    }
}

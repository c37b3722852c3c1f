package io.xai4j.core.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * glibc's malloc settings under which PyTorch's forward passes run at full speed, and a one-time hint when the process
 * was started without them.
 *
 * <p>PyTorch allocates every activation with {@code malloc}. With glibc's defaults a block above the mmap threshold (at
 * most 32 MB) is a fresh {@code mmap}, faulted in page by page and unmapped again on {@code free}, and a thread that glibc
 * put on an arena other than the main one cannot take a block above 64 MB from it at all. A ResNet-18 at batch 32 and
 * 224 px spends a third of its CPU in page faults that way. {@code MALLOC_ARENA_MAX=1} with both thresholds raised keeps
 * the activations in the main heap and reuses them (docs/images.md, "Forward speed": 1.24× for that ResNet-18, 1.9× for
 * the demo CNN's forward at batch 32). glibc reads these variables once, when the process starts, so the JVM cannot set
 * them for itself: the {@code xai4j} launcher exports them, and a library user sets them in the environment that starts
 * the JVM (a shell, a container's {@code ENV}, a systemd unit, {@code spark.executorEnv.*}).
 */
public final class MallocSettings {

    /** The variables and the values the launcher exports. */
    public static final Map<String, String> RECOMMENDED = recommended();

    private static final Logger LOG = LoggerFactory.getLogger(MallocSettings.class);
    private static final AtomicBoolean HINTED = new AtomicBoolean();

    private MallocSettings() {}

    private static Map<String, String> recommended() {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("MALLOC_ARENA_MAX", "1");
        m.put("MALLOC_MMAP_THRESHOLD_", "1073741824");
        m.put("MALLOC_TRIM_THRESHOLD_", "4294967296");
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * The recommended variables that {@code environment} lacks (any value set counts as a choice and is respected); empty
     * off Linux, where glibc's variables mean nothing.
     */
    public static List<String> missing(Map<String, String> environment, String osName) {
        List<String> out = new ArrayList<>();
        if (!osName.toLowerCase(Locale.ROOT).contains("linux")) {
            return out;
        }
        for (var e : RECOMMENDED.entrySet()) {
            if (environment.get(e.getKey()) == null) {
                out.add(e.getKey() + "=" + e.getValue());
            }
        }
        return out;
    }

    /** Logs once per process, at INFO, which recommended variables this process was started without. */
    public static void hintOnce() {
        if (HINTED.get()) {
            return;
        }
        List<String> missing = missing(System.getenv(), System.getProperty("os.name", ""));
        if (!missing.isEmpty() && HINTED.compareAndSet(false, true)) {
            LOG.info("forward passes of large batches may run up to 2x slower without glibc's malloc settings; start the JVM with {}"
                    + " in its environment (the xai4j launcher does; docs/images.md, \"Forward speed\")", String.join(" ", missing));
        }
    }
}

package io.xai4j.core.runtime;

import ai.djl.engine.Engine;
import com.sun.jna.NativeLibrary;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether PyTorch's own warnings reach the process's standard error. The native library logs through c10
 * ({@code LOG(WARNING)}, {@code TORCH_WARN}) straight to file descriptor 2, past SLF4J: on CPUs that NNPACK does not
 * support, "Could not initialize NNPACK! Reason: Unsupported hardware." is printed for every small-batch convolution.
 * c10 drops messages below {@code FLAGS_caffe2_log_level} (default 1, WARNING). PyTorch documents the environment
 * variable {@code TORCH_CPP_LOG_LEVEL} for it, but only {@code c10::initLogging()} reads it, which Python calls and
 * libtorch under DJL does not: setting it has no effect here (checked with a TorchScript export that warns, see
 * {@code NativeWarningsTest}). So the flag, an exported global of {@code libc10}, is set directly through JNA (which
 * DJL itself depends on).
 */
public final class NativeWarnings {

    private static final Logger LOG = LoggerFactory.getLogger(NativeWarnings.class);
    private static final String FLAG = "FLAGS_caffe2_log_level";
    private static final int WARNING = 1;
    private static final int ERROR = 2;

    private NativeWarnings() {}

    /**
     * Shows ({@code true}) or hides PyTorch's native warnings from now on; errors always show. Loads the PyTorch engine.
     *
     * @return whether the level could be set (false where libc10 or its flag is not found, e.g. another engine build)
     */
    public static boolean show(boolean show) {
        try {
            Engine.getEngine("PyTorch");
            Path c10 = Path.of(ai.djl.pytorch.jni.LibUtils.getLibtorchPath()).resolve(System.mapLibraryName("c10"));
            NativeLibrary.getInstance(c10.toString()).getGlobalVariableAddress(FLAG).setInt(0, show ? WARNING : ERROR);
            return true;
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            LOG.debug("cannot set PyTorch's native log level: {}", e.toString());
            return false;
        }
    }

    /** The native log level now: 0 info, 1 warning, 2 error, 3 fatal; −1 where it cannot be read. */
    public static int level() {
        try {
            Engine.getEngine("PyTorch");
            Path c10 = Path.of(ai.djl.pytorch.jni.LibUtils.getLibtorchPath()).resolve(System.mapLibraryName("c10"));
            return NativeLibrary.getInstance(c10.toString()).getGlobalVariableAddress(FLAG).getInt(0);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            return -1;
        }
    }
}

package io.xai4j.core.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's memory, for memory-flatness checks and benchmarks. */
public final class ProcessMemory {

    private ProcessMemory() {}

    /**
     * The resident set size in kB ({@code VmRSS} of {@code /proc/self/status}): Java heap, native tensors and
     * everything else the process has in RAM.
     *
     * @throws UnsupportedOperationException where there is no {@code /proc} (not Linux)
     */
    public static long residentKb() {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            throw new UnsupportedOperationException("no /proc/self/status: resident memory is read on Linux only");
        }
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + status, e);
        }
        throw new IllegalStateException("no VmRSS line in " + status);
    }

    /** Java heap in use after a full collection, in kB. */
    public static long heapUsedAfterGcKb() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) / 1024;
    }
}

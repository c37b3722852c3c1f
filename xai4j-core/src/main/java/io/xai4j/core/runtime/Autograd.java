package io.xai4j.core.runtime;

import ai.djl.engine.Engine;
import ai.djl.training.GradientCollector;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one place where xai4j opens a PyTorch {@link GradientCollector}.
 *
 * <p>DJL's PyTorch engine allows a single open collector per JVM; two threads computing gradients at
 * once corrupt each other's tape. Every gradient computation in xai4j (training steps, gradient
 * explainers, autograd surrogates inside Excitation Backprop) runs through {@link #run}, which
 * serialises them on one global lock. The lock is re-entrant so a gradient method may call another
 * one on the same thread; in that case the already open collector is reused.
 */
public final class Autograd {

    private static final ReentrantLock LOCK = new ReentrantLock();
    private static final ThreadLocal<GradientCollector> OPEN = new ThreadLocal<>();

    private Autograd() {}

    /** A computation that needs the open gradient collector. */
    @FunctionalInterface
    public interface GradientTask<T> {
        T apply(GradientCollector collector) throws Exception;
    }

    /**
     * Runs {@code task} with an open gradient collector, holding the JVM-wide gradient lock.
     *
     * @throws IllegalStateException wrapping any checked exception thrown by the task
     */
    public static <T> T run(GradientTask<T> task) {
        OneDnnSettings.warnOnce();
        LOCK.lock();
        try {
            GradientCollector open = OPEN.get();
            if (open != null) {
                return task.apply(open);
            }
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                OPEN.set(collector);
                try {
                    return task.apply(collector);
                } finally {
                    OPEN.remove();
                }
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("gradient computation failed: " + e.getMessage(), e);
        } finally {
            LOCK.unlock();
        }
    }
}

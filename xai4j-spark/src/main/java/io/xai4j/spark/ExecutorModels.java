package io.xai4j.spark;

import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.spark.TaskContext;
import org.apache.spark.util.TaskCompletionListener;

/**
 * The loaded models of one executor JVM: a task borrows one for its partition and gives it back when the task ends,
 * so an executor loads a model (and builds its explainers) once per concurrently running task, not once per partition
 * or row, and no two tasks share one (a model's native tensors and explainers are used by one thread at a time).
 */
final class ExecutorModels {

    private static final ConcurrentHashMap<String, Queue<Object>> IDLE = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, AtomicInteger> LOADS = new ConcurrentHashMap<>();

    private ExecutorModels() {}

    /**
     * An idle model of {@code key} or a new one from {@code load}; given back when the current Spark task completes (or
     * at once by the caller outside a task).
     */
    @SuppressWarnings("unchecked")
    static <T> T borrow(String key, Supplier<T> load) {
        Queue<Object> idle = IDLE.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>());
        Object m = idle.poll();
        T model;
        if (m != null) {
            model = (T) m;
        } else {
            model = load.get();
            LOADS.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        }
        TaskContext task = TaskContext.get();
        if (task != null) {
            task.addTaskCompletionListener((TaskCompletionListener) ctx -> idle.offer(model));
        }
        return model;
    }

    /** How many models this JVM has loaded under keys starting with {@code prefix} (a model file's digest). */
    static int loads(String prefix) {
        return LOADS.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToInt(e -> e.getValue().get()).sum();
    }
}

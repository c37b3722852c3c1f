package io.xai4j.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Times several calls (a forward pass and the explainers) in alternating slices of one time budget, so that every call
 * sees the same machine conditions: each of {@value #ROUNDS} rounds gives every call its share of the time left, in turn
 * (in the first round after {@value #WARM_UP} untimed warm-up calls), and a call's figure is the median of its rounds. The forward
 * pass is measured once for all of them, so its figure is the one that every ratio uses.
 *
 * <p>The budget bounds the run: no call starts when, by its previous duration, it would end after the budget; a
 * call whose first (warm-up) call already leaves no time for a timed one is reported unmeasured. A run therefore ends
 * within the budget plus at most one first call per entry, whose length nothing can know in advance.
 */
final class InterleavedTimer {

    static final int ROUNDS = 5;
    /** PyTorch's profiling graph executor optimises a TorchScript graph on its second run. */
    static final int WARM_UP = 2;

    /**
     * @param secondsPerCall median over the rounds of the seconds per call, NaN when no call was timed
     * @param timedCalls calls timed (warm-up not counted)
     * @param firstCallSeconds the first warm-up call's duration, NaN when it never ran
     */
    record Timing(double secondsPerCall, int timedCalls, double firstCallSeconds) {
        boolean measured() {
            return timedCalls > 0;
        }
    }

    private final LongSupplier nanoClock;

    /** @param nanoClock {@code System::nanoTime}, or a test's clock */
    InterleavedTimer(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Times {@code calls} (in this order within every round) within {@code budgetSeconds}. */
    List<Timing> time(List<Runnable> calls, double budgetSeconds) {
        int n = calls.size();
        long deadline = nanoClock.getAsLong() + (long) (budgetSeconds * 1e9);
        long[] last = new long[n];
        double[] first = new double[n];
        Arrays.fill(first, Double.NaN);
        boolean[] warm = new boolean[n];
        List<List<Double>> samples = new ArrayList<>();
        int[] timed = new int[n];
        for (int i = 0; i < n; i++) {
            samples.add(new ArrayList<>());
        }
        for (int r = 0; r < ROUNDS; r++) {
            long roundEnd = nanoClock.getAsLong() + Math.max(0, deadline - nanoClock.getAsLong()) / (ROUNDS - r);
            for (int i = 0; i < n; i++) {
                long start = nanoClock.getAsLong();
                long sliceEnd = start + Math.max(0, roundEnd - start) / (n - i);
                if (r == 0) {
                    warm[i] = warmUp(calls.get(i), deadline, last, first, i);
                }
                long spent = 0;
                int k = 0;
                while (warm[i]) {
                    long now = nanoClock.getAsLong();
                    if (now + last[i] > deadline || (k > 0 && now >= sliceEnd)) {
                        break;
                    }
                    last[i] = timeOne(calls.get(i));
                    spent += last[i];
                    k++;
                }
                if (k > 0) {
                    samples.get(i).add(spent / 1e9 / k);
                    timed[i] += k;
                }
            }
        }
        List<Timing> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Timing(median(samples.get(i)), timed[i], first[i]));
        }
        return out;
    }

    /**
     * The warm-up calls of entry {@code i}, inside its first slice (so that a slow first call leaves the entries before it
     * measured); the first runs when any time is left, the next when it would end in time. Whether any ran.
     */
    private boolean warmUp(Runnable call, long deadline, long[] last, double[] first, int i) {
        boolean ran = false;
        for (int w = 0; w < WARM_UP; w++) {
            long now = nanoClock.getAsLong();
            if (w == 0 ? now >= deadline : now + last[i] > deadline) {
                break;
            }
            last[i] = timeOne(call);
            if (w == 0) {
                first[i] = last[i] / 1e9;
            }
            ran = true;
        }
        return ran;
    }

    private long timeOne(Runnable call) {
        long t0 = nanoClock.getAsLong();
        call.run();
        return nanoClock.getAsLong() - t0;
    }

    private static double median(List<Double> v) {
        if (v.isEmpty()) {
            return Double.NaN;
        }
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}

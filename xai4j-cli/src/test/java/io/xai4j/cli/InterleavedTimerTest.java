package io.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link InterleavedTimer} on a simulated clock: calls advance it by known durations, so every figure is known exactly. */
class InterleavedTimerTest {

    /** A clock that only the simulated calls advance. */
    private static final class FakeClock {
        long now;
        final List<String> log = new ArrayList<>();

        Runnable call(String name, long nanos) {
            return () -> {
                log.add(name);
                now += nanos;
            };
        }
    }

    @Test
    void secondsPerCallAreTheCallsOwnDurationsAndTheRunEndsWithinTheBudget() {
        FakeClock clock = new FakeClock();
        List<InterleavedTimer.Timing> t = new InterleavedTimer(() -> clock.now).time(
                List.of(clock.call("forward", 10_000_000L), clock.call("gradcam", 25_000_000L), clock.call("rise", 400_000_000L)), 3.0);
        assertEquals(0.010, t.get(0).secondsPerCall(), 1e-12);
        assertEquals(0.025, t.get(1).secondsPerCall(), 1e-12);
        assertEquals(0.400, t.get(2).secondsPerCall(), 1e-12);
        assertEquals(2.5, t.get(1).secondsPerCall() / t.get(0).secondsPerCall(), 1e-12, "cost in forward passes");
        assertTrue(clock.now <= 3_000_000_000L, "no call ends after the budget: " + clock.now);
        assertTrue(clock.now >= 2_500_000_000L, "the budget is used: " + clock.now);
    }

    @Test
    void roundsAlternateTheCallsSoThatEachSeesTheSameConditions() {
        FakeClock clock = new FakeClock();
        new InterleavedTimer(() -> clock.now).time(List.of(clock.call("f", 1_000_000L), clock.call("m", 1_000_000L)), 1.0);
        int switches = 0;
        for (int i = 1; i < clock.log.size(); i++) {
            switches += clock.log.get(i).equals(clock.log.get(i - 1)) ? 0 : 1;
        }
        // 5 rounds of f… m… (the first with each one's warm-up): 2·5 − 1 switches
        assertEquals(2 * InterleavedTimer.ROUNDS - 1, switches, "alternations");
    }

    @Test
    void aCallLongerThanTheBudgetLeftIsNotMeasuredAndDoesNotStretchTheRun() {
        FakeClock clock = new FakeClock();
        List<InterleavedTimer.Timing> t = new InterleavedTimer(() -> clock.now).time(
                List.of(clock.call("forward", 10_000_000L), clock.call("slow", 5_000_000_000L), clock.call("late", 1_000_000L)), 1.0);
        assertTrue(t.get(0).measured());
        assertFalse(t.get(1).measured());
        assertEquals(5.0, t.get(1).firstCallSeconds(), 1e-12, "its first call is what the report names");
        assertTrue(Double.isNaN(t.get(1).secondsPerCall()));
        assertEquals(1, clock.log.stream().filter("slow"::equals).count(), "one first call, no more");
        assertFalse(t.get(2).measured(), "after the slow first call no time was left");
        assertTrue(Double.isNaN(t.get(2).firstCallSeconds()), "and it never ran");
        assertTrue(clock.now <= 1_000_000_000L + 5_000_000_000L, "budget plus one first call: " + clock.now);
    }
}

package dev.webwxbot.core.internal.send;

import java.util.PriorityQueue;

/** A clock that moves only when a test advances it, running the timers that fall due on the way. Single-threaded. */
final class ManualScheduler implements SendScheduler {

    private record Timer(long at, long order, Runnable task) {
    }

    private final PriorityQueue<Timer> timers = new PriorityQueue<>(
            (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.order, b.order));
    private long now = 1_000_000_000L;
    private long order;

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public void schedule(Runnable task, long delayNanos) {
        timers.add(new Timer(now + Math.max(0, delayNanos), order++, task));
    }

    /** Moves the clock forward by {@code nanos}, running each timer at its own time. */
    void advance(long nanos) {
        long until = now + nanos;
        while (!timers.isEmpty() && timers.peek().at <= until) {
            Timer timer = timers.poll();
            now = Math.max(now, timer.at);
            timer.task.run();
        }
        now = until;
    }

    void advanceMillis(long millis) {
        advance(millis * 1_000_000L);
    }

    /** Runs timers until none is left or {@code maxNanos} passed; for draining a queue. */
    void runUntilIdle(long maxNanos) {
        long until = now + maxNanos;
        while (!timers.isEmpty() && timers.peek().at <= until) {
            Timer timer = timers.poll();
            now = Math.max(now, timer.at);
            timer.task.run();
        }
    }
}

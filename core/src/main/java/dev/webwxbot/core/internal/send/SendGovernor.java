package dev.webwxbot.core.internal.send;

import dev.webwxbot.core.SendLimits;
import dev.webwxbot.core.SendState;
import dev.webwxbot.core.SessionMonitor;
import dev.webwxbot.core.internal.protocol.ApiErrorException;
import dev.webwxbot.core.internal.protocol.RetCodes;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paces one session's outgoing calls by its {@link SendLimits}: one queue per chat inside one governor per
 * session, a session-wide and a per-chat token bucket, a random human-like gap between sends, and on
 * {@code Ret 1205} a pause of every send (exponential with jitter, capped), a lower rate that recovers after quiet
 * periods, and a bounded retry of the throttled call. A call that fails with a {@link RetryableSendFailure} (the
 * server certainly did not take it, or its fate stayed unknown past the echo window) is retried too, after a
 * back-off of its own chat only (same base, doubling, cap and jitter; no slow-down, as nothing said "too fast").
 * Both kinds share the budget of {@link SendLimits#maxRetries()} per call. A chat has at most one call in flight
 * and its next call starts only after the previous one finished (retries included), so sends to one chat keep
 * their order.
 *
 * <p>Waiting is a timer on the {@link SendScheduler}, never a sleeping thread. Calls are started on
 * {@code starter} (virtual threads in production) because a call may prepare its request, e.g. read a file, before
 * it goes asynchronous, and that must not happen on an event loop.
 *
 * <p>Thread-safe: one lock guards the state and is held only for bookkeeping, never across a call or a wait.
 * {@link #close()} fails what is still waiting.
 */
public final class SendGovernor implements OutgoingGate {

    private static final Logger log = LoggerFactory.getLogger(SendGovernor.class);
    private static final Executor VIRTUAL_THREADS = task -> Thread.ofVirtual().name("webwx-send").start(task);

    private final SendLimits limits;
    private final SendScheduler scheduler;
    private final Executor starter;
    private final Random random;
    private final ReentrantLock lock = new ReentrantLock();
    private final TokenBucket global;
    private final AdaptiveRate rate;
    private final Map<String, ChatLane> lanes = new HashMap<>();
    private final SentEchoes echoes;
    private final SessionMonitor monitor;
    private long nextSequence;
    private int waiting;
    private long gapEndsAt;
    private long pausedUntil;
    private int throttlesInARow;
    private long wakeAt = Long.MAX_VALUE;
    private boolean closed;

    public SendGovernor(SendLimits limits, SendScheduler scheduler, Executor starter, Random random) {
        this(limits, scheduler, starter, random, SessionMonitor.NONE);
    }

    /** @param monitor told of every {@code 1205} and "too frequent" notice; must return at once and not throw */
    public SendGovernor(SendLimits limits, SendScheduler scheduler, Executor starter, Random random,
                        SessionMonitor monitor) {
        this.monitor = Objects.requireNonNull(monitor, "monitor");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.starter = Objects.requireNonNull(starter, "starter");
        this.random = Objects.requireNonNull(random, "random");
        long now = scheduler.nanoTime();
        this.global = new TokenBucket(limits.globalPerMinute() / 60, limits.globalBurst(), now);
        this.rate = new AdaptiveRate(limits.slowdownFactor(), limits.minRateFraction(),
                limits.recoveryQuietPeriod().toNanos());
        this.gapEndsAt = now;
        this.pausedUntil = now;
        this.echoes = new SentEchoes(scheduler, limits.echoWindow());
    }

    /**
     * The echoes of this session's own messages, which settle sends whose answer was lost: the sync loop feeds it
     * ({@link SentEchoes#observe}), the sender waits on it. Timed by the same scheduler as the governor.
     */
    public SentEchoes echoes() {
        return echoes;
    }

    /** The governor of one session, timed by the transport's event loop, starting calls on virtual threads. */
    public static SendGovernor onEventLoop(SendLimits limits, EventLoopGroup group, SessionMonitor monitor) {
        return new SendGovernor(limits, SendScheduler.on(group), VIRTUAL_THREADS, new Random(), monitor);
    }

    /** The sends of one chat: waiting in order, the head possibly in flight. */
    private static final class ChatLane {
        final Deque<Pending<?>> queue = new ArrayDeque<>();
        final TokenBucket bucket;
        boolean inFlight;

        ChatLane(TokenBucket bucket) {
            this.bucket = bucket;
        }
    }

    /**
     * One submitted call and its caller's future; {@code retries} counts the failed attempts that were (or are to
     * be) retried, and a retry of its own waits until {@code notBefore}.
     */
    private static final class Pending<T> {
        final long sequence;
        final Supplier<CompletableFuture<T>> call;
        final CompletableFuture<T> result = new CompletableFuture<>();
        int retries;
        long notBefore;
        boolean delayed;

        Pending(long sequence, Supplier<CompletableFuture<T>> call) {
            this.sequence = sequence;
            this.call = call;
        }

        /** How long its own retry back-off still holds it; 0 when none. (nanoTime may be negative: no sentinel.) */
        long nanosUntilDue(long now) {
            return delayed ? Math.max(0, notBefore - now) : 0;
        }
    }

    @Override
    public <T> CompletableFuture<T> submit(String chatUserName, Supplier<CompletableFuture<T>> call) {
        Objects.requireNonNull(chatUserName, "chatUserName");
        Objects.requireNonNull(call, "call");
        Pending<T> pending;
        lock.lock();
        try {
            if (closed) {
                return CompletableFuture.failedFuture(new SendStoppedException("the session stopped; nothing is sent"));
            }
            if (waiting >= limits.maxQueued()) {
                return CompletableFuture.failedFuture(new SendQueueFullException(limits.maxQueued()));
            }
            pending = new Pending<>(nextSequence++, call);
            long now = scheduler.nanoTime();
            lanes.computeIfAbsent(chatUserName, chat -> new ChatLane(
                            new TokenBucket(limits.perChatPerMinute() / 60, limits.perChatBurst(), now)))
                    .queue.addLast(pending);
            waiting++;
        } finally {
            lock.unlock();
        }
        pump();
        return pending.result;
    }

    /**
     * The sync loop saw a "too frequent" notice: slow down and pause every send as after a {@code 1205}, though no
     * call is retried because none failed.
     */
    public void tooFrequentNoticed() {
        lock.lock();
        try {
            if (closed) return;
            long pause = slowDown(scheduler.nanoTime());
            log.warn("a 'too frequent' notice arrived; all sends pause for {} ms at {}% of the configured rate",
                    pause / 1_000_000, percent(rate.fraction(scheduler.nanoTime())));
        } finally {
            lock.unlock();
        }
        monitor.throttled();
        pump();
    }

    /** The fraction of the configured rate in force now (1 = full speed). */
    public double rateFraction() {
        lock.lock();
        try {
            return rate.fraction(scheduler.nanoTime());
        } finally {
            lock.unlock();
        }
    }

    /** The governor now: rate, queue, sends in flight and any pause, for a health view. */
    public SendState state() {
        lock.lock();
        try {
            long now = scheduler.nanoTime();
            int flying = (int) lanes.values().stream().filter(lane -> lane.inFlight).count();
            // a call in flight stays at the head of its lane (and in waiting) until it finished
            return new SendState(rate.fraction(now), Math.max(0, waiting - flying), flying,
                    Duration.ofNanos(Math.max(0, pausedUntil - now)), throttlesInARow);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Fails every send still waiting; calls in flight finish but are not retried (one waiting for its echo stops
     * waiting). Later submissions fail.
     */
    public void close() {
        List<Pending<?>> dropped = new ArrayList<>();
        lock.lock();
        try {
            closed = true;
            for (ChatLane lane : lanes.values()) {
                Iterator<Pending<?>> it = lane.queue.iterator();
                if (lane.inFlight && it.hasNext()) it.next(); // the head in flight completes by itself
                while (it.hasNext()) {
                    dropped.add(it.next());
                    it.remove();
                    waiting--;
                }
            }
        } finally {
            lock.unlock();
        }
        SendStoppedException stopped = new SendStoppedException("the session stopped before this was sent");
        dropped.forEach(pending -> pending.result.completeExceptionally(stopped));
        echoes.close(); // a send waiting for its echo gives up now: no timer may fire once the loops are down
    }

    /** Starts every call the limits allow now, then sets a timer for the earliest moment the next one may start. */
    private void pump() {
        List<Runnable> starts = new ArrayList<>();
        lock.lock();
        try {
            if (closed) return;
            while (true) {
                long now = scheduler.nanoTime();
                double fraction = rate.fraction(now);
                global.setRate(fraction * limits.globalPerMinute() / 60, now);
                long sessionWait = Math.max(Math.max(pausedUntil - now, gapEndsAt - now), global.nanosUntilAvailable(now));
                ChatLane next = null;
                long laneWait = Long.MAX_VALUE;
                for (Iterator<ChatLane> it = lanes.values().iterator(); it.hasNext(); ) {
                    ChatLane lane = it.next();
                    if (lane.inFlight) continue;
                    lane.bucket.setRate(fraction * limits.perChatPerMinute() / 60, now);
                    if (lane.queue.isEmpty()) {
                        if (lane.bucket.isFull(now)) it.remove(); // a fresh lane would behave the same
                        continue;
                    }
                    long wait = Math.max(lane.bucket.nanosUntilAvailable(now),
                            lane.queue.peekFirst().nanosUntilDue(now));
                    if (wait == 0 && (next == null || lane.queue.peekFirst().sequence < next.queue.peekFirst().sequence)) {
                        next = lane;
                    }
                    laneWait = Math.min(laneWait, wait);
                }
                if (laneWait == Long.MAX_VALUE) return; // nothing waits, or every waiting chat has a call in flight
                long wait = Math.max(sessionWait, laneWait);
                if (wait > 0 || next == null) {
                    wakeIn(Math.max(wait, 1), now);
                    return;
                }
                global.take(now);
                next.bucket.take(now);
                next.inFlight = true;
                gapEndsAt = now + gapNanos(fraction);
                ChatLane lane = next;
                Pending<?> head = lane.queue.peekFirst();
                starts.add(() -> start(lane, head));
            }
        } finally {
            lock.unlock();
            starts.forEach(this::launch);
        }
    }

    private void launch(Runnable start) {
        try {
            starter.execute(start);
        } catch (RejectedExecutionException e) {
            start.run(); // no thread to hand it to: start it here rather than lose it
        }
    }

    private <T> void start(ChatLane lane, Pending<T> pending) {
        CompletableFuture<T> call;
        try {
            call = Objects.requireNonNull(pending.call.get(), "the call returned no future");
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        call.whenComplete((value, failure) -> finished(lane, pending, value, failure));
    }

    private <T> void finished(ChatLane lane, Pending<T> pending, T value, Throwable failure) {
        boolean done = true;
        boolean throttled = false;
        lock.lock();
        try {
            lane.inFlight = false;
            Throwable cause = unwrap(failure);
            if (cause instanceof ApiErrorException error && error.ret() == RetCodes.TOO_FREQUENT) {
                throttled = true;
                long now = scheduler.nanoTime();
                long pause = slowDown(now);
                pending.retries++;
                done = closed || pending.retries > limits.maxRetries();
                log.warn("{} answered 1205 (sending too fast): all sends pause for {} ms at {}% of the configured "
                                + "rate; {}", error.endpoint(), pause / 1_000_000, percent(rate.fraction(now)),
                        done ? "giving up on this call after " + (pending.retries - 1) + " retries"
                                : "retry " + pending.retries + " of " + limits.maxRetries());
            } else if (cause instanceof RetryableSendFailure retryable) {
                pending.retries++;
                done = closed || pending.retries > limits.maxRetries();
                if (!done) {
                    long delay = backoff(pending.retries);
                    pending.notBefore = scheduler.nanoTime() + delay;
                    pending.delayed = true;
                    // Expected under network faults and handled here; the caller's receipt reports it if it persists.
                    log.info("a send failed ({}); retry {} of {} in {} ms", retryable.getMessage(), pending.retries,
                            limits.maxRetries(), delay / 1_000_000);
                }
            } else if (failure == null) {
                throttlesInARow = 0;
            }
            if (done) {
                lane.queue.removeFirst();
                waiting--;
            }
        } finally {
            lock.unlock();
        }
        if (throttled) monitor.throttled(); // outside the lock: a monitor is someone else's code
        if (done) {
            if (failure == null) {
                pending.result.complete(value);
            } else {
                pending.result.completeExceptionally(unwrap(failure));
            }
        }
        pump();
    }

    /** One "too frequent" signal: a lower rate and a pause of every send; returns the pause. Lock held. */
    private long slowDown(long now) {
        rate.throttled(now);
        throttlesInARow = Math.min(throttlesInARow + 1, 30);
        long base = limits.backoffBase().toNanos();
        long cap = limits.backoffCap().toNanos();
        long ceiling = Math.min(base, cap);
        for (int i = 1; i < throttlesInARow && ceiling < cap; i++) {
            ceiling = ceiling > cap / 2 ? cap : ceiling * 2;
        }
        long pause = ceiling / 2 + (long) (random.nextDouble() * (ceiling / 2.0));
        pausedUntil = Math.max(pausedUntil, now + pause);
        return pause;
    }

    /** The back-off before retry number {@code retry} (from 1) of one call: base doubled per retry, capped, jittered. */
    private long backoff(int retry) {
        long cap = limits.backoffCap().toNanos();
        long ceiling = Math.min(limits.backoffBase().toNanos(), cap);
        for (int i = 1; i < retry && ceiling < cap; i++) {
            ceiling = ceiling > cap / 2 ? cap : ceiling * 2;
        }
        return ceiling / 2 + (long) (random.nextDouble() * (ceiling / 2.0));
    }

    /** A random gap between the configured bounds, stretched while the rate is lowered. Lock held. */
    private long gapNanos(double fraction) {
        long min = limits.minGap().toNanos();
        long max = limits.maxGap().toNanos();
        long gap = min + (long) (random.nextDouble() * (max - min));
        return (long) (gap / fraction);
    }

    /** Makes sure the pump runs again within {@code delay}; a timer already due sooner is enough. Lock held. */
    private void wakeIn(long delay, long now) {
        long at = now + delay;
        if (wakeAt <= at && wakeAt > now) return;
        wakeAt = at;
        scheduler.schedule(this::woken, delay);
    }

    private void woken() {
        lock.lock();
        try {
            if (wakeAt <= scheduler.nanoTime()) wakeAt = Long.MAX_VALUE;
        } finally {
            lock.unlock();
        }
        pump();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static long percent(double fraction) {
        return Math.round(fraction * 100);
    }

    /** More sends are waiting than {@link SendLimits#maxQueued()} allows; this one was not queued. */
    public static final class SendQueueFullException extends IOException {
        SendQueueFullException(int limit) {
            super("more than " + limit + " sends are waiting; this one was dropped rather than queued");
        }
    }

    /** The session stopped while the call was waiting to be sent. */
    public static final class SendStoppedException extends IOException {
        SendStoppedException(String message) {
            super(message);
        }
    }
}

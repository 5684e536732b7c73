package dev.webwxbot.testsupport;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Waits for something another thread makes true: a message delivered, a file written, a state reached. The condition
 * is checked at once and then every {@link #POLL_INTERVAL} until it holds or the timeout passes; a timeout fails with
 * an {@link AssertionError} that says what was awaited (and, when the last check threw, why).
 *
 * <pre>{@code
 * Await.until(() -> bot.sentMessages().size() == 2, "both answers sent");
 * Path saved = Await.value(() -> Files.list(dir).findFirst(), "a file saved in " + dir, Duration.ofSeconds(30));
 * }</pre>
 *
 * <p>The timeout is patience, not a measurement: on a loaded machine the wait simply takes longer, so choose it
 * generously. Never wait a fixed time for something to happen; wait for the thing itself.
 */
public final class Await {
    /** The patience of {@link #until(Condition, String)}; generous, since only a failing test ever waits this long. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);
    /** Small, so a test goes on almost as soon as the condition holds. */
    public static final Duration POLL_INTERVAL = Duration.ofMillis(10);

    private Await() {
    }

    /** A check that may throw: a throw counts as "not yet" (a file not written yet), and is reported on timeout. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    /** A look for a value that may not be there yet; a throw counts as "not yet", as for {@link Condition}. */
    @FunctionalInterface
    public interface Probe<T> {
        Optional<T> look() throws Exception;
    }

    /** Waits up to {@link #DEFAULT_TIMEOUT} until {@code condition} holds; {@code what} names it in the failure. */
    public static void until(Condition condition, String what) {
        until(condition, what, DEFAULT_TIMEOUT);
    }

    /** Waits up to {@code timeout} until {@code condition} holds; {@code what} names it in the failure. */
    public static void until(Condition condition, String what, Duration timeout) {
        Objects.requireNonNull(condition, "condition");
        value(() -> condition.holds() ? Optional.of(Boolean.TRUE) : Optional.empty(), what, timeout);
    }

    /** As {@link #until(Condition, Supplier, Duration)} with {@link #DEFAULT_TIMEOUT}. */
    public static void until(Condition condition, Supplier<String> what) {
        until(condition, what, DEFAULT_TIMEOUT);
    }

    /**
     * Waits up to {@code timeout} until {@code condition} holds; {@code what} describes it when the wait fails, so
     * it can tell what did happen meanwhile ({@code () -> "3 answers, got " + answers}).
     */
    public static void until(Condition condition, Supplier<String> what, Duration timeout) {
        Objects.requireNonNull(condition, "condition");
        value(() -> condition.holds() ? Optional.of(Boolean.TRUE) : Optional.empty(), what, timeout);
    }

    /** Waits up to {@code timeout} until {@code probe} finds a value, and returns it. */
    public static <T> T value(Probe<T> probe, String what, Duration timeout) {
        Objects.requireNonNull(what, "what");
        return value(probe, () -> what, timeout);
    }

    /** As {@link #value(Probe, String, Duration)}, with the description made when the wait fails. */
    public static <T> T value(Probe<T> probe, Supplier<String> what, Duration timeout) {
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(what, "what");
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception lastFailure = null;
        while (true) {
            try {
                Optional<T> found = probe.look();
                if (found.isPresent()) {
                    return found.get();
                }
                lastFailure = null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what.get(), e);
            } catch (Exception e) {
                lastFailure = e;
            }
            if (System.nanoTime() - deadline >= 0) {
                String message = "timed out after " + timeout.toMillis() + " ms waiting for: " + what.get();
                throw lastFailure == null ? new AssertionError(message)
                        : new AssertionError(message + " (the last check threw " + lastFailure + ")", lastFailure);
            }
            try {
                Thread.sleep(POLL_INTERVAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what.get(), e);
            }
        }
    }
}

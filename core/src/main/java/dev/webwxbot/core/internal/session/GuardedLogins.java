package dev.webwxbot.core.internal.session;

import dev.webwxbot.api.Contact;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.core.LoginGuard;
import dev.webwxbot.core.LoginHeldException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The login-churn guard ({@link LoginGuard}) on one session's login path: each resume and each fresh login runs only
 * if the guard admits it, and its outcome is recorded before the login's future completes, so a process killed right
 * after a login came online has it on record. The guard reads and writes its file: it is asked on virtual threads,
 * never on the event loop. Thread-safe.
 */
final class GuardedLogins {

    /** The longest a stop waits for the guard's file (a decision or an outcome being written). */
    private static final long SETTLE_SECONDS = 5;

    private final LoginGuard guard;
    private final BooleanSupplier stopping;
    private final Consumer<BotEvent> events;
    /** The decision under way, which a stop waits for so that nothing writes the record after it. */
    private volatile CompletableFuture<LoginGuard.Admission> admitting = CompletableFuture.completedFuture(null);
    /** The login the guard admitted whose outcome is not written yet; a stop writes it as cancelled. */
    private final AtomicReference<LoginGuard.Admitted> unfinished = new AtomicReference<>();
    /** The writing of the last admitted login's outcome, which a stop waits for once it has begun. */
    private volatile CompletableFuture<?> finishing = CompletableFuture.completedFuture(null);

    /**
     * @param stopping whether the session is stopping (a login then counts as cancelled, not failed)
     * @param events where a hold's {@code LoginHeld} goes (the session's listener)
     */
    GuardedLogins(LoginGuard guard, BooleanSupplier stopping, Consumer<BotEvent> events) {
        this.guard = guard;
        this.stopping = stopping;
        this.events = events;
    }

    /**
     * Runs {@code login} if the guard admits a login of {@code kind} now. A login held back raises the guard's
     * {@code LoginHeld} and fails with a {@link LoginHeldException}, having touched no endpoint.
     */
    CompletableFuture<Contact> run(LoginGuard.Kind kind, Supplier<CompletableFuture<Contact>> login) {
        if (!guard.enabled()) return login.get();
        CompletableFuture<LoginGuard.Admission> decision = CompletableFuture.supplyAsync(() -> {
            LoginGuard.Admission admission = guard.admit(kind);
            if (admission instanceof LoginGuard.Admitted admitted) unfinished.set(admitted);
            return admission;
        }, Thread::startVirtualThread);
        admitting = decision;
        return decision.thenCompose(admission -> switch (admission) {
            case LoginGuard.Held held -> {
                events.accept(held.event());
                yield CompletableFuture.<Contact>failedFuture(new LoginHeldException(held.event()));
            }
            case LoginGuard.Admitted admitted -> {
                if (stopping.getAsBoolean()) {
                    if (unfinished.compareAndSet(admitted, null)) guard.finished(admitted, LoginGuard.Outcome.CANCELLED);
                    yield CompletableFuture.<Contact>failedFuture(new IllegalStateException("login cancelled"));
                }
                CompletableFuture<Contact> attempt = login.get();
                CompletableFuture<CompletableFuture<Contact>> written = attempt.handleAsync((self, failure) -> {
                    // Unless a stop wrote it first (as cancelled): nothing writes the record after a stop.
                    if (unfinished.compareAndSet(admitted, null)) {
                        guard.finished(admitted, failure == null ? LoginGuard.Outcome.ONLINE
                                : stopping.getAsBoolean() ? LoginGuard.Outcome.CANCELLED : LoginGuard.Outcome.FAILED);
                    }
                    return attempt;
                }, Thread::startVirtualThread);
                finishing = written;
                yield written.thenCompose(same -> same);
            }
        });
    }

    /**
     * For a stop: waits briefly for a decision under way, then writes a login still running as cancelled (or waits
     * for its outcome being written), so the record is final when the stop returns. Blocks; not for the event loop.
     */
    void settle() {
        await(admitting);
        LoginGuard.Admitted left = unfinished.getAndSet(null);
        if (left != null) {
            guard.finished(left, LoginGuard.Outcome.CANCELLED);
        } else {
            await(finishing);
        }
    }

    private static void await(CompletableFuture<?> future) {
        try {
            future.get(SETTLE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // failed or hangs on the disk: nothing more to wait for
        }
    }
}

package dev.webwxbot.core.internal.session;

import dev.webwxbot.core.LoginProgress;
import dev.webwxbot.core.internal.protocol.LoginCalls;
import dev.webwxbot.core.internal.protocol.LoginPoll;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * QR login (PROTOCOL.md 2.1–2.5) as a chain of futures: jslogin, then polls until the phone confirms, offering a
 * new QR code when one expires or is cancelled. Each poll is a pending request, not a waiting thread.
 */
final class LoginFlow {

    private static final Logger log = LoggerFactory.getLogger(LoginFlow.class);
    private static final int MAX_POLL_ERRORS = 5;

    private final LoginCalls calls;
    private final Consumer<LoginProgress> progress;
    private final Delays delays;
    private final int maxQrCodes;
    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(15));
    private volatile boolean cancelled;
    /** Polling a pushed uuid: an expired or cancelled prompt ends this flow rather than offering a QR code. */
    private volatile boolean pushOnly;

    LoginFlow(LoginCalls calls, Consumer<LoginProgress> progress, Delays delays, int maxQrCodes) {
        this.calls = calls;
        this.progress = progress;
        this.delays = delays;
        this.maxQrCodes = maxQrCodes;
    }

    /** Completes with the login redirect URI once the phone confirmed. */
    CompletableFuture<String> run() {
        return offerQrCode(1);
    }

    /**
     * Waits for the phone to confirm a pushed login (PROTOCOL.md 2.7); completes with the redirect URI, or fails
     * when the prompt expires or is cancelled, so that the caller can offer a QR code instead.
     */
    CompletableFuture<String> runPush(String uuid) {
        pushOnly = true;
        progress.accept(new LoginProgress.PushSent(uuid));
        return poll(uuid, true, 1, 0);
    }

    void cancel() {
        cancelled = true;
    }

    private CompletableFuture<String> offerQrCode(int attempt) {
        if (cancelled) return CompletableFuture.failedFuture(new IllegalStateException("login cancelled"));
        if (attempt > maxQrCodes) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "no QR code was confirmed after " + maxQrCodes + " codes"));
        }
        return calls.requestUuid().thenCompose(uuid -> {
            progress.accept(new LoginProgress.QrCode(uuid, LoginCalls.qrContent(uuid)));
            return poll(uuid, true, attempt, 0);
        });
    }

    private CompletableFuture<String> poll(String uuid, boolean first, int attempt, int errors) {
        if (cancelled) return CompletableFuture.failedFuture(new IllegalStateException("login cancelled"));
        return calls.poll(uuid, first).handle((answer, failure) -> {
            if (failure != null) {
                // A poll cut off because the session is stopping is the stop, not a network problem.
                if (cancelled) return CompletableFuture.<String>failedFuture(new IllegalStateException("login cancelled"));
                if (errors + 1 >= MAX_POLL_ERRORS) return CompletableFuture.<String>failedFuture(failure);
                log.warn("login poll failed ({}); retrying", Failures.describe(failure));
                return delays.after(backoff.next()).thenCompose(ignored -> poll(uuid, first, attempt, errors + 1));
            }
            backoff.reset();
            return switch (answer) {
                case LoginPoll.Waiting waiting -> poll(uuid, false, attempt, 0);
                case LoginPoll.Scanned scanned -> {
                    progress.accept(new LoginProgress.Scanned(scanned.avatarDataUri()));
                    yield poll(uuid, false, attempt, 0);
                }
                case LoginPoll.Confirmed confirmed -> {
                    progress.accept(new LoginProgress.Confirmed());
                    yield CompletableFuture.completedFuture(confirmed.redirectUri());
                }
                case LoginPoll.Expired expired -> renew(attempt, "expired");
                case LoginPoll.Cancelled cancelledOnPhone -> renew(attempt, "was cancelled on the phone");
                case LoginPoll.Failed failed -> {
                    if (errors + 1 >= MAX_POLL_ERRORS) {
                        yield CompletableFuture.<String>failedFuture(new IllegalStateException(
                                "login poll kept answering code " + failed.code()));
                    }
                    log.warn("login poll answered code {}; retrying", failed.code());
                    yield delays.after(backoff.next()).thenCompose(ignored -> poll(uuid, false, attempt, errors + 1));
                }
            };
        }).thenCompose(next -> next);
    }

    private CompletableFuture<String> renew(int attempt, String why) {
        if (pushOnly) {
            return CompletableFuture.failedFuture(new IllegalStateException("the pushed login " + why));
        }
        log.info("QR code {}; offering a new one", why);
        progress.accept(new LoginProgress.QrExpired());
        return offerQrCode(attempt + 1);
    }
}

package dev.webwxbot.core.internal.session;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.Contacts;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.SendReceipt.FailureReason;
import dev.webwxbot.core.internal.contact.ContactBook;
import dev.webwxbot.core.internal.http.TransportException;
import dev.webwxbot.core.internal.protocol.ApiErrorException;
import dev.webwxbot.core.internal.protocol.RetCodes;
import dev.webwxbot.core.internal.protocol.SessionCalls;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link Bot} plugins act through, backed by one session's calls. Thread-safe. */
final class SessionBot implements Bot {

    private static final Logger log = LoggerFactory.getLogger(SessionBot.class);

    private final ContactBook contacts;
    private final Supplier<SessionCalls> calls;
    private final Supplier<SessionState> state;

    SessionBot(ContactBook contacts, Supplier<SessionCalls> calls, Supplier<SessionState> state) {
        this.contacts = contacts;
        this.calls = calls;
        this.state = state;
    }

    @Override
    public Contact self() {
        return contacts.self();
    }

    @Override
    public Contacts contacts() {
        return contacts;
    }

    @Override
    public SendReceipt sendText(Contact chat, String text) {
        if (Thread.currentThread() instanceof FastThreadLocalThread) {
            // Waiting here would stall the event loop that must deliver the answer.
            throw new IllegalStateException("Bot.sendText blocks until the server answers: call it from a plugin "
                    + "handler or another thread, not from a network callback");
        }
        return sendTextAsync(chat, text).join();
    }

    /** The same as {@link #sendText} without blocking; never completes exceptionally. */
    CompletableFuture<SendReceipt> sendTextAsync(Contact chat, String text) {
        SessionCalls sessionCalls = calls.get();
        SessionState current = state.get();
        if (sessionCalls == null || current == null) {
            return CompletableFuture.completedFuture(
                    new SendReceipt.Failed(FailureReason.LOGGED_OUT, 0, "webwxsendmsg: the session is not online"));
        }
        return sessionCalls.sendText(current.credentials(), contacts.self().userName(), chat.userName(), text)
                .<SendReceipt>thenApply(sent -> new SendReceipt.Sent(sent.msgId(), sent.localId()))
                .exceptionally(failure -> {
                    SendReceipt.Failed failed = toFailure(Failures.cause(failure));
                    log.warn("sending to {} failed: {}", chat.userName(), failed.detail());
                    return failed;
                });
    }

    private static SendReceipt.Failed toFailure(Throwable cause) {
        if (cause instanceof ApiErrorException error) {
            FailureReason reason = switch (error.ret()) {
                case RetCodes.TOO_FREQUENT -> FailureReason.THROTTLED;
                case RetCodes.NOT_A_FRIEND -> FailureReason.NOT_A_FRIEND;
                case RetCodes.SESSION_GONE, RetCodes.SESSION_INVALID, RetCodes.COOKIES_INVALID ->
                        FailureReason.LOGGED_OUT;
                default -> FailureReason.REJECTED;
            };
            return new SendReceipt.Failed(reason, error.ret(), error.getMessage());
        }
        if (cause instanceof TransportException) {
            return new SendReceipt.Failed(FailureReason.NETWORK, 0, "webwxsendmsg: " + cause.getMessage());
        }
        return new SendReceipt.Failed(FailureReason.REJECTED, 0, "webwxsendmsg: " + cause.getMessage());
    }
}

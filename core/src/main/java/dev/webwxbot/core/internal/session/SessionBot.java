package dev.webwxbot.core.internal.session;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.Contacts;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.FailureReason;
import dev.webwxbot.api.AccountOperations;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.Result;
import dev.webwxbot.api.event.MessageEvent;
import java.nio.file.Path;
import dev.webwxbot.core.internal.contact.ContactBook;
import dev.webwxbot.core.internal.http.TransportException;
import dev.webwxbot.core.internal.protocol.ApiErrorException;
import dev.webwxbot.core.internal.protocol.RetCodes;
import dev.webwxbot.core.internal.protocol.SessionCalls;
import dev.webwxbot.core.internal.send.OutgoingGate;
import dev.webwxbot.core.internal.send.SendGovernor;
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
    private final OutgoingGate gate;

    SessionBot(ContactBook contacts, Supplier<SessionCalls> calls, Supplier<SessionState> state, OutgoingGate gate) {
        this.contacts = contacts;
        this.calls = calls;
        this.state = state;
        this.gate = gate;
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
    public SendReceipt send(Contact chat, Outgoing message) {
        if (Thread.currentThread() instanceof FastThreadLocalThread) {
            // Waiting here would stall the event loop that must deliver the answer.
            throw new IllegalStateException("Bot.send blocks until the server answers: call it from a plugin "
                    + "handler or another thread, not from a network callback");
        }
        if (message instanceof Outgoing.Text text) {
            return sendTextAsync(chat, text.text()).join();
        }
        return new SendReceipt.Failed(FailureReason.REJECTED, 0, message.getClass().getSimpleName() + " not yet supported");
    }

    @Override
    public Result<Void> revoke(SendReceipt.Sent receipt) {
        return notYet("revoke");
    }

    @Override
    public Result<Path> download(MessageEvent event, Path directory) {
        return notYet("download");
    }

    @Override
    public Result<Path> downloadThumbnail(MessageEvent event, Path directory) {
        return notYet("downloadThumbnail");
    }

    @Override
    public Result<Path> downloadHeadImage(Contact contact, Path directory) {
        return notYet("downloadHeadImage");
    }

    @Override
    public AccountOperations account() {
        throw new UnsupportedOperationException("account operations are not yet supported");
    }

    private static <T> Result<T> notYet(String operation) {
        return new Result.Failed<>(FailureReason.REJECTED, 0, operation + " not yet supported");
    }

    /** The same as {@link #sendText} without blocking; never completes exceptionally. */
    CompletableFuture<SendReceipt> sendTextAsync(Contact chat, String text) {
        SessionCalls sessionCalls = calls.get();
        SessionState current = state.get();
        if (sessionCalls == null || current == null) {
            return CompletableFuture.completedFuture(
                    new SendReceipt.Failed(FailureReason.LOGGED_OUT, 0, "webwxsendmsg: the session is not online"));
        }
        return gate.submit(chat.userName(),
                        () -> sessionCalls.sendText(current.credentials(), contacts.self().userName(), chat.userName(), text))
                .<SendReceipt>thenApply(sent -> new SendReceipt.Sent(sent.msgId(), sent.localId(), chat.userName()))
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
        if (cause instanceof SendGovernor.SendQueueFullException) {
            return new SendReceipt.Failed(FailureReason.THROTTLED, 0, cause.getMessage());
        }
        if (cause instanceof SendGovernor.SendStoppedException) {
            return new SendReceipt.Failed(FailureReason.LOGGED_OUT, 0, cause.getMessage());
        }
        if (cause instanceof TransportException) {
            return new SendReceipt.Failed(FailureReason.NETWORK, 0, "webwxsendmsg: " + cause.getMessage());
        }
        return new SendReceipt.Failed(FailureReason.REJECTED, 0, "webwxsendmsg: " + cause.getMessage());
    }
}

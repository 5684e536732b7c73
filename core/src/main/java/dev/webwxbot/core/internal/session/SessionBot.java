package dev.webwxbot.core.internal.session;

import dev.webwxbot.api.AccountOperations;
import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.Contacts;
import dev.webwxbot.api.FailureReason;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.Result;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.core.SessionMonitor;
import dev.webwxbot.core.internal.account.SessionAccountOperations;
import dev.webwxbot.core.internal.contact.ContactBook;
import dev.webwxbot.core.internal.media.Downloader;
import dev.webwxbot.core.internal.safety.ChatSafety;
import dev.webwxbot.core.internal.protocol.SessionCalls;
import dev.webwxbot.core.internal.send.MediaLimits;
import dev.webwxbot.core.internal.send.OutgoingFailure;
import dev.webwxbot.core.internal.send.OutgoingGate;
import dev.webwxbot.core.internal.send.OutgoingSender;
import dev.webwxbot.core.internal.send.SendGovernor;
import dev.webwxbot.core.internal.send.SessionLink;
import io.netty.util.concurrent.FastThreadLocalThread;
import dev.webwxbot.core.internal.store.Outbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import dev.webwxbot.core.IdentifiedSends;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Bot} plugins act through, backed by one session's calls: sends, revoke, downloads and account
 * operations each live in their own class. Thread-safe.
 */
final class SessionBot implements Bot, IdentifiedSends {

    private static final Logger log = LoggerFactory.getLogger(SessionBot.class);

    private final ContactBook contacts;
    private final Supplier<SessionLink> link;
    private final OutgoingGate gate;
    private final OutboxSender sends;
    private final Downloader downloader;
    private final SessionAccountOperations account;
    private final SessionMonitor monitor;
    /** Every send passes its gate first: paused chats, the ceilings; and tells it what went out. */
    private final ChatSafety safety;

    SessionBot(ContactBook contacts, Supplier<SessionCalls> calls, Supplier<SessionState> state, SendGovernor gate,
               long maxDownloadBytes, Outbox outbox, SessionMonitor monitor, ChatSafety safety) {
        this.contacts = contacts;
        this.safety = safety;
        this.monitor = monitor;
        this.gate = gate;
        this.link = () -> {
            SessionCalls sessionCalls = calls.get();
            SessionState current = state.get();
            return sessionCalls == null || current == null ? null
                    : new SessionLink(sessionCalls, current.credentials(), contacts.self().userName());
        };
        OutgoingSender sender = new OutgoingSender(contacts, link, gate, MediaLimits.DEFAULT, gate.echoes(),
                monitor);
        this.sends = new OutboxSender(outbox, sender, contacts, gate.echoes(), monitor);
        this.downloader = new Downloader(link, maxDownloadBytes);
        this.account = new SessionAccountOperations(contacts, link, gate);
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
        requireBlockingAllowed("Bot.send");
        return guarded(chat, message, false, () -> sends.send(chat, message)).join();
    }

    @Override
    public String nextClientId() {
        return sends.freshId();
    }

    /** As {@link #send}, with a caller-chosen {@code LocalID}: a second send with the same id is not sent again. */
    @Override
    public SendReceipt send(Contact chat, Outgoing message, String localId) {
        requireBlockingAllowed("Bot.send");
        return guarded(chat, message, false, () -> sends.send(chat, message, localId)).join();
    }

    /**
     * As {@link #send(Contact, Outgoing, String)} for the operator (the HTTP API): a paused chat and the per-chat
     * ceiling do not stop it, the account's ceiling does.
     */
    SendReceipt sendAsOperator(Contact chat, Outgoing message, String localId) {
        requireBlockingAllowed("Bot.send");
        return guarded(chat, message, true, () -> sends.send(chat, message, localId)).join();
    }

    /** The same as {@link #send} without blocking; never completes exceptionally. */
    CompletableFuture<SendReceipt> sendAsync(Contact chat, Outgoing message) {
        return guarded(chat, message, false, () -> sends.send(chat, message));
    }

    /** An answer of the core itself to the owner (a pause command's), sent as the operator's, without waiting. */
    CompletableFuture<SendReceipt> answerOwner(Contact chat, String text) {
        Outgoing answer = new Outgoing.Text(text, java.util.List.of());
        return guarded(chat, answer, true, () -> sends.send(chat, answer));
    }

    /** The bot the operator sends through: as this one, its sends pass paused chats ({@link #sendAsOperator}). */
    Bot operator() {
        return new OperatorBot(this);
    }

    /** The send, unless the safety gate refuses it; what went out is told to the gate. */
    private CompletableFuture<SendReceipt> guarded(Contact chat, Outgoing message, boolean operator,
                                                   Supplier<CompletableFuture<SendReceipt>> send) {
        Optional<SendReceipt.Failed> refused = safety.admit(chat, operator);
        if (refused.isPresent()) {
            log.debug("a send to {} was refused: {}", chat.userName(), refused.get().detail());
            return CompletableFuture.completedFuture(refused.get());
        }
        return send.get().thenApply(receipt -> {
            safety.sent(chat, message, receipt, operator);
            return receipt;
        });
    }

    /**
     * As {@link #sendAsync(Contact, Outgoing)} with a caller-chosen {@code LocalID} (see
     * {@link OutgoingSender#send(Contact, Outgoing, String)}); the outbox answers a known id with its outcome.
     */
    CompletableFuture<SendReceipt> sendAsync(Contact chat, Outgoing message, String localId) {
        return guarded(chat, message, false, () -> sends.send(chat, message, localId));
    }

    /** The bot that answers the message the journal stamped {@code stamp}: its sends survive a replay once. */
    Bot answering(long stamp) {
        return new AnsweringBot(this, stamp);
    }

    /** Where the session's sends are kept; the engine resumes and observes echoes through it. */
    OutboxSender sends() {
        return sends;
    }

    @Override
    public Result<Void> revoke(SendReceipt.Sent receipt) {
        requireBlockingAllowed("Bot.revoke");
        long asked = System.nanoTime();
        Result<Void> result = revokeNow(receipt);
        monitor.sent("revoke", Duration.ofNanos(System.nanoTime() - asked), switch (result) {
            case Result.Ok<Void> ok -> Optional.<FailureReason>empty();
            case Result.Failed<Void> failed -> Optional.of(failed.reason());
        });
        return result;
    }

    private Result<Void> revokeNow(SendReceipt.Sent receipt) {
        SessionLink online = link.get();
        if (online == null) {
            return new Result.Failed<>(FailureReason.LOGGED_OUT, 0, "webwxrevokemsg: the session is not online");
        }
        try {
            gate.submit(receipt.chatUserName(), () -> online.calls().media().revoke(online.credentials(),
                    receipt.msgId(), receipt.chatUserName(), receipt.localId())).join();
            return Result.done();
        } catch (RuntimeException failure) {
            // Ret -1 is the server's answer to a revoke after its two-minute window (5.7).
            OutgoingFailure classified = OutgoingFailure.of(failure, "webwxrevokemsg", FailureReason.EXPIRED);
            log.warn("revoking {} failed ({}): {}", receipt.msgId(), classified.reason(), classified.getMessage());
            return new Result.Failed<>(classified.reason(), classified.code(), classified.getMessage());
        }
    }

    @Override
    public Result<Path> download(MessageEvent event, Path directory) {
        requireBlockingAllowed("Bot.download");
        return downloader.download(event, directory);
    }

    @Override
    public Result<Path> downloadThumbnail(MessageEvent event, Path directory) {
        requireBlockingAllowed("Bot.downloadThumbnail");
        return downloader.downloadThumbnail(event, directory);
    }

    @Override
    public Result<Path> downloadHeadImage(Contact contact, Path directory) {
        requireBlockingAllowed("Bot.downloadHeadImage");
        return downloader.downloadHeadImage(contact, directory);
    }

    @Override
    public AccountOperations account() {
        return account;
    }

    private static void requireBlockingAllowed(String method) {
        if (Thread.currentThread() instanceof FastThreadLocalThread) {
            // Waiting here would stall the event loop that must deliver the answer.
            throw new IllegalStateException(method + " blocks until the server answers: call it from a plugin "
                    + "handler or another thread, not from a network callback");
        }
    }
}

package dev.webwxbot.core.internal.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.FailureReason;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.core.internal.contact.ContactBook;
import dev.webwxbot.core.internal.protocol.Json;
import dev.webwxbot.core.internal.send.OutgoingSender;
import dev.webwxbot.core.internal.send.QuoteText;
import dev.webwxbot.core.internal.send.SentEchoes;
import dev.webwxbot.core.internal.store.Outbox;
import dev.webwxbot.core.internal.store.OutgoingSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import dev.webwxbot.core.SessionMonitor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every send of a session goes through here, by its client id: written to the {@link Outbox} before it leaves,
 * settled when the server answered. A send whose id the outbox already knows is not sent again: a message handled
 * a second time after a restart gets its earlier receipts back (its answers carry ids derived from the journal's
 * stamp of the message, so they are the same each time). A send an earlier run left without an outcome may have
 * reached the server: it is settled by its echo ({@link SentEchoes}) when one arrives within the echo window after
 * the session is online, and sent only if none does. A send cut off by a stop stays pending for the next run.
 * Thread-safe.
 */
final class OutboxSender {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    /** Outbox intents wait for the disk; never on the event loop. */
    private static final Executor DISK = task -> Thread.ofVirtual().name("webwx-outbox").start(task);
    /** Answers to a message get ids {@code stamp * 10^4 + ANSWER_BASE + n}; the page's own ids stay below 1001. */
    private static final int ANSWER_BASE = 5_000;
    private static final int MAX_ANSWERS = 10_000 - ANSWER_BASE;

    private final Outbox outbox;
    private final OutgoingSender sender;
    private final ContactBook contacts;
    private final SentEchoes echoes;
    private final SessionMonitor monitor;
    private final Map<String, CompletableFuture<SendReceipt>> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong lastId = new AtomicLong();
    /** The last intent write and the last hand-on {@link #inOrder} queued; guarded by this. */
    private CompletableFuture<?> writesTail = CompletableFuture.completedFuture(null);
    private CompletableFuture<?> handOnsTail = CompletableFuture.completedFuture(null);

    OutboxSender(Outbox outbox, OutgoingSender sender, ContactBook contacts, SentEchoes echoes, SessionMonitor monitor) {
        this.outbox = outbox;
        this.sender = sender;
        this.contacts = contacts;
        this.echoes = echoes;
        this.monitor = monitor;
        // An echo that settles a send in flight is written down before the sync position moves past it: if the
        // process dies before the send's own outcome arrives, the next start must not send it again.
        echoes.onSettled(outbox::sent);
    }

    /** A send with a fresh client id, made as the official page makes them (PROTOCOL.md 5.1). */
    CompletableFuture<SendReceipt> send(Contact chat, Outgoing message) {
        return send(chat, message, freshId());
    }

    /** A fresh client id, unique in this run and increasing: milliseconds × 10⁴ + 0..1000, as the page makes them. */
    String freshId() {
        long candidate = System.currentTimeMillis() * 10_000 + ThreadLocalRandom.current().nextInt(1001);
        return Long.toString(lastId.accumulateAndGet(candidate, (previous, fresh) -> Math.max(previous + 1, fresh)));
    }

    /**
     * The client id of the {@code n}th answer (from 0) to the message the journal stamped {@code stamp}; empty when a
     * handler sends more answers than ids are set aside for (those get fresh ids, and a replay may repeat them).
     */
    static Optional<String> answerId(long stamp, int n) {
        if (n < 0 || n >= MAX_ANSWERS) return Optional.empty();
        return Optional.of(Long.toString(stamp * 10_000 + ANSWER_BASE + n));
    }

    /** Sends {@code message} as {@code localId}, or hands back what became of the send with that id. */
    CompletableFuture<SendReceipt> send(Contact chat, Outgoing message, String localId) {
        CompletableFuture<SendReceipt> created = new CompletableFuture<>();
        CompletableFuture<SendReceipt> running = inFlight.putIfAbsent(localId, created);
        if (running != null) return running; // the same send asked for twice at once: one request
        created.whenComplete((receipt, failure) -> inFlight.remove(localId, created));
        inOrder(() -> outbox.writeIntent(localId, chat.userName(), OutgoingSpec.toJson(message)),
                intent -> intent.isNew() ? transmit(chat, message, localId) : known(chat, message, localId))
                .whenComplete((receipt, failure) -> {
                    if (failure == null) {
                        created.complete(receipt);
                    } else {
                        log.warn("the outbox could not keep a send to {}: {}", chat.userName(), failure.toString());
                        created.complete(new SendReceipt.Failed(FailureReason.REJECTED, 0,
                                "the outbox could not keep the send: " + failure.getMessage()));
                    }
                });
        return created;
    }

    /**
     * Once the session is online, before it fetches: watches for the echoes of sends an earlier run left
     * unsettled (they come with the first syncs, since the saved cursor is older than them), and sends those
     * whose echo does not come within the echo window. A message handled again meanwhile that makes the same send
     * waits for this outcome instead of sending. Returns at once.
     */
    void resumeLeftovers() {
        for (Outbox.Entry entry : outbox.leftPending()) {
            CompletableFuture<SendReceipt> resolved = new CompletableFuture<>();
            inFlight.put(entry.localId(), resolved);
            resolved.whenComplete((receipt, failure) -> inFlight.remove(entry.localId(), resolved));
            echoes.watch(expectedEcho(entry, contacts)).await()
                    .thenCompose(echo -> settleLeftover(entry, echo.map(SentEchoes.Echo::msgId).orElse("")))
                    .whenComplete((receipt, failure) -> {
                        SendReceipt settled = failure == null ? receipt
                                : new SendReceipt.Failed(FailureReason.REJECTED, 0, String.valueOf(failure.getMessage()));
                        resolved.complete(settled);
                        monitor.leftoverSettled(entry.localId(), settled);
                    });
        }
    }

    /**
     * What the echo of a kept send looks like (PROTOCOL.md 9.7): the account's own message to the same chat; a quote
     * as the text it was sent as (rendered again: the same unless a name in it changed meanwhile).
     */
    private static SentEchoes.Expected expectedEcho(Outbox.Entry entry, ContactBook contacts) {
        JsonNode message = entry.message();
        return switch (Json.text(message, "kind")) {
            case "text" -> SentEchoes.Expected.text(entry.chat(), Json.text(message, "text"));
            case "quote" -> {
                try {
                    Outgoing.Quote quote = (Outgoing.Quote) OutgoingSpec.fromJson(message, contacts::resolve);
                    yield SentEchoes.Expected.text(entry.chat(),
                            QuoteText.render(contacts, contacts.resolve(entry.chat()), quote));
                } catch (IllegalArgumentException unreadable) {
                    // Dropped as unreadable when it is settled; an empty text matches no echo meanwhile.
                    yield SentEchoes.Expected.text(entry.chat(), "");
                }
            }
            case "image" -> SentEchoes.Expected.media(entry.chat(), 3);
            case "video" -> SentEchoes.Expected.media(entry.chat(), 43);
            case "file" -> SentEchoes.Expected.file(entry.chat(),
                    String.valueOf(Path.of(Json.text(message, "file")).getFileName()));
            case "forward" -> {
                try {
                    Outgoing.Forward forward = (Outgoing.Forward) OutgoingSpec.fromJson(message, contacts::resolve);
                    yield OutgoingSender.expectedEcho(entry.chat(), forward);
                } catch (IllegalArgumentException unreadable) {
                    yield SentEchoes.Expected.text(entry.chat(), ""); // dropped when settled, as a quote above
                }
            }
            default -> SentEchoes.Expected.media(entry.chat(), 47);
        };
    }

    /**
     * Writes an intent after every intent asked for before it, waits for the disk, then runs {@code handOn} (the
     * send handed to the governor) after every hand-on asked for before it, off the event loop: the governor then
     * sees the sends in the order they were asked for, which keeps each chat's messages in order even when the disk
     * is slow for one of them. The waits for the disk overlap, so that intents written meanwhile share one force
     * (the outbox's group commit); each send still leaves only once its own intent is on the disk.
     */
    private CompletableFuture<SendReceipt> inOrder(Supplier<Outbox.Intent> write,
                                                   Function<Outbox.Intent, CompletableFuture<SendReceipt>> handOn) {
        CompletableFuture<CompletableFuture<SendReceipt>> handedOn;
        synchronized (this) {
            CompletableFuture<Outbox.Intent> written =
                    writesTail.handle((ignored, failure) -> null).thenApplyAsync(ignored -> write.get(), DISK);
            writesTail = written;
            CompletableFuture<Outbox.Intent> onDisk = written.thenApplyAsync(intent -> {
                intent.awaitDisk();
                return intent;
            }, DISK);
            handedOn = handOnsTail.handle((ignored, failure) -> null).thenCompose(ignored -> onDisk)
                    .thenApplyAsync(handOn, DISK);
            handOnsTail = handedOn;
        }
        return handedOn.thenCompose(receipt -> receipt);
    }

    /**
     * After a fresh login: the sends an earlier session left unsettled went to user names of a session that is
     * gone, so they are given up, loudly.
     */
    void abandonLeftovers() {
        List<Outbox.Entry> left = outbox.leftPending();
        if (left.isEmpty()) return;
        log.warn("{} send(s) left unsettled by the previous session are dropped: that session ended, and the chats "
                + "they were for are not known by this one", left.size());
        left.forEach(entry -> {
            outbox.failed(entry.localId(), "the session it was for ended");
            monitor.leftoverSettled(entry.localId(), new SendReceipt.Failed(FailureReason.REJECTED, 0,
                    "left unsettled by a session that ended"));
        });
    }

    private CompletableFuture<SendReceipt> settleLeftover(Outbox.Entry entry, String echoedMsgId) {
        if (!echoedMsgId.isEmpty()) {
            outbox.sent(entry.localId(), echoedMsgId);
            log.info("a send left unsettled by the last run ({}) was found delivered by its echo; not sent again",
                    entry.localId());
            return CompletableFuture.completedFuture(new SendReceipt.Sent(echoedMsgId, entry.localId(), entry.chat(),
                    SendReceipt.Delivery.ANSWERED, 1, OutgoingSpec.quotedMsgId(entry.message())));
        }
        Outgoing message;
        try {
            message = OutgoingSpec.fromJson(entry.message(), contacts::resolve);
        } catch (IllegalArgumentException e) {
            outbox.failed(entry.localId(), e.getMessage());
            log.warn("a send left by the last run cannot be read back and is dropped: {}", e.getMessage());
            return CompletableFuture.completedFuture(new SendReceipt.Failed(FailureReason.INVALID_REQUEST, 0,
                    e.getMessage()));
        }
        return transmit(contacts.resolve(entry.chat()), message, entry.localId());
    }

    /** What became of a send the outbox already knows: its outcome, or the pending send's own future. */
    private CompletableFuture<SendReceipt> known(Contact chat, Outgoing message, String localId) {
        Outbox.Entry entry = outbox.find(localId).orElseThrow();
        return switch (entry.state()) {
            case SENT -> CompletableFuture.completedFuture(new SendReceipt.Sent(entry.msgId(), localId, entry.chat(),
                    SendReceipt.Delivery.ANSWERED, 1, OutgoingSpec.quotedMsgId(entry.message())));
            case FAILED -> CompletableFuture.completedFuture(new SendReceipt.Failed(FailureReason.REJECTED, 0,
                    "refused before the restart: " + entry.failure()));
            // Pending in this run without a future: a stop cut it short, so send it now.
            case PENDING -> transmit(chat, message, localId);
        };
    }

    private CompletableFuture<SendReceipt> transmit(Contact chat, Outgoing message, String localId) {
        return sender.send(chat, message, localId).thenApply(receipt -> switch (receipt) {
            case SendReceipt.Sent sent -> {
                outbox.sent(localId, sent.msgId());
                yield sent;
            }
            // A stop closed the outbox first: whatever this attempt came to, the send stays pending there and goes
            // out (or is found delivered) after the next start. The caller is told so.
            case SendReceipt.Failed failed when outbox.isClosed() -> new SendReceipt.Failed(failed.reason(),
                    failed.code(), failed.detail() + "; kept in the outbox, it is settled after the next start");
            case SendReceipt.Failed failed -> {
                outbox.failed(localId, failed.reason() + ": " + failed.detail());
                yield failed;
            }
        });
    }
}

package dev.webwxbot.core.internal.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.core.internal.contact.ContactBook;
import dev.webwxbot.core.internal.identity.PermanentIds;
import dev.webwxbot.core.internal.message.MessageParser;
import dev.webwxbot.core.internal.protocol.Json;
import dev.webwxbot.core.internal.store.InboundJournal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where received messages enter the bot: drops repeats, journals the new ones, and only then tells the sync loop
 * it may move its cursor; then parses each message and hands it on, and marks it done in the journal once the
 * handler's stage completes. Also hands back, after a restart, what the journal holds unfinished. Thread-safe.
 */
final class Intake {

    private static final Logger log = LoggerFactory.getLogger(Intake.class);
    /** Journal writes wait for the disk; never on the event loop. */
    private static final Executor DISK = task -> Thread.ofVirtual().name("webwx-journal").start(task);

    /** Receives each message with the journal's stamp for it; completes when the message was handled. */
    interface Handler {
        CompletionStage<?> handle(MessageEvent message, long stamp);
    }

    private final InboundJournal journal;
    private final RecentMessageIds recent;
    private final MessageParser parser;
    private final Handler handler;
    private final PermanentIds permanentIds;

    Intake(InboundJournal journal, RecentMessageIds recent, ContactBook contacts, Handler handler) {
        this.journal = journal;
        this.recent = recent;
        this.parser = new MessageParser(contacts);
        this.permanentIds = contacts.permanentIds();
        this.handler = handler;
        recent.addAll(journal.knownIds());
    }

    /**
     * Takes in one sync answer's messages. Completes once every new one is journaled, which is when the caller may
     * save a cursor past them; fails (and forgets them, so the server's next delivery is not taken for a repeat)
     * when the journal could not keep them. Handing them on goes on after completion.
     */
    CompletableFuture<Void> take(List<JsonNode> messages) {
        List<JsonNode> fresh = new ArrayList<>(messages.size());
        List<String> freshIds = new ArrayList<>(messages.size());
        for (JsonNode message : messages) {
            String msgId = Json.text(message, "MsgId");
            if (recent.firstSighting(msgId)) {
                fresh.add(message);
                freshIds.add(msgId);
            } else {
                log.debug("message {} delivered again by the server; dropped", msgId);
            }
        }
        if (fresh.isEmpty()) return CompletableFuture.completedFuture(null);
        return CompletableFuture.supplyAsync(() -> journal.add(fresh), DISK)
                .whenComplete((entries, failure) -> {
                    if (failure != null) recent.forget(freshIds);
                })
                .thenAccept(entries -> entries.forEach(this::handOn));
    }

    /** Hands on, in arrival order, what an earlier run journaled but never finished. */
    void replayPending() {
        journal.pending().forEach(this::handOn);
    }

    /**
     * The earlier run's unfinished messages belong to a session that is gone (a fresh login): their user names no
     * longer route anywhere, so they are given up, loudly, rather than answered into the void.
     */
    void abandonPending() {
        List<InboundJournal.Entry> left = journal.pending();
        if (left.isEmpty()) return;
        log.warn("{} message(s) received by the previous session were never finished by the plugins; that session "
                + "ended, so they cannot be answered and are dropped from the journal", left.size());
        left.forEach(entry -> journal.done(entry.msgId()));
    }

    /** Waits for handlers to finish what was taken in, at most {@code timeout}; returns how many are unfinished. */
    int drain(Duration timeout) throws InterruptedException {
        return journal.awaitIdle(timeout);
    }

    private void handOn(InboundJournal.Entry entry) {
        Optional<MessageEvent> event;
        try {
            // Before this message reaches plugins, and before the later ones: they may come from the ids it names.
            permanentIds.learn(entry.raw());
            event = parser.parse(entry.raw());
            event.ifPresent(permanentIds::learn);
        } catch (RuntimeException e) {
            // The parser's contract is never to throw; this guards the journal against a broken promise.
            log.warn("message {} (MsgType {}) could not be parsed and was skipped: {}", entry.msgId(),
                    Json.text(entry.raw(), "MsgType"), e.toString());
            journal.done(entry.msgId());
            return;
        }
        if (event.isEmpty()) {
            journal.done(entry.msgId());
            return;
        }
        CompletionStage<?> handled;
        try {
            handled = handler.handle(event.get(), entry.stamp());
        } catch (RuntimeException e) {
            log.warn("handing message {} on failed: {}", entry.msgId(), e.toString());
            journal.done(entry.msgId());
            return;
        }
        handled.whenComplete((ignored, failure) -> journal.done(entry.msgId()));
    }
}

package dev.webwxbot.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.core.LoginProgress;
import dev.webwxbot.server.account.Account;
import dev.webwxbot.server.account.AccountState;
import dev.webwxbot.server.json.EventJson;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What {@code GET /api/v1/events/stream} sends: every account's events in the webhooks' envelope ({@link EventJson}),
 * each send of an account ({@code message.sent}), and its state and login steps ({@code account.state}). Publishing
 * never blocks the caller (the accounts' network threads): a stream that cannot keep up is ended, and its browser
 * reconnects. Thread-safe; the daemon closes it before its HTTP server, which ends every stream.
 */
public final class LiveEvents implements AutoCloseable {

    /** A stream's backlog; more than this unread and it is ended. */
    private static final int BACKLOG = 2000;
    private static final String END = "";

    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final AtomicLong sequence = new AtomicLong();
    private final Clock clock;
    private volatile boolean closed;

    public LiveEvents(Clock clock) {
        this.clock = clock;
    }

    /** An event of {@code account}, as a webhook would carry it. */
    public void event(String account, BotEvent event) {
        if (subscriptions.isEmpty()) return;
        publish(EventJson.envelope(UUID.randomUUID().toString(), account, clock.instant(), event));
    }

    /**
     * A send of {@code account} (a plugin's, a webhook reply's or the operator's), once it has its receipt:
     * {@code {msgId, localId, chat, kind, text, fileName, status, failure, time}}.
     */
    public void sent(String account, Contact chat, Outgoing message, SendReceipt receipt) {
        if (subscriptions.isEmpty()) return;
        ObjectNode sent = Replies.JSON.createObjectNode();
        switch (receipt) {
            case SendReceipt.Sent ok -> sent.put("msgId", ok.msgId()).put("localId", ok.localId()).put("status", "sent")
                    .put("failure", "");
            case SendReceipt.Failed failed -> sent.put("msgId", "").put("localId", "").put("status", "failed")
                    .put("failure", failed.reason().name() + (failed.detail().isEmpty() ? "" : ": " + failed.detail()));
        }
        sent.set("chat", EventJson.contact(chat));
        String kind = switch (message) {
            case Outgoing.Text t -> "text";
            case Outgoing.Quote q -> "quote";
            case Outgoing.Image i -> "image";
            case Outgoing.Video v -> "video";
            case Outgoing.File f -> "file";
            case Outgoing.Emoticon e -> "emoticon";
            case Outgoing.StoredEmoticon e -> "emoticon";
            case Outgoing.Forward f -> "forward";
            default -> "other";
        };
        sent.put("kind", kind);
        sent.put("text", switch (message) {
            case Outgoing.Text t -> t.text();
            case Outgoing.Quote q -> q.text();
            default -> "";
        });
        sent.put("fileName", switch (message) {
            case Outgoing.Image i -> i.file().getFileName().toString();
            case Outgoing.Video v -> v.file().getFileName().toString();
            case Outgoing.File f -> f.file().getFileName().toString();
            case Outgoing.Emoticon e -> e.file().getFileName().toString();
            default -> "";
        });
        sent.put("time", clock.instant().toString());
        publish(envelope(account, "message.sent", sent));
    }

    /** {@code account}'s state changed: the account as {@code GET /api/v1/accounts/{id}} shows it. */
    public void state(String account, AccountState state, Optional<Account> current) {
        if (subscriptions.isEmpty()) return;
        publish(envelope(account, "account.state", accountJson(account, state, current)));
    }

    /** A step of {@code account}'s login, with the account as it is now: {@code step} and, loading contacts, {@code loaded}. */
    public void login(String account, LoginProgress step, Optional<Account> current) {
        if (subscriptions.isEmpty()) return;
        ObjectNode node = accountJson(account, current.map(a -> a.status().state()).orElse(AccountState.LOGGING_IN), current);
        node.put("step", switch (step) {
            case LoginProgress.QrCode q -> "qr-code";
            case LoginProgress.PushSent p -> "push-sent";
            case LoginProgress.Scanned s -> "scanned";
            case LoginProgress.QrExpired e -> "qr-expired";
            case LoginProgress.Confirmed c -> "confirmed";
            case LoginProgress.LoadingContacts l -> "loading-contacts";
            case LoginProgress.Online o -> "online";
        });
        if (step instanceof LoginProgress.LoadingContacts loading) node.put("loaded", loading.loaded());
        publish(envelope(account, "account.state", node));
    }

    private static ObjectNode accountJson(String account, AccountState state, Optional<Account> current) {
        if (current.isPresent()) return ApiJson.account(current.get());
        ObjectNode node = Replies.JSON.createObjectNode();
        node.put("id", account);
        node.put("state", state.name());
        return node;
    }

    private ObjectNode envelope(String account, String type, ObjectNode event) {
        ObjectNode node = Replies.JSON.createObjectNode();
        node.put("id", UUID.randomUUID().toString());
        node.put("account", account);
        node.put("type", type);
        node.put("time", clock.instant().toString());
        node.set("event", event);
        return node;
    }

    private void publish(ObjectNode envelope) {
        String json;
        try {
            json = Replies.JSON.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
        long id = sequence.incrementAndGet();
        for (Subscription subscription : subscriptions) subscription.offer(id + "\n" + json);
    }

    /** A new stream's subscription; the stream closes it when it ends. */
    Subscription subscribe() {
        Subscription subscription = new Subscription();
        subscriptions.add(subscription);
        if (closed) subscription.end();
        return subscription;
    }

    /** Ends every stream; later subscriptions end at once. */
    @Override
    public void close() {
        closed = true;
        subscriptions.forEach(Subscription::end);
    }

    /** One stream's queue of {@code "<id>\n<json>"} entries. */
    final class Subscription implements AutoCloseable {
        private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(BACKLOG + 1);
        private volatile boolean ended;

        private void offer(String entry) {
            if (ended) return;
            if (queue.remainingCapacity() <= 1 || !queue.offer(entry)) end(); // too slow: its browser reconnects
        }

        private void end() {
            ended = true;
            queue.clear();
            queue.offer(END);
        }

        /** The next entry, or empty when none came within {@code wait} or the stream has ended (see {@link #ended}). */
        Optional<String> next(Duration wait) throws InterruptedException {
            String entry = queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (entry == null || entry.equals(END)) return Optional.empty();
            return Optional.of(entry);
        }

        boolean ended() {
            return ended;
        }

        @Override
        public void close() {
            ended = true;
            subscriptions.remove(this);
        }
    }
}

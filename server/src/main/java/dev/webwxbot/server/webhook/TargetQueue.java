package dev.webwxbot.server.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.MessageEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One target's queue: its journal ({@code <name>.jsonl}: {@code add} lines with the payload, {@code done} and
 * {@code dropped} lines by delivery id), the entries still waiting, and the one virtual thread that delivers them,
 * oldest first, one at a time. Thread-safe; closed by {@link Webhooks}.
 */
final class TargetQueue implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TargetQueue.class);
    /** Below this many lines a rewrite does not pay. */
    static final int COMPACT_MIN_LINES = 32;
    /** A longer answer is no reply; more is not read. */
    private static final int MAX_ANSWER_BYTES = 64 * 1024;

    /** A waiting delivery; {@code event} is absent for entries loaded from before a restart. */
    private record Entry(String id, String account, String type, Instant created, ObjectNode record, byte[] body,
                         MessageEvent event) {
    }

    private final Journal journal;
    private final HttpClient http;
    private final Clock clock;
    private final WebhookReplies replies;
    private final MeterRegistry registry;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Entry> pending = new ArrayDeque<>();
    private final Counter delivered;
    private final Counter failed;
    private final Counter dropped;
    private final Gauge queued;
    private final ExecutorService replyThread;
    private final Thread worker;
    private volatile WebhookTarget target;
    private volatile CompletableFuture<?> inFlight;
    private boolean closed;
    // Touched by the worker only.
    private int failuresInRow;
    private boolean dropWarned;

    private TargetQueue(WebhookTarget target, Journal journal, HttpClient http, Clock clock, WebhookReplies replies,
                        MeterRegistry registry) {
        this.target = target;
        this.journal = journal;
        this.http = http;
        this.clock = clock;
        this.replies = replies;
        this.registry = registry;
        String name = target.name();
        delivered = counter(registry, name, "delivered");
        failed = counter(registry, name, "failed");
        dropped = counter(registry, name, "dropped");
        queued = Gauge.builder("webwx.webhook.queue", this, TargetQueue::size).tag("target", name)
                .description("webhook deliveries waiting").strongReference(true).register(registry);
        replyThread = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("webhook-reply-" + name).factory());
        worker = Thread.ofVirtual().name("webhook-" + name).unstarted(this::run);
    }

    /** Opens the target's journal in {@code dir}, loads what is still undelivered and starts delivering it. */
    static TargetQueue open(Path dir, WebhookTarget target, HttpClient http, Clock clock, WebhookReplies replies,
                            MeterRegistry registry) throws IOException {
        Journal.Opened opened = Journal.open(dir.resolve(target.name() + ".jsonl"));
        TargetQueue queue = new TargetQueue(target, opened.journal(), http, clock, replies, registry);
        queue.replay(opened.records());
        queue.worker.start();
        return queue;
    }

    private void replay(List<ObjectNode> records) {
        Map<String, Entry> open = new LinkedHashMap<>();
        for (ObjectNode record : records) {
            String id = record.path("id").asText("");
            switch (record.path("op").asText("")) {
                case "add" -> {
                    ObjectNode payload = record.path("payload") instanceof ObjectNode p ? p : null;
                    Instant created = parseInstant(record.path("created").asText(""));
                    if (payload == null || created == null || id.isEmpty()) continue;
                    open.put(id, new Entry(id, payload.path("account").asText(""), payload.path("type").asText(""),
                            created, record, bytes(payload), null));
                }
                case "done", "dropped" -> open.remove(id);
                default -> { } // a later version's line: nothing this one can do with it
            }
        }
        pending.addAll(open.values());
        if (records.size() > pending.size()) compact();
        if (!pending.isEmpty()) {
            log.info("webhook {}: {} event(s) from before the last stop were not delivered yet; they go first",
                    target.name(), pending.size());
        }
    }

    /** Writes the delivery to disk (forced) and queues it; false when this queue is closed (target removed). */
    boolean add(String account, BotEvent event, ObjectNode payload) {
        Instant created = clock.instant();
        String id = payload.get("id").textValue();
        ObjectNode record = Journal.JSON.createObjectNode().put("op", "add").put("id", id)
                .put("created", created.toString());
        record.set("payload", payload);
        Entry entry = new Entry(id, account, payload.get("type").textValue(), created, record, bytes(payload),
                event instanceof MessageEvent m ? m : null);
        lock.lock();
        try {
            if (closed) return false;
            journal.append(record, true);
            pending.addLast(entry);
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    void update(WebhookTarget newTarget) {
        target = newTarget;
    }

    WebhookTarget target() {
        return target;
    }

    int size() {
        lock.lock();
        try {
            return pending.size();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        try {
            while (true) {
                Entry head = awaitHead();
                if (head == null) return;
                WebhookTarget t = target;
                if (dropExpired(t)) continue;
                String failure = attempt(head, t);
                if (failure == null) continue;
                failed.increment();
                failuresInRow++;
                if (failuresInRow == 1) {
                    log.warn("webhook {}: delivery to {} failed ({}); retrying with backoff, further failures are"
                            + " logged at DEBUG until it recovers", t.name(), t.safeUrl(), failure);
                } else {
                    log.debug("webhook {}: attempt {} failed ({})", t.name(), failuresInRow, failure);
                }
                if (!backoff(t)) return;
            }
        } catch (CancellationException | InterruptedException e) {
            // closing
        } catch (RuntimeException e) {
            if (!isClosed()) log.error("webhook {}: delivery stopped by a bug", target.name(), e);
        }
    }

    /** Posts {@code head}; null when delivered (and recorded), else why not. */
    private String attempt(Entry head, WebhookTarget t) throws InterruptedException {
        HttpRequest request = WebhookRequest.build(t, head.type(), head.id(), head.body(),
                clock.instant().getEpochSecond());
        HttpResponse<InputStream> response;
        try {
            response = await(http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()));
        } catch (ExecutionException e) {
            // Cancelled by close: no failure of the target's, nothing to count or log.
            if (isClosed()) throw new CancellationException("closing");
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) return "no answer within " + t.retry().timeout();
            return cause == null ? e.toString() : cause.getClass().getSimpleName();
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            WebhookRequest.closeQuietly(response.body());
            return "HTTP " + status;
        }
        // Recorded before the answer is read: a close meanwhile must not make it go out twice.
        finish(head, "done");
        dropWarned = false;
        if (failuresInRow > 0) {
            log.info("webhook {}: recovered after {} failed attempt(s); {} waiting event(s) delivered late",
                    t.name(), failuresInRow, size() + 1);
            failuresInRow = 0;
        }
        delivered.increment();
        byte[] answer = readAnswer(response.body(), t);
        if (answer.length > 0) reply(head, answer, t);
        return null;
    }

    private <T> T await(CompletableFuture<T> future) throws InterruptedException, ExecutionException {
        inFlight = future;
        try {
            if (isClosed()) future.cancel(true);
            return future.get();
        } finally {
            inFlight = null;
        }
    }

    /** The answer's first bytes, read within the target's timeout; empty when it is too long or too slow. */
    private byte[] readAnswer(InputStream body, WebhookTarget t) throws InterruptedException {
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
            try (body) {
                return body.readNBytes(MAX_ANSWER_BYTES + 1);
            } catch (IOException e) {
                return new byte[0];
            }
        }, Thread::startVirtualThread);
        try {
            inFlight = read;
            byte[] bytes = read.get(t.retry().timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (bytes.length <= MAX_ANSWER_BYTES) return bytes;
            log.debug("webhook {}: the answer is longer than {} bytes; no reply", t.name(), MAX_ANSWER_BYTES);
        } catch (TimeoutException | ExecutionException e) {
            log.debug("webhook {}: the answer's body did not arrive in time; no reply", t.name());
            WebhookRequest.closeQuietly(body);
        } finally {
            inFlight = null;
        }
        return new byte[0];
    }

    private void reply(Entry head, byte[] answer, WebhookTarget t) {
        var reply = ReplyBody.parse(t.name(), answer);
        if (reply.isEmpty()) return;
        if (head.event() == null) {
            // Loaded from before a restart: its chat's session-scoped id may name nobody now.
            log.debug("webhook {}: reply to delivery {} ignored: not a message of this run", t.name(), head.id());
            return;
        }
        if (head.event().envelope().fromSelf()) {
            // The account's own message (the bot's sends come back as such): a receiver that answers every message
            // would otherwise answer its own replies for ever.
            log.debug("webhook {}: reply to message {} ignored: the account's own message", t.name(), head.event().msgId());
            return;
        }
        replyThread.execute(() -> {
            try {
                replies.reply(head.account(), head.event(), reply.get());
            } catch (RuntimeException e) {
                log.warn("webhook {}: sending the reply to message {} failed: {}", t.name(), head.event().msgId(),
                        e.toString());
            }
        });
    }

    /** Drops the expired entries at the head; whether it dropped any. */
    private boolean dropExpired(WebhookTarget t) {
        Instant oldest = clock.instant().minus(t.retry().maxAge());
        int count = 0;
        lock.lock();
        try {
            while (!pending.isEmpty() && pending.peekFirst().created().isBefore(oldest)) {
                finish(pending.peekFirst(), "dropped");
                count++;
            }
        } finally {
            lock.unlock();
        }
        if (count == 0) return false;
        dropped.increment(count);
        if (!dropWarned) {
            log.warn("webhook {}: {} event(s) dropped undelivered after max-age {} (receiver {})", t.name(), count,
                    t.retry().maxAge(), t.safeUrl());
            dropWarned = true;
        } else {
            log.debug("webhook {}: {} more event(s) dropped after max-age", t.name(), count);
        }
        return true;
    }

    /** Removes the head, which is {@code entry}, and records why. */
    private void finish(Entry entry, String op) {
        lock.lock();
        try {
            if (pending.peekFirst() != entry) throw new IllegalStateException("only the head is finished");
            pending.removeFirst();
            // Not forced: losing this line in a power cut only means one more delivery, which receivers dedupe.
            journal.append(Journal.JSON.createObjectNode().put("op", op).put("id", entry.id()), false);
            long lines = journal.lines();
            if (lines >= COMPACT_MIN_LINES && lines - pending.size() > lines / 2) compact();
        } finally {
            lock.unlock();
        }
    }

    /** The file becomes the waiting entries' add lines. Lock held or opening. */
    private void compact() {
        List<ObjectNode> records = new ArrayList<>(pending.size());
        pending.forEach(entry -> records.add(entry.record()));
        journal.rewrite(records);
    }

    /** Waits for the oldest waiting entry; null when closed. */
    private Entry awaitHead() throws InterruptedException {
        lock.lock();
        try {
            while (!closed && pending.isEmpty()) changed.await();
            return closed ? null : pending.peekFirst();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits base * 2^(failures-1), capped, of which a random half (so targets failing together do not retry in
     * step); false when closed meanwhile.
     */
    private boolean backoff(WebhookTarget t) throws InterruptedException {
        long base = t.retry().backoffBase().toNanos();
        long cap = t.retry().backoffCap().toNanos();
        int doublings = Math.min(failuresInRow - 1, 40);
        long delay = doublings >= 62 || base > (cap >> doublings) ? cap : base << doublings;
        long wait = delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1);
        lock.lock();
        try {
            while (!closed && wait > 0) wait = changed.awaitNanos(wait);
            return !closed;
        } finally {
            lock.unlock();
        }
    }

    private boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Stops delivering (an attempt under way is abandoned and made again after the next start); keeps the file. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) return;
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        CompletableFuture<?> current = inFlight;
        if (current != null) current.cancel(true);
        try {
            if (!worker.join(Duration.ofSeconds(5))) log.warn("webhook {}: delivery did not stop", target.name());
            replyThread.shutdown();
            if (!replyThread.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("webhook {}: replies still being sent at close", target.name());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        journal.close();
        registry.remove(queued);
    }

    private static Counter counter(MeterRegistry registry, String target, String result) {
        return Counter.builder("webwx.webhook.deliveries").tag("target", target).tag("result", result)
                .description("webhook deliveries by outcome (failed: each failed attempt)").register(registry);
    }

    private static byte[] bytes(ObjectNode payload) {
        try {
            return Journal.JSON.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree always serialises", e);
        }
    }

    private static Instant parseInstant(String text) {
        try {
            return Instant.parse(text);
        } catch (RuntimeException e) {
            return null;
        }
    }
}

package dev.webwxbot.server.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.safeoutput.OwnerOnly;
import dev.webwxbot.server.json.EventJson;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers bot events to webhook targets, at least once, surviving restarts.
 *
 * <pre>{@code
 * Webhooks webhooks = Webhooks.start(dataDir.resolve("webhooks"), WebhookTarget.read(config), replies, registry,
 *         Clock.systemUTC());
 * webhooks.publish("alice", event);   // on disk for every target that wants it when this returns
 * webhooks.close();                   // what is undelivered stays queued for the next start
 * }</pre>
 *
 * <p>Each target has its own journal file in the queue folder, named after the target, and its own delivery
 * thread: a failing target never holds up another, and a target's events arrive one at a time in the order they
 * were published (entries left from before a restart first). A failed attempt (non-2xx, timeout, no connection)
 * is tried again after a backoff; an entry still undelivered after the target's max age is dropped with a warning.
 * Thread-safe; whoever starts it closes it.
 */
public final class Webhooks implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Webhooks.class);

    private final Path dir;
    private final WebhookReplies replies;
    private final MeterRegistry registry;
    private final Clock clock;
    private final ExecutorService httpThreads = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http;
    private final ReentrantLock lock = new ReentrantLock();
    /** Replaced whole under {@link #lock}; read without it by {@link #publish}. */
    private volatile Map<String, TargetQueue> queues = Map.of();
    private boolean closed;

    private Webhooks(Path dir, WebhookReplies replies, MeterRegistry registry, Clock clock) {
        this.dir = dir;
        this.replies = replies;
        this.registry = registry;
        this.clock = clock;
        // HTTP/1.1: a plain-http receiver then gets no h2c upgrade attempt, which some small servers mishandle.
        this.http = HttpClient.newBuilder().executor(httpThreads).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /**
     * Opens (creating, owner-only) the queue folder, loads every target's undelivered entries and starts
     * delivering them.
     *
     * @throws IllegalArgumentException when two targets share a name
     * @throws UncheckedIOException when the folder or a journal cannot be opened
     */
    public static Webhooks start(Path queueDir, List<WebhookTarget> targets, WebhookReplies replies,
                                 MeterRegistry registry, Clock clock) {
        Objects.requireNonNull(queueDir, "queueDir");
        Webhooks webhooks = new Webhooks(queueDir, Objects.requireNonNull(replies, "replies"),
                Objects.requireNonNull(registry, "registry"), Objects.requireNonNull(clock, "clock"));
        try {
            OwnerOnly.createDirectories(queueDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the webhook queue folder " + queueDir, e);
        }
        try {
            webhooks.reconfigure(targets);
        } catch (RuntimeException e) {
            webhooks.close();
            throw e;
        }
        return webhooks;
    }

    /**
     * Queues {@code event} for every target that wants it, each as its own delivery with its own id, and returns
     * once every one of those is forced to the disk. Events no target wants are not written. May block on the disk;
     * callers are virtual threads.
     *
     * @throws IllegalStateException when closed
     * @throws UncheckedIOException when a journal cannot be written (the event may then reach only some targets)
     */
    public void publish(String accountId, BotEvent event) {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(event, "event");
        if (isClosed()) throw new IllegalStateException("webhooks are closed");
        String type = EventJson.type(event);
        Instant time = clock.instant();
        for (TargetQueue queue : queues.values()) {
            if (!queue.target().wants(accountId, type)) continue;
            ObjectNode payload = EventJson.envelope(UUID.randomUUID().toString(), accountId, time, event);
            // False: the target was removed by a reconfigure running meanwhile, which is what the caller wanted.
            queue.add(accountId, event, payload);
        }
    }

    /**
     * Replaces the targets. A target keeping its name keeps its queue and takes the new settings (URL, secret,
     * filters, retry) from its next attempt on; a removed target stops, its file staying in the folder (should it
     * come back, its entries are delivered then); a new one starts, with whatever its file already holds.
     *
     * @throws IllegalArgumentException when two targets share a name (nothing is changed then)
     */
    public void reconfigure(List<WebhookTarget> targets) {
        Set<String> names = new HashSet<>();
        for (WebhookTarget target : targets) {
            if (!names.add(target.name())) {
                throw new IllegalArgumentException("two webhook targets are named " + target.name());
            }
        }
        lock.lock();
        try {
            if (closed) throw new IllegalStateException("webhooks are closed");
            Map<String, TargetQueue> old = queues;
            Map<String, TargetQueue> next = new LinkedHashMap<>();
            try {
                for (WebhookTarget target : targets) {
                    TargetQueue queue = old.get(target.name());
                    boolean newlyUnsigned = target.secret().isEmpty()
                            && (queue == null || !queue.target().secret().isEmpty());
                    if (newlyUnsigned) {
                        log.warn("webhook {}: no secret, so requests to {} are not signed and a receiver cannot tell"
                                + " them from forged ones", target.name(), target.safeUrl());
                    }
                    if (queue == null) {
                        queue = TargetQueue.open(dir, target, http, clock, replies, registry);
                    } else {
                        queue.update(target);
                    }
                    next.put(target.name(), queue);
                }
            } catch (IOException e) {
                next.values().stream().filter(q -> !old.containsValue(q)).forEach(TargetQueue::close);
                throw new UncheckedIOException("cannot open a webhook queue in " + dir, e);
            }
            queues = Collections.unmodifiableMap(next);
            old.forEach((name, queue) -> {
                if (!next.containsKey(name)) {
                    int left = queue.size();
                    queue.close();
                    if (left > 0) {
                        log.info("webhook {}: removed with {} undelivered event(s); they stay in its queue file",
                                name, left);
                    }
                }
            });
        } finally {
            lock.unlock();
        }
    }

    /** The current targets, in the order configured. */
    public List<WebhookTarget> targets() {
        return queues.values().stream().map(TargetQueue::target).toList();
    }

    private boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Stops delivering; what is undelivered stays on disk for the next start. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) return;
            closed = true;
            queues.values().forEach(TargetQueue::close);
            queues = Map.of();
        } finally {
            lock.unlock();
        }
        http.shutdownNow();
        httpThreads.shutdownNow();
    }
}

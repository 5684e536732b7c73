package dev.webwxbot.cluster.stream;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.cluster.AccountOwner;
import dev.webwxbot.cluster.Cluster;
import dev.webwxbot.cluster.ClusterSettings;
import dev.webwxbot.core.ChatPauses;
import dev.webwxbot.core.PausedChat;
import dev.webwxbot.core.SessionStateStorage;
import dev.webwxbot.core.chain.DispatchTrace;
import io.lettuce.core.ScoredValue;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A daemon's worker role: it runs the plugin chain for the accounts whose <em>processing lease</em> it holds, reading
 * each one's event stream in order (so that a conversation's next message comes to the worker that waits for it), and
 * answers through the gateway holding the account. A message is handed to plugins once: the ids the chain has
 * finished are kept in Redis, and a message published again (its gateway died before hearing it was finished) is
 * only reported finished again. A worker that dies with messages half-handled leaves them to the next holder of the
 * account's processing lease, which runs them again (their sends are recognised and not sent twice).
 *
 * <pre>{@code
 * try (Worker worker = Worker.start(settings, (account, event, bot) -> host.dispatch(event, bot, account))) {
 *     host.pauses(worker::pauses);
 *     ...
 * }
 * }</pre>
 */
public final class Worker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Worker.class);
    /** How many finished message ids an account keeps in Redis: more than a gateway re-publishes after a takeover. */
    static final int HANDLED_KEPT = 10_000;
    private static final Duration CALL_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration HAND_OVER_WAIT = Duration.ofSeconds(30);
    /** Bounds the wait, at close, for the accounts follower's round: a few Redis calls, each bounded by the link. */
    private static final Duration FOLLOWER_ROUND = Duration.ofSeconds(10);

    /** What runs an account's events on this worker: the plugin chain. */
    public interface Chain {
        /** Runs {@code event} of {@code account} through the chain, answering through {@code bot}. */
        CompletionStage<DispatchTrace> dispatch(String account, BotEvent event, Bot bot);

        /**
         * The bot for what {@code account} does on its own here (plugins' jobs): told when this worker comes to
         * process the account and after each event (whose handling had a bot of its own).
         */
        default void online(String account, Bot bot) {
        }

        /** {@code account}'s events go to another worker now: end what belongs to its handling here. */
        default void released(String account) {
        }
    }

    private final StreamLink link;
    private final StreamKeys keys;
    private final Chain chain;
    private final Clock clock;
    private final Caller caller;
    private final Set<String> served = ConcurrentHashMap.newKeySet();
    private final Map<String, WorkerPauses> pauses = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> busy = new ConcurrentHashMap<>();
    /**
     * Messages running here now, by account and message id, each with its end: a second copy of one is not run
     * again, and finishes when the first does.
     */
    private final Map<String, CompletableFuture<Void>> running = new ConcurrentHashMap<>();
    private final AtomicLong finishedCount = new AtomicLong();
    private final StreamLoop events;
    private final Cluster cluster;
    private final Thread follower;
    /** Ends the follower's wait at once; it is never interrupted (an interrupted Redis call would read as an outage). */
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile boolean closed;

    private Worker(ClusterSettings settings, Chain chain, Clock clock) {
        this.link = new StreamLink(settings.redis());
        this.keys = new StreamKeys(settings.keyPrefix());
        this.chain = chain;
        this.clock = clock;
        Caller calls = null;
        StreamLoop reader = null;
        try {
            calls = new Caller(link, keys, settings.node(), CALL_TIMEOUT);
            reader = new StreamLoop("worker-events", link, keys::events, StreamKeys.WORKERS, settings.node(),
                    () -> Set.copyOf(served), this::take);
            this.cluster = Cluster.join(new ClusterSettings(settings.redis(), settings.node(), settings.lease(),
                    keys.workers()), new Leases());
        } catch (RuntimeException e) {
            if (reader != null) reader.close();
            if (calls != null) calls.close();
            link.close();
            throw e;
        }
        this.caller = calls;
        this.events = reader;
        Duration every = settings.lease().dividedBy(3);
        this.follower = Thread.ofVirtual().name("webwx-worker-accounts").start(() -> followAccounts(settings.keyPrefix(), every));
    }

    /**
     * Keeps the processing leases claimed for the accounts the gateways run (the cluster's {@code <prefix>:accounts},
     * which each gateway fills with its configured and API-added accounts): a worker needs no account list of its own.
     * Unlike daemons, workers share the accounts again when one joins: moving a processing lease costs no reconnect.
     */
    private void followAccounts(String prefix, Duration every) {
        Set<String> known = Set.of();
        boolean failing = false;
        while (!closed) {
            try {
                Set<String> now = Set.copyOf(link.shared().sync().smembers(prefix + ":accounts"));
                // A worker that joined since wins some of this one's accounts: handed over for a round, it claims them.
                Set<String> giving = cluster.preferredElsewhere();
                Set<String> wanted = giving.isEmpty() ? now
                        : now.stream().filter(account -> !giving.contains(account)).collect(Collectors.toSet());
                if (!wanted.equals(known)) cluster.run(wanted);
                known = wanted;
                failing = false;
            } catch (RuntimeException e) {
                if (closed) return;
                if (!failing) log.warn("worker: reading the cluster's accounts from Redis failed, retrying: {}", e.toString());
                failing = true;
            }
            try {
                if (closing.await(every.toMillis(), TimeUnit.MILLISECONDS)) return;
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Starts the worker role: it claims processing leases for the accounts the cluster's gateways run, and follows
     * that list as it changes.
     *
     * @param settings the cluster's settings (its Redis, its key prefix); the processing leases live under the prefix
     *     {@code <prefix>:work}, and {@code settings.node()} names this worker there
     */
    public static Worker start(ClusterSettings settings, Chain chain) {
        return new Worker(settings, chain, Clock.systemUTC());
    }

    /** The accounts whose events this worker runs now. */
    public Set<String> held() {
        return Set.copyOf(served);
    }

    /** {@code account}'s paused chats as its published messages told them (for the chain's pause check). */
    public ChatPauses pauses(String account) {
        return pausesOf(account);
    }

    private WorkerPauses pausesOf(String account) {
        return pauses.computeIfAbsent(account, ignored -> new WorkerPauses(clock));
    }

    /** How many messages this worker has run through the chain (or found run already) since it started. */
    public long finished() {
        return finishedCount.get();
    }

    /**
     * Takes one entry of {@code account}'s event stream; false when the account is no longer processed here (it was
     * handed over while the entry was on its way: the next worker reads it).
     */
    private boolean take(String account, String id, Map<String, String> body, Runnable finished) {
        AtomicInteger counter = busy.computeIfAbsent(account, ignored -> new AtomicInteger());
        counter.incrementAndGet(); // before the check: a hand-over waits for this entry, or this entry sees it
        if (!served.contains(account)) {
            counter.decrementAndGet();
            return false;
        }
        String key = body.getOrDefault("msg", "");
        String runningKey = account + '\n' + key;
        CompletableFuture<Void> mine = new CompletableFuture<>();
        Runnable done = () -> {
            running.remove(runningKey, mine);
            mine.complete(null);
            finishedCount.incrementAndGet();
            counter.decrementAndGet();
            finished.run();
        };
        if (!key.isEmpty()) {
            CompletableFuture<Void> first = running.putIfAbsent(runningKey, mine);
            if (first != null) {
                // The first copy still runs and its report covers this one, which is finished (acknowledged) with
                // it: a worker dying meanwhile leaves both to the next worker, not just the first.
                first.whenComplete((ignored, failure) -> done.run());
                return true;
            }
            if (link.shared().sync().zscore(keys.handled(account), key) != null) {
                // Published again by a gateway that never heard it was finished: only the report is due.
                report(account, key, List.of()).whenComplete((written, failure) -> done.run());
                return true;
            }
        }
        BotEvent event;
        Contact self;
        try {
            event = WireJson.read(body.get("event"), BotEvent.class);
            self = WireJson.read(body.get("self"), Contact.class);
            Optional<PausedChat> pause = body.containsKey("pause")
                    ? Optional.of(WireJson.read(body.get("pause"), PausedChat.class)) : Optional.empty();
            if (event instanceof MessageEvent message) {
                pausesOf(account).heard(message.chat().userName(), pause);
            }
        } catch (RuntimeException e) {
            log.error("account {}: event stream entry {} cannot be read and is skipped: {}", account, id, e.getMessage());
            CompletableFuture<?> reported = key.isEmpty() ? CompletableFuture.completedFuture(null)
                    : report(account, key, List.of());
            reported.whenComplete((written, failure) -> done.run());
            return true;
        }
        CompletionStage<DispatchTrace> run;
        try {
            boolean numbered = body.containsKey("numbered");
            run = chain.dispatch(account, event, new RemoteBot(caller, account, key, numbered, self));
            chain.online(account, new RemoteBot(caller, account, "", false, self));
        } catch (RuntimeException e) {
            run = CompletableFuture.failedFuture(e);
        }
        run.handle((trace, failure) -> {
            if (failure != null) {
                log.warn("account {}: dispatching {} failed: {}", account, event.getClass().getSimpleName(), failure.toString());
            }
            if (key.isEmpty()) return CompletableFuture.completedFuture(null);
            return remember(account, key).thenCompose(kept -> report(account, key, trace == null ? List.of() : trace.steps()));
        }).thenCompose(written -> written).whenComplete((written, failure) -> {
            // Only once both are in Redis: a worker handing the account over waits for this, so none is lost.
            done.run();
        });
        return true;
    }

    /** Keeps {@code messageId} among the account's finished ones, before the gateway hears of it. */
    private CompletableFuture<?> remember(String account, String messageId) {
        if (finishedCount.get() % 100 == 0) {
            link.shared().async().zremrangebyrank(keys.handled(account), 0, -HANDLED_KEPT - 1);
        }
        return link.shared().async().zadd(keys.handled(account), ScoredValue.just(clock.millis(), messageId))
                .toCompletableFuture().exceptionally(failure -> {
                    log.warn("account {}: a finished message could not be kept as finished: {}", account, failure.toString());
                    return null;
                });
    }

    /** Tells the account's gateway that the chain is finished with {@code messageId}. */
    private CompletableFuture<?> report(String account, String messageId, List<DispatchTrace.Step> steps) {
        return caller.tell(account, Call.done(caller.nextId(), messageId, WireJson.write(steps, WireJson.STEPS)))
                .exceptionally(failure -> {
                    // The gateway re-publishes what it never heard of; the id kept above answers then.
                    log.warn("account {}: a finished message could not be reported: {}", account, failure.toString());
                    return null;
                });
    }

    @Override
    public void close() {
        closed = true;
        closing.countDown();
        try {
            // Its round in progress ends before the leases are handed over, so it cannot claim one back after.
            follower.join(FOLLOWER_ROUND);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            cluster.close(); // hands every account over, each after its running messages
        } finally {
            events.close();
            caller.close();
            link.close();
        }
    }

    /** The processing leases: an account's events are read here while its lease is held. */
    private final class Leases implements AccountOwner {
        @Override
        public void acquired(String account, SessionStateStorage storage) {
            served.add(account);
            chain.online(account, new RemoteBot(caller, account, "", false, null));
            log.info("worker: processing account {}", account);
        }

        @Override
        public void released(String account, Release why) {
            served.remove(account);
            if (why != Release.LOST) awaitIdle(account);
            chain.released(account);
            log.info("worker: no longer processing account {} ({})", account, why);
        }

        /** Lets the account's running messages finish (within a bound), so the next worker does not run them again. */
        private void awaitIdle(String account) {
            AtomicInteger counter = busy.get(account);
            long deadline = System.nanoTime() + HAND_OVER_WAIT.toNanos();
            while (counter != null && counter.get() > 0 && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}

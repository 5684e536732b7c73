package dev.webwxbot.cluster;

import io.lettuce.core.SetArgs;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work behind {@link Cluster}: one virtual thread ticking every lease/6 that beats the heartbeat (every
 * lease/3, noticing drain requests), renews the held leases in one script and claims accounts (every lease/3, after
 * the first heartbeat interval); a watchdog thread gives up a lease not renewed for lease − lease/3, however long a
 * Redis call blocks the loop. The owner's calls run on virtual threads, chained per account so that they never
 * overlap or reorder for one account.
 */
final class Member {

    private static final Logger log = LoggerFactory.getLogger(Cluster.class);

    final ClusterSettings settings;
    final RedisLink redis;
    final Keys keys;
    final Clock clock;
    private final AccountOwner owner;
    private final LongSupplier ticker;
    private final long leaseMillis;
    private final long beatNanos;
    private final long tickNanos;
    private final long joinedAt;
    private final Instant startedAt;
    private final SecureRandom random = new SecureRandom();
    private final ExecutorService calls;
    private final ConcurrentHashMap<String, Holding> held = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, CompletableFuture<Void>> chains = new ConcurrentHashMap<>();
    private final Map<String, Long> unheldSince = new HashMap<>(); // the loop thread's only
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private volatile Set<String> wanted = Set.of();
    private volatile boolean draining;
    private volatile boolean stopping;
    private long lastBeat;
    private long lastClaim;
    private Thread loop;
    private Thread watchdog;

    Member(ClusterSettings settings, AccountOwner owner, RedisLink redis, Clock clock, LongSupplier ticker) {
        this.settings = settings;
        this.owner = owner;
        this.redis = redis;
        this.keys = new Keys(settings.keyPrefix());
        this.clock = clock;
        this.ticker = ticker;
        this.leaseMillis = settings.lease().toMillis();
        this.beatNanos = settings.lease().toNanos() / 3;
        this.tickNanos = settings.lease().toNanos() / 6;
        this.joinedAt = ticker.getAsLong();
        this.lastBeat = joinedAt;
        this.lastClaim = joinedAt;
        this.startedAt = clock.instant();
        redis.onReachability(new RedisLink.Reachability() {
            @Override
            public void down() {
                log.warn("Redis at {} is unreachable: node {} gives up its accounts before their leases expire "
                        + "and claims none until it is back", redis.where(), node());
            }

            @Override
            public void up() {
                log.info("Redis at {} is reachable again: node {} claims accounts again", redis.where(), node());
            }
        });
        this.calls = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("cluster-" + settings.node() + "-owner-", 0).factory());
    }

    /** Registers the heartbeat (failing when the name is live elsewhere) and starts the loop. */
    void start() {
        registerName();
        redis.call(c -> {
            c.sadd(keys.nodes(), node());
            return c.del(keys.drain(node())); // a request addressed to an earlier daemon of this name
        });
        loop = Thread.ofVirtual().name("cluster-" + node()).start(this::loop);
        watchdog = Thread.ofVirtual().name("cluster-" + node() + "-watchdog").start(this::watch);
        log.info("joined the cluster at {} as node {}", redis.where(), node());
    }

    /**
     * Sets this node's heartbeat key, if no other daemon's heartbeat holds it. A heartbeat found there may be this
     * daemon's own from before a crash (a restart under the same name, sooner than a lease): it is watched until it
     * either expires (the name is free) or beats (a live daemon has the name), at most one lease and a heartbeat.
     */
    private void registerName() {
        long deadline = ticker.getAsLong() + settings.lease().toNanos() + beatNanos;
        String found = null;
        while (true) {
            String beat = new Heartbeat(startedAt, clock.instant(), false).value();
            if (redis.call(c -> c.set(keys.node(node()), beat, SetArgs.Builder.nx().px(leaseMillis))) != null) return;
            String now = redis.call(c -> c.get(keys.node(node())));
            if (found == null) found = now;
            if (now != null && (!now.equals(found) || ticker.getAsLong() - deadline >= 0)) {
                throw new ClusterException("node name '" + node() + "' is already used by a live daemon of the cluster");
            }
            try {
                Thread.sleep(Duration.ofNanos(tickNanos / 2)); // waiting for another process's key to expire or beat
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClusterException("interrupted while joining the cluster as node " + node());
            }
        }
    }

    String node() {
        return settings.node();
    }

    Set<String> held() {
        return Set.copyOf(held.keySet());
    }

    boolean draining() {
        return draining;
    }

    void run(Set<String> accounts) {
        wanted = Set.copyOf(accounts);
        for (Holding holding : held.values()) {
            if (!wanted.contains(holding.account)) handOver(holding, AccountOwner.Release.REMOVED);
        }
        wakeLoop();
    }

    void drain() {
        if (!draining) {
            draining = true;
            log.info("node {} draining: handing its accounts over", node());
            wakeLoop();
        }
        while (!held.isEmpty()) {
            held.values().forEach(holding -> handOver(holding, AccountOwner.Release.HANDED_OVER));
            CompletableFuture.allOf(chains.values().toArray(CompletableFuture[]::new)).join();
        }
    }

    /** After {@link #drain}: stops the loop and leaves the cluster. */
    void leave() {
        stopping = true;
        wakeLoop();
        try {
            loop.join();
            watchdog.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            redis.call(c -> {
                c.del(keys.node(node()));
                return c.srem(keys.nodes(), node());
            });
        } catch (RuntimeException e) {
            log.info("node {} left without removing its heartbeat (Redis unreachable): it expires within the lease", node());
        }
        calls.close();
        log.info("node {} left the cluster", node());
    }

    private void wakeLoop() {
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        while (!stopping) {
            try {
                tick();
            } catch (RuntimeException e) {
                log.error("cluster node {}: unexpected failure in its loop; carrying on", node(), e);
            }
            lock.lock();
            try {
                if (!stopping) wake.awaitNanos(tickNanos);
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Gives up leases on time whatever the loop is doing: a loop blocked on a Redis call that does not answer must not
     * delay it, so the watchdog looks every lease/12 and never talks to Redis itself.
     */
    private void watch() {
        long every = settings.lease().toNanos() / 12;
        while (!stopping) {
            giveUpExpiring();
            lock.lock();
            try {
                if (!stopping) wake.awaitNanos(every);
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
        }
    }

    private void tick() {
        long now = ticker.getAsLong();
        if (now - lastBeat >= beatNanos) {
            if (redisStep(this::beat)) lastBeat = now;
        }
        redisStep(this::renew);
        now = ticker.getAsLong();
        if (!draining && now - joinedAt >= beatNanos && now - lastClaim >= beatNanos) {
            if (redisStep(this::claim)) lastClaim = now;
        }
    }

    /** Runs one step against Redis; false when Redis could not be reached (the link logged the change). */
    private boolean redisStep(Runnable step) {
        try {
            step.run();
            return true;
        } catch (RedisLink.RedisDown e) {
            return false;
        }
    }

    private void beat() {
        String beat = new Heartbeat(startedAt, clock.instant(), draining).value();
        boolean drainRequested = redis.call(c -> {
            c.set(keys.node(node()), beat, SetArgs.Builder.px(leaseMillis));
            c.sadd(keys.nodes(), node());
            return c.del(keys.drain(node())) > 0;
        });
        if (drainRequested && !draining) {
            log.info("node {} was asked to drain", node());
            Thread.ofVirtual().name("cluster-" + node() + "-drain").start(this::drain);
        }
    }

    private void renew() {
        List<Holding> renewing = new ArrayList<>();
        long now = ticker.getAsLong();
        boolean due = false;
        for (Holding holding : held.values()) {
            if (holding.leaving() == AccountOwner.Release.LOST) continue;
            renewing.add(holding);
            due |= holding.timer.renewalDue(now);
        }
        if (!due) return;
        String[] leaseKeys = renewing.stream().map(h -> keys.lease(h.account)).toArray(String[]::new);
        String[] args = new String[renewing.size() + 1];
        args[0] = Long.toString(leaseMillis);
        for (int i = 0; i < renewing.size(); i++) args[i + 1] = renewing.get(i).claim;
        long sentAt = ticker.getAsLong();
        List<Long> renewed = redis.call(c -> c.<List<Long>>eval(Scripts.RENEW_ALL,
                io.lettuce.core.ScriptOutputType.MULTI, leaseKeys, args));
        for (int i = 0; i < renewing.size(); i++) {
            Holding holding = renewing.get(i);
            if (renewed.get(i) == 1L) holding.timer.renewed(sentAt);
            else lose(holding, "another daemon holds its lease now");
        }
    }

    private void giveUpExpiring() {
        long now = ticker.getAsLong();
        for (Holding holding : held.values()) {
            if (holding.leaving() == null && holding.timer.expiring(now)) {
                lose(holding, "its lease could not be renewed in time");
            }
        }
    }

    private void claim() {
        Set<String> want = wanted;
        if (want.isEmpty()) return;
        List<String> names = new ArrayList<>(redis.call(c -> {
            c.sadd(keys.accounts(), want.toArray(String[]::new));
            return c.smembers(keys.nodes());
        }));
        Set<String> live = new HashSet<>();
        live.add(node());
        names.remove(node());
        List<String> beats = values(names.stream().map(keys::node).toList());
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Heartbeat.parse(beats.get(i)).filter(beat -> !beat.draining()).ifPresent(beat -> live.add(name));
        }
        unheldSince.keySet().retainAll(want);
        List<String> candidates = want.stream().filter(a -> !held.containsKey(a)).sorted().toList();
        if (candidates.isEmpty()) return;
        List<String> leases = values(candidates.stream().map(keys::lease).toList());
        long now = ticker.getAsLong();
        for (int i = 0; i < candidates.size(); i++) {
            String account = candidates.get(i);
            if (leases.get(i) != null) {
                unheldSince.remove(account);
                continue;
            }
            Long since = unheldSince.putIfAbsent(account, now);
            boolean mine = Rendezvous.preferred(account, live).orElseThrow().equals(node());
            if (mine || (since != null && now - since >= settings.lease().toNanos())) tryClaim(account);
        }
    }

    /** The values of {@code keyList} in order, null where a key is absent (MGET, which needs at least one key). */
    private List<String> values(List<String> keyList) {
        if (keyList.isEmpty()) return List.of();
        return redis.call(c -> c.mget(keyList.toArray(String[]::new))).stream()
                .map(kv -> kv.getValueOrElse(null)).toList();
    }

    private void tryClaim(String account) {
        byte[] token = new byte[16];
        random.nextBytes(token);
        String claim = node() + " " + HexFormat.of().formatHex(token);
        long sentAt = ticker.getAsLong();
        String set = redis.call(c -> c.set(keys.lease(account), claim, SetArgs.Builder.nx().px(leaseMillis)));
        if (set == null) return; // another daemon was quicker
        unheldSince.remove(account);
        Holding holding = new Holding(account, claim, new LeaseTimer(settings.lease(), sentAt),
                new RedisStateStorage(redis, keys, account, claim, clock));
        held.put(account, holding);
        if (draining || !wanted.contains(account)) {
            // drain() or run() raced this claim: let go of it at once, the owner never hears of it
            holding.leave(AccountOwner.Release.HANDED_OVER);
            holding.storage.revoke();
            deleteLease(holding);
            held.remove(account, holding);
            return;
        }
        log.info("node {} holds account {}", node(), account);
        schedule(account, () -> owner.acquired(account, holding.storage), "starting");
    }

    /** The lease is gone or about to be: stop the account here at once, before another daemon can claim it. */
    private void lose(Holding holding, String why) {
        if (!holding.leave(AccountOwner.Release.LOST)) return;
        held.remove(holding.account, holding);
        log.warn("node {} lost account {}: {}; its session stops here so that another daemon can resume it",
                node(), holding.account, why);
        schedule(holding.account, () -> {
            try {
                owner.released(holding.account, AccountOwner.Release.LOST);
            } finally {
                holding.storage.revoke();
                try {
                    deleteLease(holding); // the session has stopped: the next holder need not wait for the expiry
                } catch (RuntimeException unreachable) {
                    // it expires on its own
                }
            }
        }, "stopping");
    }

    /** Stops the account cleanly, then deletes its lease so that the next daemon claims it at once. */
    private void handOver(Holding holding, AccountOwner.Release why) {
        if (!holding.leave(why)) return;
        schedule(holding.account, () -> {
            try {
                owner.released(holding.account, why);
            } finally {
                holding.storage.revoke();
                held.remove(holding.account, holding);
                try {
                    deleteLease(holding);
                    log.info("node {} handed account {} over", node(), holding.account);
                } catch (RuntimeException e) {
                    log.info("node {} stopped account {}; its lease expires on its own (Redis unreachable)",
                            node(), holding.account);
                }
            }
        }, "handing over");
    }

    private void deleteLease(Holding holding) {
        redis.call(c -> c.<Long>eval(Scripts.RELEASE, io.lettuce.core.ScriptOutputType.INTEGER,
                new String[] {keys.lease(holding.account)}, holding.claim));
    }

    /** Runs {@code call} after every earlier owner call for {@code account}, on a virtual thread. */
    private void schedule(String account, Runnable call, String doing) {
        Runnable guarded = () -> {
            try {
                call.run();
            } catch (RuntimeException e) {
                log.error("node {}: the daemon failed {} account {}", node(), doing, account, e);
            }
        };
        chains.compute(account, (a, previous) -> previous == null
                ? CompletableFuture.runAsync(guarded, calls)
                : previous.thenRunAsync(guarded, calls));
    }
}

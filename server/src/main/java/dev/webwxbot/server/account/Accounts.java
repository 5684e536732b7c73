package dev.webwxbot.server.account;

import com.typesafe.config.Config;
import dev.webwxbot.cluster.Cluster;
import dev.webwxbot.cluster.ClusterSettings;
import dev.webwxbot.core.SessionMonitor;
import dev.webwxbot.core.WebWxClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accounts of the daemon, all sharing one client (one event-loop group) and one event sink (one plugin host):
 * started together, each logging in on its own; added, removed, logged in and out while the daemon runs, from the
 * API or a configuration reload. Thread-safe: changes are serialised; reading never waits for a login.
 */
public final class Accounts implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Accounts.class);

    private final WebWxClient client;
    private final Path dataDir;
    private final AccountEvents events;
    private final Function<String, SessionMonitor> monitors;
    private final AddedAccounts added;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Account> accounts = new LinkedHashMap<>(); // guarded by lock for writes
    private volatile List<Account> snapshot = List.of();
    private volatile Config root;
    private final Clock clock;
    /** The cluster this daemon is a member of; null for a daemon of its own (every account runs here). */
    private volatile Cluster cluster;

    /**
     * @param monitors the monitor (metrics) of each account's sessions, by account id
     * @param clock the accounts' login guards' time
     */
    public Accounts(WebWxClient client, Path dataDir, Config root, AccountEvents events,
                    Function<String, SessionMonitor> monitors, Clock clock) {
        this.clock = clock;
        this.client = client;
        this.dataDir = dataDir;
        this.root = root;
        this.events = events;
        this.monitors = monitors;
        this.added = new AddedAccounts(dataDir);
    }

    /**
     * Makes this daemon a member of a cluster (docs/cluster.md): from {@link #start} on, an account runs here only
     * while this daemon holds its lease, on the session state kept in Redis. Call before {@link #start}.
     *
     * @throws dev.webwxbot.cluster.ClusterException when Redis cannot be reached or the node name is taken
     */
    public void joinCluster(ClusterSettings settings) {
        cluster = Cluster.join(settings, new AccountLeases(this::get, events));
        log.info("joined the cluster as node {} (lease {})", settings.node(), settings.lease());
    }

    /** The cluster this daemon is a member of, if any. */
    public Optional<Cluster> cluster() {
        return Optional.ofNullable(cluster);
    }

    /** Reads the configured and API-added accounts and starts each one's login; the first call of a daemon. */
    public List<Account> start() {
        apply(root);
        return list();
    }

    /** Every account, in configuration order. */
    public List<Account> list() {
        return snapshot;
    }

    public Optional<Account> get(String id) {
        for (Account account : snapshot) {
            if (account.id().equals(id)) return Optional.of(account);
        }
        return Optional.empty();
    }

    /**
     * The configuration changed: accounts no longer in it stop (their folders stay), new ones start, the others
     * keep their session and use their new settings from their next login.
     *
     * @throws IllegalArgumentException for an invalid accounts block; nothing is changed then
     */
    public void reconfigure(Config fresh) {
        apply(fresh);
    }

    /**
     * Adds an account through the API and starts its login; remembered in {@code DATA_DIR/accounts.conf}.
     *
     * @param block its settings, the keys of an account block
     * @throws IllegalArgumentException for an invalid id or setting
     * @throws IllegalStateException when an account with that id exists
     */
    public Account add(String id, Config block) {
        lock.lock();
        try {
            if (accounts.containsKey(id)) throw new IllegalStateException("an account named '" + id + "' exists already");
            AccountConfig config = AccountConfigs.one(root, id, block, dataDir, true);
            added.add(id, block);
            Account account = startAccount(config);
            publish();
            log.info("account {} added through the API", id);
            return account;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops an account added through the API and forgets it (its folder, with the saved session, stays).
     *
     * @throws IllegalArgumentException for an unknown id
     * @throws IllegalStateException for an account of the operator's configuration file, which only that file removes
     */
    public void remove(String id) {
        Account account;
        lock.lock();
        try {
            account = accounts.get(id);
            if (account == null) throw new IllegalArgumentException("no account named '" + id + "'");
            if (!account.config().fromApi()) {
                throw new IllegalStateException("account '" + id + "' comes from the configuration file; remove it there");
            }
            added.remove(id);
            accounts.remove(id);
            publish();
        } finally {
            lock.unlock();
        }
        runInCluster();
        account.stop();
        events.removed(id);
        log.info("account {} removed through the API", id);
    }

    private void apply(Config config) {
        List<AccountConfig> wanted = AccountConfigs.read(config, dataDir, added.load());
        Set<String> ids = wanted.stream().map(AccountConfig::id).collect(Collectors.toSet());
        List<Account> gone = new ArrayList<>();
        lock.lock();
        try {
            root = config;
            for (Account account : List.copyOf(accounts.values())) {
                if (!ids.contains(account.id())) gone.add(accounts.remove(account.id()));
            }
            Map<String, Account> ordered = new LinkedHashMap<>();
            for (AccountConfig one : wanted) {
                Account existing = accounts.get(one.id());
                if (existing != null) {
                    existing.reconfigure(one);
                    ordered.put(one.id(), existing);
                } else {
                    ordered.put(one.id(), startAccount(one));
                }
            }
            accounts.clear();
            accounts.putAll(ordered);
            publish();
        } finally {
            lock.unlock();
        }
        runInCluster(); // hands over the leases of the accounts gone, claims those added
        for (Account account : gone) {
            log.info("account {} is no longer configured; stopping it", account.id());
            account.stop();
            events.removed(account.id());
        }
    }

    private Account startAccount(AccountConfig config) {
        Account account = new Account(config, client, events, monitors.apply(config.id()), clock, dataDir);
        accounts.put(config.id(), account);
        if (cluster == null) {
            account.login();
        } else {
            account.awaitLease(); // logs in once this daemon takes the lease
        }
        return account;
    }

    /** Tells the cluster which accounts this daemon may hold now. Called without the lock: it may stop sessions. */
    private void runInCluster() {
        Cluster member = cluster;
        if (member == null) return;
        member.run(list().stream().map(Account::id).collect(Collectors.toCollection(java.util.LinkedHashSet::new)));
    }

    private void publish() {
        snapshot = List.copyOf(accounts.values());
    }

    /** Stops every account in parallel (each drains for its own drain time); the saved sessions stay. */
    @Override
    public void close() {
        Cluster member = cluster;
        if (member != null) member.close(); // hands every held account over after its drain, then leaves
        List<Account> all;
        lock.lock();
        try {
            all = List.copyOf(accounts.values());
        } finally {
            lock.unlock();
        }
        List<Thread> stopping = new ArrayList<>();
        for (Account account : all) stopping.add(Thread.startVirtualThread(account::stop));
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

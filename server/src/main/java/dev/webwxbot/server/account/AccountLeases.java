package dev.webwxbot.server.account;

import dev.webwxbot.cluster.AccountOwner;
import dev.webwxbot.core.SessionStateStorage;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's side of the cluster's leases: an account whose lease this daemon takes logs in on the state kept in
 * Redis; one it lets go of stops without logging out, so that the next holder resumes it. A handed-over account
 * first lets its received messages finish (its drain time); a lost lease stops at once, since the lease is about to
 * go to another daemon and writes after that are refused anyway. Thread-safe.
 */
final class AccountLeases implements AccountOwner {

    private static final Logger log = LoggerFactory.getLogger(AccountLeases.class);

    private final Function<String, Optional<Account>> accounts;
    private final AccountEvents events;
    /** The accounts this daemon holds, so a removed account still stops when its lease is let go. */
    private final Map<String, Account> held = new ConcurrentHashMap<>();

    AccountLeases(Function<String, Optional<Account>> accounts, AccountEvents events) {
        this.accounts = accounts;
        this.events = events;
    }

    @Override
    public void acquired(String account, SessionStateStorage storage) {
        Optional<Account> found = accounts.apply(account);
        if (found.isEmpty()) {
            log.debug("lease of account {} taken, but the account is no longer configured here", account);
            return;
        }
        held.put(account, found.get());
        events.leaseAcquired(account);
        log.info("account {}: this daemon holds its lease now; resuming it", account);
        found.get().hold(storage);
    }

    @Override
    public void released(String account, Release why) {
        Account leaving = held.remove(account);
        if (leaving == null) return;
        events.leaseReleased(account, why);
        switch (why) {
            case HANDED_OVER -> log.info("account {}: handed over to the cluster", account);
            case REMOVED -> log.info("account {}: no longer configured; its lease is given up", account);
            // The cluster logged why the lease was lost, once.
            case LOST -> log.info("account {}: stopped so that another daemon takes it over", account);
        }
        leaving.letGo(why == Release.LOST ? Duration.ZERO : leaving.config().drainTime());
    }
}

package dev.webwxbot.cluster;

import java.util.concurrent.atomic.AtomicReference;

/**
 * One account this daemon holds: its claim's lease value ({@code "<node> <token>"}, the fencing value of every
 * write), its renewal timer, its storage, and why it is leaving once it is (set once: the owner hears one release).
 */
final class Holding {

    final String account;
    final String claim;
    final LeaseTimer timer;
    final RedisStateStorage storage;
    private final AtomicReference<AccountOwner.Release> leaving = new AtomicReference<>();

    Holding(String account, String claim, LeaseTimer timer, RedisStateStorage storage) {
        this.account = account;
        this.claim = claim;
        this.timer = timer;
        this.storage = storage;
    }

    /** Marks it leaving for {@code why}; false when it was already leaving (the owner is told only once). */
    boolean leave(AccountOwner.Release why) {
        return leaving.compareAndSet(null, why);
    }

    AccountOwner.Release leaving() {
        return leaving.get();
    }
}
